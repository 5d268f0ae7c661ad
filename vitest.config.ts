import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'renderer/**/*.test.ts', 'electron/**/*.test.ts', 'scripts/**/*.test.ts', 'server/**/*.test.ts', 'tests/**/*.test.ts'],
    environment: 'node',
    // Dexie reads the IndexedDB globals when it loads, so they must exist before any import.
    setupFiles: ['fake-indexeddb/auto'],
    testTimeout: 30_000,
  },
});
