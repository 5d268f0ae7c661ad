import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './ui/global.css';
import './i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { startLeaderLoop } from './engine/leader';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

startLeaderLoop();

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
