// npm run bench [-- --quick] [--json FILE] [--only 1,3,5] [--profile DIR] [--rebuild] [--write-results]
// npm run bench -- --sync [--quick] [--json FILE] [--write-results]: the sync benchmark alone (8)
//
// Measures the engine, the scanner path, the board and search beside their targets (issue
// #6). Figures are printed as they come and gathered in a final table; nothing fails on
// time: the exit status is non-zero only when a benchmark could not run at all.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchInterpreter } from './interpreter';
import { benchCommand, benchImportFloor, benchLedger, benchLookups, seedOrders } from './browser';
import { benchBoard, benchMemory, benchScan, type AppState } from './app';
import { headlineTable, markdownTable, printFigure, ratioFigure, table, verdict, type Figure } from './lib/report';
import { fmt } from './lib/stats';
import { storageAtRest } from './lib/settle';
import { ROOT } from './lib/build';
import { openSession, sizesFor, type Options, type Session, type Sizes } from './session';

const USAGE = `usage: npm run bench [-- options]
  --quick            small sizes (2 000 orders, 20 000 ledger rows), under a minute
  --json FILE        write every figure (and the machine) as JSON
  --only LIST        benchmarks to run, e.g. --only 1,2 (3, 5, 6, 7 seed the orders of 4)
  --orders N         orders to seed in Chromium (default 100 000, quick 10 000)
  --profile DIR      save CPU profiles of the browser benchmarks (.cpuprofile) in DIR
  --rebuild          rebuild the app and the bench page even if their cache is fresh
  --write-results    rewrite the figures tables in bench/RESULTS.md and README.md
  --results-from F   only rewrite that table from a JSON file written by --json
  --sync             the sync benchmark (8) alone: 20 counters push 10 000 commands to the
                     server on PGlite and on PostgreSQL, an empty counter pulls 100 000 orders
                     (quick: 2 000 commands, 10 000 orders); --write-results rewrites its own
                     tables (README and bench/RESULTS.md), not the others'
environment: BENCH_MINIFY=0 (unminified app, for profiles), BENCH_LABELS=N (labels in bench 6),
             BENCH_SKIP_SPLIT=1 (bench 6 drops a label whose scan split instead of failing)`;

interface Cli extends Options {
  sync: boolean;
  writeResults: boolean;
  resultsFrom: string | null;
  orders: number | null;
}

function parseArgs(argv: string[]): Cli {
  const cli: Cli = { sync: false, quick: false, json: null, profile: null, only: new Set(), rebuild: false, writeResults: false, resultsFrom: null, orders: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
      return v;
    };
    if (arg === '--quick') cli.quick = true;
    else if (arg === '--json') cli.json = path.resolve(value());
    else if (arg === '--profile') cli.profile = path.resolve(value());
    else if (arg === '--only') for (const n of value().split(',')) cli.only.add(Number(n));
    else if (arg === '--orders') cli.orders = Number(value());
    else if (arg === '--rebuild') cli.rebuild = true;
    else if (arg === '--sync') cli.sync = true;
    else if (arg === '--write-results') cli.writeResults = true;
    else if (arg === '--results-from') cli.resultsFrom = path.resolve(value());
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  return cli;
}

function machine() {
  let chromium = 'unknown';
  try {
    chromium = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    /* reported as unknown */
  }
  const pkg = (name: string) => {
    try {
      return (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      return 'unknown';
    }
  };
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGB: Math.round(os.totalmem() / 1024 ** 3),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
    chromium,
    dexie: pkg('dexie'),
    xstate: pkg('xstate'),
  };
}

const load = () => os.loadavg().map((l) => Number(l.toFixed(2)));

/** Node (fake-indexeddb) import in a child process, so its peak memory is its own. */
function nodeSeed(orders: number): Promise<{ ms: number; orders: number; count: number; peakHeap: number; maxRss: number; cpuMs: number; floor: { ms: number; rows: number; transactions: number } }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', path.join(ROOT, 'bench/node-seed.ts'), String(orders)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`node-seed exited with ${code}: ${out}`));
      try {
        resolve(JSON.parse(line));
      } catch {
        reject(new Error(`node-seed printed no result: ${out}`));
      }
    });
  });
}

/** The sync benchmark (bench/sync/main.ts) in a child process: its heap holds the pulled orders. */
function benchSync(quick: boolean): Promise<Figure[]> {
  // counters, commands, commands per push, orders to pull
  const args = quick ? ['20', '2000', '10', '10000'] : ['20', '10000', '10', '100000'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', path.join(ROOT, 'bench/sync/main.ts'), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`bench/sync/main.ts exited with ${code}: ${out}`));
      try {
        resolve(JSON.parse(line) as Figure[]);
      } catch {
        reject(new Error(`bench/sync/main.ts printed no result: ${out}`));
      }
    });
  });
}

async function benchNodeImport(sizes: Sizes): Promise<Figure[]> {
  const r = await nodeSeed(sizes.nodeOrders);
  const MB = 1024 * 1024;
  const figures: Figure[] = [
    {
      key: 'import.orders_node_s',
      bench: 4,
      label: `Import ${fmt(sizes.nodeOrders)} orders: Node + fake-indexeddb, seedDemo`,
      value: r.ms / 1000,
      unit: 's',
      // Informational: the target is its ratio to the floor below, which holds on any machine.
      note: `${fmt((r.orders * 1000) / r.ms)} orders/s; CPU ${fmt(r.cpuMs / 1000)} s`,
      detail: r,
    },
    { key: 'import.orders_node_peak_mb', bench: 4, label: 'Import orders: Node peak heap / max RSS', value: r.peakHeap / MB, unit: 'MB', note: `max RSS ${fmt(r.maxRss / MB)} MB` },
    {
      key: 'import.orders_node_floor_s',
      bench: 4,
      floorOf: 'import.orders_node_s',
      label: `Import ${fmt(sizes.nodeOrders)} orders: the same rows by fake-indexeddb alone`,
      value: r.floor.ms / 1000,
      unit: 's',
      note: `${fmt(r.floor.rows)} rows in ${r.floor.transactions} transactions, ${fmt((r.floor.rows * 1000) / r.floor.ms)} rows/s; written after the import into a second database, each slice deleted from the first once read`,
    },
  ];
  const [imported, , floor] = figures;
  figures.push(
    ratioFigure({
      key: 'import.orders_node_ratio',
      bench: 4,
      label: `Import ${fmt(sizes.nodeOrders)} orders: Node seedDemo / fake-indexeddb alone`,
      figure: imported!,
      floor: floor!,
      max: 1.25,
      note: sizes.nodeOrders === 100_000 ? undefined : `${fmt(sizes.nodeOrders)} orders (quick size): the ratio of 100 000 may differ`,
    }),
  );
  return figures;
}

/** Waits for Chromium's storage to stop compacting the import, and reports how long that took. */
async function benchStorageAtRest(session: Session): Promise<Figure[]> {
  const r = await storageAtRest(session.chromium.profileDir, session.options.quick);
  const label = "Import orders: Chromium's storage busy after it";
  if (!r) return [{ key: 'import.orders_settle_s', bench: 4, label, value: null, unit: 's', note: 'n/a: reads /proc (Linux only); nothing waited for' }];
  return [
    {
      key: 'import.orders_settle_s',
      bench: 4,
      label,
      value: r.waitedMs / 1000,
      unit: 's',
      note: `${r.settled ? 'until' : 'not settled after'} the browser process used < ${r.quietShare * 100} % of a core for ${r.quietMs / 1000} s (${fmt(r.firstShare * 100)} % in the first second); benchmarks 3, 5-7 start after it`,
      detail: { ...r },
    },
  ];
}

async function main(): Promise<void> {
  const cli = parseArgs(process.argv.slice(2));
  if (cli.resultsFrom) {
    writeResults(JSON.parse(readFileSync(cli.resultsFrom, 'utf8')) as Parameters<typeof writeResults>[0]);
    return;
  }
  const want = (n: number) => !cli.sync && (cli.only.size === 0 || cli.only.has(n));
  const started = new Date();
  const info = machine();
  const loadStart = load();
  console.log(`Counterflow benchmarks — ${started.toISOString()}${cli.quick ? ' — QUICK (small sizes)' : ''}`);
  console.log(`  ${info.cpus} cores (${info.cpuModel}), ${info.memoryGB} GB, ${info.platform}; node ${info.node}; ${info.chromium}`);
  console.log(`  load average ${loadStart.join(' / ')} (others' processes share these cores: read ratios before absolute times)\n`);

  const figures: Figure[] = [];
  const failures: string[] = [];
  // A benchmark that hangs (a blocked database, a page that never paints) is reported, not waited for.
  // A quick run given its own --orders (e.g. 30 000) may take longer than the quick sizes.
  const limitMs = cli.quick && !cli.sync && !cli.orders ? 120_000 : 45 * 60_000;
  const step = async (n: number, title: string, run: () => Promise<Figure[]>) => {
    console.log(`[${n}] ${title}`);
    const t0 = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no result after ${limitMs / 1000} s`)), limitMs);
      });
      const got = await Promise.race([run(), timeout]);
      got.forEach(printFigure);
      figures.push(...got);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.error(`    FAILED: ${message}`);
      failures.push(`${n} ${title}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      clearTimeout(timer);
    }
    console.log(`    (${fmt((performance.now() - t0) / 1000)} s)\n`);
  };

  if (cli.sync) await step(8, 'Sync: pushes of 20 counters, an empty counter pulling (Node, server on PGlite and PostgreSQL)', () => benchSync(cli.quick));

  if (want(1)) await step(1, 'Interpreter vs XState v5 pure transition (Node)', () => benchInterpreter({ quick: cli.quick }));

  const sizes = { ...sizesFor(cli.quick), ...(cli.orders ? { orders: cli.orders } : {}) };
  const browserWanted = [2, 3, 4, 5, 6, 7].some(want);
  let session: Session | null = null;
  if (browserWanted) {
    const t0 = performance.now();
    session = await openSession(cli);
    session.sizes = sizes;
    const built = [session.builds.page.built && 'bench page', session.builds.app.built && 'app'].filter(Boolean);
    console.log(`  Chromium at ${session.origin}${built.length ? `; built ${built.join(' and ')} in ${fmt((performance.now() - t0) / 1000)} s` : '; builds reused from cache'}\n`);
  }
  const state: AppState = { page: null };
  try {
    if (session) {
      const s = session;
      if (want(2)) await step(2, 'Engine command vs raw Dexie (Chromium, IndexedDB)', () => benchCommand(s));
      if ([3, 4, 5, 6, 7].some(want)) {
        await step(4, `Import ${fmt(sizes.orders)} orders in Chromium (seeds benchmarks 3, 5-7)`, () => seedOrders(s));
        await step(4, 'Storage at rest after the import (before benchmarks 3, 5-7)', () => benchStorageAtRest(s));
      }
      if (want(3)) await step(3, 'Lookup and search (Chromium)', () => benchLookups(s));
      if (want(5) || want(7)) await step(5, 'Board (built app, Chromium)', () => benchBoard(s, state));
      if (want(7)) await step(7, 'Renderer memory (board loaded)', () => benchMemory(s, state));
      if (want(6)) await step(6, 'Scan to screen (built app, Chromium)', () => benchScan(s, state));
      if (want(4)) await step(4, `The import's rows of ${fmt(sizes.orders)} orders again, by IndexedDB alone`, () => benchImportFloor(s));
      if (want(4)) await step(4, `Import ${fmt(sizes.ledgerRows)} ledger rows in Chromium`, () => benchLedger(s));
    }
  } finally {
    await session?.close();
  }
  // After Chromium is gone, so the two do not compete for the cores.
  if (want(4)) await step(4, `Import ${fmt(sizes.nodeOrders)} orders in Node (fake-indexeddb)`, () => benchNodeImport(sizes));

  const ordered = [...figures].sort((a, b) => a.bench - b.bench);
  const loadEnd = load();
  console.log('Summary');
  console.log(table(ordered));
  const misses = ordered.filter((f) => verdict(f) === 'MISSES');
  if (misses.length) console.log(`\n${misses.length} figure(s) miss their target: ${misses.map((f) => f.key).join(', ')} (see bench/RESULTS.md for causes)`);
  console.log(`\nload average at the end ${loadEnd.join(' / ')}; took ${fmt((Date.now() - started.getTime()) / 1000)} s`);

  const report = { date: started.toISOString(), quick: cli.quick, sync: cli.sync, machine: { ...info, loadStart, loadEnd }, sizes, figures: ordered, failures };
  if (cli.json) {
    writeFileSync(cli.json, JSON.stringify(report, null, 2));
    console.log(`JSON written to ${cli.json}`);
  }
  if (cli.writeResults) writeResults(report);
  if (failures.length) {
    console.error(`\n${failures.length} benchmark(s) could not run:\n  ${failures.join('\n  ')}`);
    process.exitCode = 1;
  }
}

/**
 * Replaces the generated blocks (between their markers) with this run: every figure in
 * bench/RESULTS.md, the figures with a target in the README.
 */
function writeResults(report: { date: string; quick: boolean; sync?: boolean; machine: ReturnType<typeof machine> & { loadStart: number[]; loadEnd: number[] }; figures: Figure[] }): void {
  const m = report.machine;
  const run =
    `Run of ${report.date.slice(0, 16).replace('T', ' ')} UTC${report.quick ? ' (QUICK sizes)' : ''} — ${m.cpus} cores (${m.cpuModel}), ${m.memoryGB} GB; ` +
    `node ${m.node}; ${m.chromium}; Dexie ${m.dexie}; XState ${m.xstate}; load average ${m.loadStart[0]} at start, ${m.loadEnd[0]} at end.`;
  // The sync benchmark runs on its own (--sync): its tables are blocks of their own.
  replaceBlock('bench/RESULTS.md', report.sync ? 'sync-figures' : 'figures', [run, '', markdownTable(report.figures)]);
  replaceBlock('README.md', report.sync ? 'sync-bench' : 'bench', [run, '', headlineTable(report.figures), '', 'Every figure, with notes, causes of the misses and the before/after: `bench/RESULTS.md`.']);
}

function replaceBlock(relative: string, marker: string, lines: string[]): void {
  const file = path.join(ROOT, relative);
  const block = [`<!-- ${marker}:start (written by \`npm run bench -- --write-results\`) -->`, ...lines, `<!-- ${marker}:end -->`].join('\n');
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // A missing file gets the block alone.
  }
  const re = new RegExp(`<!-- ${marker}:start[\\s\\S]*?<!-- ${marker}:end -->`);
  writeFileSync(file, re.test(text) ? text.replace(re, block) : `${text}\n${block}\n`);
  console.log(`${relative} updated`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
