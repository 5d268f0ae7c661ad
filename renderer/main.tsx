import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './ui/global.css';
import './ui/print.css';
import { languageReady } from './i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import Dexie from 'dexie';
import { config, takePendingDemoDelete } from './config';
import { db } from './db';
import { counter } from './engine/client';
import { startLeaderLoop } from './engine/leader';
import { requestPersistentStorage } from './platform/storage';
import { startScheduledBackups } from './settings/scheduledBackups';
import { markColorScheme } from './ui/colorScheme';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

// Open the window's database now, not at the first screen's first query: the open goes on in
// the browser while the first render takes the main thread (on a loaded machine the open took
// ~0.9 s and began only after that render). A failed open is reported by the queries.
void db.open().catch(() => undefined);

// A demo counter deleted from its own window: its database goes once this (shop) window
// starts; nothing here has it open, so only another window still on it can hold it up.
const demoToDelete = takePendingDemoDelete();
if (demoToDelete) void Dexie.delete(demoToDelete).catch(() => undefined);

startLeaderLoop();
void requestPersistentStorage();
startScheduledBackups();

// Test seam: Playwright seeds catalog and stock through the same engine the UI uses. Only in
// the dev server and the e2e build (`vite build --mode e2e`): the condition is a constant the
// production build folds to false, so the engine is never put on `window` there.
if ((import.meta.env.DEV || import.meta.env.MODE === 'e2e') && config.testHooks) {
  (window as unknown as { __counterflowTest: unknown }).__counterflowTest = { counter, db };
}

markColorScheme();
// At once in English; a Chinese window first loads its words (i18n/index.ts).
void languageReady.then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
