// `npm run electron:dev`: the renderer from Vite's dev server (hot reload) inside Electron.
//   1. starts the Vite dev server with the root vite.config.ts,
//   2. builds electron/main.ts and electron/preload.ts to dist-electron/ in watch mode,
//   3. launches Electron with VITE_DEV_SERVER_URL, restarting it when main or preload change.
// main.ts honours VITE_DEV_SERVER_URL only when the app is not packaged.
// Run with tsx (no extra packages: no concurrently / wait-on / electron-vite).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, createServer, type ViteDevServer } from 'vite';
import { electronBuildConfig, type ElectronEntry } from './vite.electron.config';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

interface Watcher {
  on(event: 'event', listener: (event: { code: string; error?: Error }) => void): unknown;
  close(): Promise<void>;
}

function electronBinary(): string {
  let resolved: unknown;
  try {
    resolved = require('electron');
  } catch (error) {
    throw new Error(`No Electron binary: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (typeof resolved !== 'string' || !existsSync(resolved)) throw new Error(`No Electron binary at ${String(resolved)}`);
  return resolved;
}

async function watchEntry(name: ElectronEntry, onBuilt: () => void): Promise<Watcher> {
  const output = await build({ ...electronBuildConfig(name, { watch: true }), configFile: false });
  if (!('on' in output) || !('close' in output)) throw new Error(`vite build --watch for ${name} did not return a watcher`);
  const watcher = output as unknown as Watcher;
  watcher.on('event', (event) => {
    if (event.code === 'END') onBuilt();
    if (event.code === 'ERROR') console.error(`[electron-dev] ${name} build failed:`, event.error?.message);
  });
  return watcher;
}

async function main(): Promise<void> {
  const executable = electronBinary();
  const server: ViteDevServer = await createServer({ configFile: path.join(root, 'vite.config.ts') });
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('The Vite dev server did not report a local URL');
  console.log(`[electron-dev] renderer at ${url}`);

  let child: ChildProcess | null = null;
  let restarting = false;
  let timer: NodeJS.Timeout | undefined;
  const built = new Set<ElectronEntry>();
  const watchers: Watcher[] = [];

  const shutdown = async (code: number): Promise<never> => {
    await Promise.allSettled([server.close(), ...watchers.map((w) => w.close())]);
    process.exit(code);
  };

  const start = (): void => {
    const env: NodeJS.ProcessEnv = { ...process.env, VITE_DEV_SERVER_URL: url };
    delete env.ELECTRON_RUN_AS_NODE;
    child = spawn(executable, ['.'], { cwd: root, env, stdio: 'inherit' });
    child.on('exit', (code) => {
      child = null;
      // Closed by the developer (not by a restart): stop everything.
      if (!restarting) void shutdown(code ?? 0);
    });
  };

  const restart = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (built.size < 2) return; // wait for both first builds
      const running = child;
      if (!running) return start();
      restarting = true;
      running.once('exit', () => {
        restarting = false;
        start();
      });
      running.kill();
    }, 200);
  };

  for (const name of ['main', 'preload'] as const) {
    watchers.push(
      await watchEntry(name, () => {
        built.add(name);
        restart();
      }),
    );
  }

  process.on('SIGINT', () => {
    child?.kill();
    void shutdown(0);
  });
}

main().catch((error: unknown) => {
  console.error(`[electron-dev] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
