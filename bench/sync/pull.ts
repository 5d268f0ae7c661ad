// The pull half of the sync benchmark: an empty counter (Dexie on fake-indexeddb, in this
// process) enrols and catches up on everything the server holds through the counter's own
// sync client (shared/sync/client.ts) over HTTP. Its floor: the same pages, fetched again
// with the clock stopped, written into an empty database of the counter's schema by Dexie
// alone: one transaction a page, one bulkPut a table.
import Dexie from 'dexie';
import { CounterDb } from '../../shared/db/database';
import { openCounter } from '../../shared/engine/counter';
import { createSyncClient, type SyncTransport } from '../../shared/sync/client';
import { PULL_PAGE_DEFAULT, SYNC_TABLES, type PullPage } from '../../shared/sync/tables';
import { call, enrolDevice } from './server';

export const fetchTransport: SyncTransport = async ({ method, url, token, body }) => call(url, { method, token, body });

export interface PullRun {
  ms: number;
  /** This process's CPU during the pull: the counter, and the server's HTTP side it also runs. */
  cpuMs: number;
  changes: number;
  orders: number;
  pages: number;
}

export async function pullAsEmptyCounter(url: string, dbName: string): Promise<PullRun> {
  const counter = await openCounter({ dbName, deviceId: 'bench-puller', operator: 'bench' });
  try {
    const sync = createSyncClient(counter.db, fetchTransport);
    const code = await call<{ code: string }>(`${url}/admin/enrolment-codes`, { method: 'POST', token: 'bench-admin', body: { name: 'Empty counter' } });
    const enrolled = await sync.enrol(url, code.body.code);
    if (!enrolled.ok) throw new Error(enrolled.message);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const outcome = await sync.syncOnce();
    const cpu = process.cpuUsage(cpu0);
    const ms = performance.now() - t0;
    if (outcome.state !== 'synced') throw new Error(`the pull did not finish: ${JSON.stringify(outcome)}`);
    return { ms, cpuMs: (cpu.user + cpu.system) / 1000, changes: outcome.pulled, orders: await counter.db.orders.count(), pages: Math.ceil(outcome.pulled / PULL_PAGE_DEFAULT) };
  } finally {
    await counter.close();
    await Dexie.delete(dbName);
  }
}

export interface DexieFloor {
  ms: number;
  /** This process's CPU during the timed writes. */
  cpuMs: number;
  rows: number;
  pages: number;
  /** Each page's timed write, ms, in page order. */
  perPage: number[];
}

/** One page as Dexie alone writes it: one transaction, one bulkPut a table; its rows. */
export async function floorWrite(db: CounterDb, page: PullPage): Promise<number> {
  const byTable = new Map<string, object[]>();
  for (const { table, row } of page.changes) {
    const name = SYNC_TABLES[table];
    // Events, movements and checkpoints get their local numbers here, as the pull gives them.
    const { seq: _seq, ...rest } = row as { seq?: number };
    (byTable.get(name) ?? byTable.set(name, []).get(name)!).push(name === 'events' || name === 'stockLedger' || name === 'checkpoints' ? rest : (row as object));
  }
  if (byTable.size === 0) return 0;
  await db.transaction('rw', [...byTable.keys()], async () => {
    for (const [name, list] of byTable) await db.table(name).bulkPut(list);
  });
  return page.changes.length;
}

/** The same pages written by Dexie bulkPut alone; only the writes are timed. */
export async function dexieFloor(url: string, dbName: string): Promise<DexieFloor> {
  const device = await enrolDevice(url, 'Floor reader');
  const db = new CounterDb(dbName);
  await db.open();
  let ms = 0;
  let cpuMs = 0;
  let rows = 0;
  let pages = 0;
  const perPage: number[] = [];
  try {
    for (let cursor = 0; ; ) {
      const page = await call<PullPage>(`${url}/pull?after=${cursor}&limit=${PULL_PAGE_DEFAULT}`, { method: 'GET', token: device.token });
      if (page.status !== 200) throw new Error(`pull answered ${page.status}`);
      if (page.body.changes.length === 0) break;
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      await floorWrite(db, page.body);
      const cpu = process.cpuUsage(cpu0);
      cpuMs += (cpu.user + cpu.system) / 1000;
      perPage.push(performance.now() - t0);
      ms += perPage.at(-1)!;
      rows += page.body.changes.length;
      pages++;
      cursor = page.body.cursor;
      if (!page.body.more) break;
    }
  } finally {
    db.close();
    await Dexie.delete(dbName);
  }
  return { ms, cpuMs, rows, pages, perPage };
}
