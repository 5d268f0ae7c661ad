import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './ui/global.css';
import './i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { config } from './config';
import { db } from './db';
import { counter } from './engine/client';
import { startLeaderLoop } from './engine/leader';
import { requestPersistentStorage } from './platform/storage';
import { markColorScheme } from './ui/colorScheme';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

startLeaderLoop();
void requestPersistentStorage();

// Test seam: Playwright seeds catalog and stock through the same engine the UI uses.
if (config.testHooks) {
  (window as unknown as { __counterflowTest: unknown }).__counterflowTest = { counter, db };
}

markColorScheme();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
