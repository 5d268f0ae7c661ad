import { defineConfig } from '@playwright/test';

// Electron shell tests: Playwright launches the built app (dist/ + dist-electron/) with
// _electron.launch, so there is no web server and no browser project. Build first:
//   npm run build && npm run build:electron && playwright test -c e2e/electron/playwright.config.ts
// Where no Electron binary is installed the tests skip themselves and say why.
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/electron',
  fullyParallel: false,
  // One Electron app at a time: the app holds a single-instance lock.
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  use: { trace: 'retain-on-failure' },
});
