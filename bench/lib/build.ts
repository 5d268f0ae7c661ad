// Builds what the browser benchmarks load, into a cache outside the repository:
//   - the app, with the repository's vite.config.ts, into its own folder (never dist/, which
//     other people's `npm run build` empties and refills while we measure);
//   - the bench page (bench/page), a plain Vite build of its two entries: index.html (the
//     benchmarks' helpers) and floor.html (the screens' floors: plain DOM, no framework).
// A build is reused while no source it depends on is newer than it.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// One cache per checkout: two worktrees benching at once would otherwise reuse (or empty)
// each other's builds, each made from different sources.
export const CACHE = path.join(tmpdir(), `counterflow-bench-${createHash('sha256').update(ROOT).digest('hex').slice(0, 8)}`);

function newestMtime(entries: string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p)) if (name !== 'node_modules' && !name.startsWith('.')) visit(path.join(p, name));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  for (const e of entries) visit(path.join(ROOT, e));
  return newest;
}

async function cached(name: string, sources: string[], force: boolean, build: (outDir: string) => Promise<void>, outputs = ['index.html']): Promise<{ dir: string; built: boolean; ms: number }> {
  const dir = path.join(CACHE, name);
  const stamp = path.join(CACHE, `${name}.stamp`);
  const newest = newestMtime(sources);
  const built = existsSync(stamp) ? Number(readFileSync(stamp, 'utf8')) : 0;
  if (!force && outputs.every((o) => existsSync(path.join(dir, o))) && built >= newest) return { dir, built: false, ms: 0 };
  mkdirSync(CACHE, { recursive: true });
  const t0 = performance.now();
  const startedAt = Date.now();
  await build(dir);
  // Stamp with the start time: a file saved during the build makes the next run rebuild.
  writeFileSync(stamp, String(Math.min(startedAt, Date.now())));
  return { dir, built: true, ms: performance.now() - t0 };
}

/** The app as `npm run build:e2e` makes it (the bench drives the engine through the e2e
 *  hook, which production builds leave out), but in the bench cache. */
export function buildApp(force = false) {
  return cached('app', ['renderer', 'shared', 'vite.config.ts', 'package-lock.json'], force, async (outDir) => {
    const { build } = await import('vite');
    await build({
      configFile: path.join(ROOT, 'vite.config.ts'),
      mode: 'e2e',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, sourcemap: false, ...(process.env.BENCH_MINIFY === '0' ? { minify: false } : {}) },
    });
  });
}

/** The bench page (bench/page/index.html + main.ts, which imports shared/ directly) and the floor page (floor.html + floor.ts). */
export function buildBenchPage(force = false) {
  const root = path.join(ROOT, 'bench/page');
  return cached(
    'page',
    ['bench/page', 'bench/lib', 'shared', 'renderer/boards/queries.ts', 'renderer/db.ts', 'renderer/config.ts', 'package-lock.json'],
    force,
    async (outDir) => {
      const { build } = await import('vite');
      await build({
        configFile: false,
        root,
        base: './',
        publicDir: false,
        logLevel: 'warn',
        build: {
          outDir,
          emptyOutDir: true,
          target: 'es2022',
          sourcemap: false,
          // BENCH_MINIFY=0 keeps names readable in --profile's .cpuprofile files.
          minify: process.env.BENCH_MINIFY !== '0',
          chunkSizeWarningLimit: 4000,
          rollupOptions: { input: { main: path.join(root, 'index.html'), floor: path.join(root, 'floor.html') } },
        },
      });
    },
    ['index.html', 'floor.html'],
  );
}
