// The first pull alone, for working on it: a PostgreSQL server fed by a small push (the
// order templates), seeded to N orders, then an empty counter's pull and Dexie's floor run
// in alternating pairs, each pair printed with the load average. Where the pull's time goes
// is split three ways by wrapping its transport: waiting for the server (its page query and
// HTTP), the response's JSON, and the rest (the counter's apply).
//   npx tsx bench/sync/pullPairs.ts [orders=10000] [pairs=3] [commands=400]
// PULL_BEFORE=dir (a checkout of another commit, node_modules linked) adds that commit's
// pull to each round: its server (another port on the same database) and its sync client.
// PULL_PAGES=file saves the pages' texts for applyPairs.ts.
// PULL_PROFILE=dir writes a CPU profile of each timed pull and floor there (inspector).
// PULL_EXPLAIN=file writes EXPLAIN ANALYZE of the page query at the first and the last page
// there and prints both times (does a deep cursor cost more?).
import 'fake-indexeddb/auto';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import Dexie from 'dexie';
import { openCounter } from '../../shared/engine/counter';
import { createSyncClient, type SyncTransport } from '../../shared/sync/client';
import { fmt } from '../lib/stats';
import { benchPostgres } from './postgres';
import { PULL_PAGE_DEFAULT } from '../../shared/sync/tables';
import { dexieFloor } from './pull';
import { explainAnalyzePull } from './explain';
import { runPush } from './push';
import { seedOrders } from './seedOrders';
import { ADMIN_TOKEN, enrolDevice, openDatabase, startServer } from './server';
import { profiled } from './profiled';

const log = (text: string) => process.stderr.write(`${text}\n`);
const load = () => loadavg()[0]!.toFixed(1);

interface Split {
  ms: number;
  cpuMs: number;
  serverMs: number;
  jsonMs: number;
  rows: number;
  /** Between one page's request and the next's (the next is asked for once a page is in, so
   *  each is one page's step: its apply or the server's next page, whichever is longer). */
  perPage: number[];
}

/** Mean ms a page over the first and the last tenth of the pages: does a page cost more as
 *  the tables fill? */
function tenths(perPage: number[]): string {
  const n = Math.max(1, Math.floor(perPage.length / 10));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return `first tenth ${fmt(mean(perPage.slice(0, n)))} ms/page, last ${fmt(mean(perPage.slice(-n)))}`;
}

interface PullCode {
  openCounter: typeof openCounter;
  createSyncClient: typeof createSyncClient;
}
const OWN: PullCode = { openCounter, createSyncClient };

/** Another checkout's sync client, and its server on the same database. */
async function beforeCode(dir: string, database: Awaited<ReturnType<typeof openDatabase>>): Promise<{ code: PullCode; url: string; close: () => Promise<void> }> {
  const counterModule = (await import(`${dir}/shared/engine/counter.ts`)) as { openCounter: typeof openCounter };
  const clientModule = (await import(`${dir}/shared/sync/client.ts`)) as { createSyncClient: typeof createSyncClient };
  const appModule = (await import(`${dir}/server/app.ts`)) as typeof import('../../server/app');
  const engineModule = (await import(`${dir}/server/engine.ts`)) as typeof import('../../server/engine');
  const trackingModule = (await import(`${dir}/server/storage/pgTracking.ts`)) as typeof import('../../server/storage/pgTracking');
  const engine = await engineModule.startEngine(trackingModule.pgTrackingStorage(database));
  const app = appModule.buildApp({ engine, database, adminToken: ADMIN_TOKEN });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return { code: { openCounter: counterModule.openCounter, createSyncClient: clientModule.createSyncClient }, url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

/** The counter's own pull (shared/sync/client.ts), its transport timed. */
async function timedPull(url: string, dbName: string, use: PullCode = OWN): Promise<Split> {
  let serverMs = 0;
  let jsonMs = 0;
  let requests: number[] = [];
  const transport: SyncTransport = async ({ method, url: to, token, body }) => {
    const t0 = performance.now();
    if (to.includes('/pull?')) requests.push(t0);
    const response = await fetch(to, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const t1 = performance.now();
    const parsed: unknown = JSON.parse(text);
    jsonMs += performance.now() - t1;
    serverMs += t1 - t0;
    return { status: response.status, body: parsed };
  };
  const counter = await use.openCounter({ dbName, deviceId: 'bench-puller', operator: 'bench' });
  try {
    const sync = use.createSyncClient(counter.db, transport);
    const code = await fetch(`${url}/admin/enrolment-codes`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Empty counter' }) });
    const enrolled = await sync.enrol(url, ((await code.json()) as { code: string }).code);
    if (!enrolled.ok) throw new Error(enrolled.message);
    serverMs = 0;
    jsonMs = 0;
    requests = [];
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const outcome = await sync.syncOnce();
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    if (outcome.state !== 'synced') throw new Error(`the pull did not finish: ${JSON.stringify(outcome)}`);
    const perPage = requests.slice(1).map((t, k) => t - requests[k]!);
    return { ms, cpuMs: (cpu.user + cpu.system) / 1000, serverMs, jsonMs, rows: outcome.pulled, perPage };
  } finally {
    await counter.close();
    await Dexie.delete(dbName);
  }
}

/** Every page of a pull from 0, as the server's texts, by the cursor each follows. */
async function savePages(url: string, file: string): Promise<void> {
  const device = await enrolDevice(url, 'Page saver');
  const pages: Array<{ after: number; text: string }> = [];
  for (let after = 0; ; ) {
    const response = await fetch(`${url}/pull?after=${after}&limit=${PULL_PAGE_DEFAULT}`, { headers: { authorization: `Bearer ${device.token}` } });
    const text = await response.text();
    pages.push({ after, text });
    const page = JSON.parse(text) as { cursor: number; more: boolean };
    if (!page.more) break;
    after = page.cursor;
  }
  writeFileSync(file, JSON.stringify(pages));
  log(`saved ${pages.length} pages to ${file}`);
}

/** The page query's plan at the first page and at the last (the deepest cursor). */
async function explainEnds(database: Awaited<ReturnType<typeof openDatabase>>, file: string): Promise<void> {
  const q = await database.connect();
  let head: number;
  try {
    head = Number((await q.query<{ v: string }>('SELECT last_value::text AS v FROM change_seq')).rows[0]!.v);
  } finally {
    q.release();
  }
  const texts: string[] = [];
  for (const [name, after] of [['first page', 0], ['last page', Math.max(0, head - PULL_PAGE_DEFAULT)]] as const) {
    await explainAnalyzePull(database, after); // warm
    const r = await explainAnalyzePull(database, after);
    log(`  page query, ${name} (after ${after} of ${head}): ${fmt(r.ms)} ms`);
    texts.push(`-- ${name}, after ${after} of ${head}\n${r.plan}`);
  }
  writeFileSync(file, texts.join('\n\n'));
}

async function main(): Promise<void> {
  const [orders = 10_000, pairs = 3, commands = 400] = process.argv.slice(2).map(Number);
  const postgres = await benchPostgres();
  if (typeof postgres === 'string') throw new Error(`no PostgreSQL: ${postgres}`);
  try {
    const server = await startServer(await openDatabase({ kind: 'postgres', pool: () => postgres.pool(10) }));
    try {
      await runPush(server.url, { counters: 4, total: commands, batch: 10 });
      const seeded = await seedOrders(server.database, orders);
      log(`seeded ${fmt(seeded.orders)} orders (${fmt(seeded.rows)} rows) from ${seeded.templates} templates in ${fmt(seeded.ms / 1000)} s`);
      if (process.env.PULL_PAGES) await savePages(server.url, process.env.PULL_PAGES);
      if (process.env.PULL_EXPLAIN) await explainEnds(server.database, process.env.PULL_EXPLAIN);
      const before = process.env.PULL_BEFORE ? await beforeCode(process.env.PULL_BEFORE, server.database) : undefined;
      for (let i = 0; i < pairs; i++) {
        const runFloor = async () => {
          const f = await profiled(`floor-${i}`, () => dexieFloor(server.url, `pairs-floor-${i}`));
          log(`  floor  ${fmt(f.ms / 1000)} s (cpu ${fmt(f.cpuMs / 1000)} s; ${fmt(f.rows)} rows, ${f.pages} pages; ${tenths(f.perPage)}) load ${load()}`);
          return f.ms;
        };
        const runPull = (name: string, url: string, code?: PullCode) => async () => {
          const p = await profiled(`${name}-${i}`, () => timedPull(url, `pairs-${name}-${i}`, code));
          log(`  ${name.padEnd(6)} ${fmt(p.ms / 1000)} s (${fmt(p.rows)} rows; cpu ${fmt(p.cpuMs / 1000)} s; waiting for the server ${fmt(p.serverMs / 1000)} s, JSON ${fmt(p.jsonMs / 1000)} s, rest ${fmt((p.ms - p.serverMs - p.jsonMs) / 1000)} s; ${tenths(p.perPage)}) load ${load()}`);
          return p.ms;
        };
        const runs: Array<[string, () => Promise<number>]> = [['pull', runPull('pull', server.url)], ['floor', runFloor]];
        if (before) runs.push(['before', runPull('before', before.url, before.code)]);
        // Each round starts with a different one.
        const order = runs.map((_, k) => runs[(k + i) % runs.length]!);
        const ms: Record<string, number> = {};
        for (const [name, run] of order) ms[name] = await run();
        log(`round ${i + 1}: pull/floor ${(ms.pull! / ms.floor!).toFixed(2)}x${before ? `, before/floor ${(ms.before! / ms.floor!).toFixed(2)}x` : ''}`);
      }
      await before?.close();
    } finally {
      await server.close();
    }
  } finally {
    await postgres.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
