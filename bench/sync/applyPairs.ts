// The counter's side of the first pull alone, without a server: pages saved once by
// `pullPairs.ts` (PULL_PAGES=file) are served from memory to the counter's own sync client
// (shared/sync/client.ts, JSON parsed as fetch would), beside Dexie's floor writing the same
// pages (bench/sync/pull.ts's floorWrite). Alternating pairs, wall clock and CPU of each.
//   npx tsx bench/sync/applyPairs.ts pages.json [pairs=3]
// PULL_BEFORE=dir (a checkout of another commit) adds that commit's sync client to each round.
// PULL_PROFILE=dir writes a CPU profile of each run there.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import Dexie from 'dexie';
import { CounterDb } from '../../shared/db/database';
import { openCounter } from '../../shared/engine/counter';
import { createSyncClient, type SyncTransport } from '../../shared/sync/client';
import type { PullPage } from '../../shared/sync/tables';
import { fmt } from '../lib/stats';
import { floorWrite } from './pull';
import { profiled } from './profiled';

const log = (text: string) => process.stderr.write(`${text}\n`);

interface Run {
  ms: number;
  cpuMs: number;
  rows: number;
}

async function timed(work: () => Promise<number>): Promise<Run> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const rows = await work();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, rows };
}

/** The page texts by the cursor they follow. */
function loadPages(file: string): Map<number, string> {
  const pages = JSON.parse(readFileSync(file, 'utf8')) as Array<{ after: number; text: string }>;
  return new Map(pages.map((p) => [p.after, p.text]));
}

interface PullCode {
  openCounter: typeof openCounter;
  createSyncClient: typeof createSyncClient;
}

async function clientPull(pages: Map<number, string>, dbName: string, use: PullCode = { openCounter, createSyncClient }): Promise<Run> {
  const transport: SyncTransport = async ({ method, url }) => {
    if (method === 'POST' && url.endsWith('/enrol')) return { status: 200, body: { deviceId: 'dev-pull', prefix: 'Z9', token: 't', name: 'Empty counter' } };
    const after = Number(new URL(url).searchParams.get('after'));
    const text = pages.get(after);
    if (text === undefined) throw new Error(`no page after ${after}`);
    return { status: 200, body: JSON.parse(text) as unknown };
  };
  const counter = await use.openCounter({ dbName, deviceId: 'bench-puller', operator: 'bench' });
  try {
    const sync = use.createSyncClient(counter.db, transport);
    const enrolled = await sync.enrol('http://server.invalid', 'code');
    if (!enrolled.ok) throw new Error(enrolled.message);
    return await timed(async () => {
      const outcome = await sync.syncOnce();
      if (outcome.state !== 'synced') throw new Error(`the pull did not finish: ${JSON.stringify(outcome)}`);
      return outcome.pulled;
    });
  } finally {
    await counter.close();
    await Dexie.delete(dbName);
  }
}

async function floor(pages: Map<number, string>, dbName: string): Promise<Run> {
  const db = new CounterDb(dbName);
  await db.open();
  try {
    const parsed = [...pages.values()].map((t) => JSON.parse(t) as PullPage);
    return await timed(async () => {
      let rows = 0;
      for (const page of parsed) rows += await floorWrite(db, page);
      return rows;
    });
  } finally {
    db.close();
    await Dexie.delete(dbName);
  }
}

async function main(): Promise<void> {
  const [file, pairsText] = process.argv.slice(2);
  if (!file) throw new Error('usage: applyPairs.ts pages.json [pairs]');
  const pages = loadPages(file);
  const pairs = Number(pairsText ?? 3);
  const show = (name: string, r: Run) => log(`  ${name} ${fmt(r.ms / 1000)} s, cpu ${fmt(r.cpuMs / 1000)} s (${fmt(r.rows)} rows) load ${loadavg()[0]!.toFixed(1)}`);
  const dir = process.env.PULL_BEFORE;
  const before: PullCode | undefined = dir
    ? {
        openCounter: ((await import(`${dir}/shared/engine/counter.ts`)) as { openCounter: typeof openCounter }).openCounter,
        createSyncClient: ((await import(`${dir}/shared/sync/client.ts`)) as { createSyncClient: typeof createSyncClient }).createSyncClient,
      }
    : undefined;
  for (let i = 0; i < pairs; i++) {
    const runs: Array<[string, () => Promise<Run>]> = [
      ['pull', () => clientPull(pages, `apply-pull-${i}`)],
      ['floor', () => floor(pages, `apply-floor-${i}`)],
    ];
    if (before) runs.push(['before', () => clientPull(pages, `apply-before-${i}`, before)]);
    const got: Record<string, Run> = {};
    for (let k = 0; k < runs.length; k++) {
      const [name, run] = runs[(k + i) % runs.length]!;
      got[name] = await profiled(`apply-${name}-${i}`, run);
      show(name.padEnd(6), got[name]);
    }
    const ratio = (name: string) => `${name}/floor wall ${(got[name]!.ms / got.floor!.ms).toFixed(2)}x, cpu ${(got[name]!.cpuMs / got.floor!.cpuMs).toFixed(2)}x`;
    log(`round ${i + 1}: ${ratio('pull')}${before ? `; ${ratio('before')}` : ''}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
