import { defineConfig, devices } from '@playwright/test';

// Browser-mode end-to-end tests against the built renderer (`npm run build` runs first).
// Electron shell tests live in e2e/electron and have their own config.
// PW_PORT picks another port when several people run the suite on one machine; the server
// is only reused when asked (PW_REUSE=1), never someone else's by accident.
const PORT = Number(process.env.PW_PORT ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  testIgnore: ['electron/**'],
  outputDir: 'test-results',
  fullyParallel: true,
  workers: 2,
  // Generous: every wait is for a condition, so a broken test still fails at its first
  // wrong condition; a busy machine (2 cores shared by several runs) only makes the right
  // ones slower. Under such load each step took 2-8 s and whole tests over 45 s.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: 'list',
  use: {
    baseURL: `http://localhost:${PORT}/`,
    viewport: { width: 1366, height: 768 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    locale: 'en-US',
    timezoneId: 'UTC',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1366, height: 768 },
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        },
      },
    },
  ],
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: process.env.PW_REUSE === '1',
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
