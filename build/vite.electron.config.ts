// Builds the Electron main process and preload into dist-electron/ (Vite library mode).
//
// Two outputs with different module formats need two builds, selected with --mode:
//   vite build -c build/vite.electron.config.ts --mode main     -> dist-electron/main.js (ESM)
//   vite build -c build/vite.electron.config.ts --mode preload  -> dist-electron/preload.cjs (CJS)
// main.js is ESM because package.json has "type": "module" (Electron >= 28 loads ESM mains).
// The preload must be one CommonJS file: a sandboxed preload cannot load ESM nor its own
// modules, only require('electron'). Both bundle their dependencies (zod, the contract), so the
// packaged app needs no node_modules at runtime (see electron-builder.yml).
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist-electron');

// Electron and Node built-ins are provided by the runtime; everything else is bundled.
const external = ['electron', /^electron\/.+/, /^node:/, ...builtinModules];

const entries = {
  main: { entry: path.join(root, 'electron/main.ts'), format: 'es', fileName: 'main.js' },
  preload: { entry: path.join(root, 'electron/preload.ts'), format: 'cjs', fileName: 'preload.cjs' },
} as const;

export type ElectronEntry = keyof typeof entries;

function isElectronEntry(mode: string): mode is ElectronEntry {
  return mode in entries;
}

/** The build of one entry; also used by build/electron-dev.ts in watch mode. */
export function electronBuildConfig(name: ElectronEntry, options: { watch?: boolean } = {}): UserConfig {
  const { entry, format, fileName } = entries[name];
  return {
    root,
    // No public dir / env files of the renderer leak into the main-process bundles.
    publicDir: false,
    envDir: false,
    logLevel: 'warn',
    build: {
      outDir,
      // The main build runs first and clears stale files; the preload build must not wipe
      // main.js, and in watch mode neither may wipe the other's output.
      emptyOutDir: name === 'main' && !options.watch,
      target: 'node22',
      minify: false,
      sourcemap: true,
      reportCompressedSize: false,
      copyPublicDir: false,
      lib: { entry, formats: [format], fileName: () => fileName },
      rolldownOptions: {
        external,
        output: { codeSplitting: false },
      },
      watch: options.watch ? { include: [path.join(root, 'electron/**')] } : null,
    },
    // Resolve packages (zod) for Node, not for the browser.
    resolve: { conditions: ['node', 'import', 'module', 'default'], mainFields: ['module', 'main'] },
  };
}

export default defineConfig(({ mode }): UserConfig => {
  if (!isElectronEntry(mode)) {
    throw new Error(`build/vite.electron.config.ts: run with --mode main or --mode preload (got "${mode}")`);
  }
  return electronBuildConfig(mode);
});
