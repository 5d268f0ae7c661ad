// Counters (Dexie on fake-indexeddb) enrolled with a test server, as the sync tests use them:
// each on its own database, talking to the server through the test's transport (which can
// go offline or drop answers).
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { openCounter, type EngineCounter } from '../../shared/engine/counter';
import { createSyncClient, type SyncClient, type SyncOutcome, type SyncTransport } from '../../shared/sync/client';
import { enrolmentCode } from './testApp';

export interface SyncedCounter {
  counter: EngineCounter;
  sync: SyncClient;
  deviceId: string;
}

/** Databases numbered across every factory of the file: each counter starts empty. */
let seq = 0;

/** Opens counters enrolled with the server `app()` at `url`; databases named `<prefix>-<pid>-<n>`. */
export function syncCounters(o: { app: () => FastifyInstance; transport: SyncTransport; url: string; dbPrefix: string }) {
  return async function counterWithSync(name: string, operator = 'clerk'): Promise<SyncedCounter> {
    const counter = await openCounter({ dbName: `${o.dbPrefix}-${process.pid}-${++seq}`, deviceId: name, operator });
    const sync = createSyncClient(counter.db, o.transport);
    const enrolled = await sync.enrol(o.url, await enrolmentCode(o.app(), name));
    if (!enrolled.ok) throw new Error(enrolled.message);
    return { counter, sync, deviceId: enrolled.deviceId };
  };
}

/** One sync round that must end synced (the outcome is in the failure message otherwise). */
export async function synced(sync: SyncClient): Promise<SyncOutcome> {
  const outcome = await sync.syncOnce();
  expect(outcome.state, JSON.stringify(outcome)).toBe('synced');
  return outcome;
}

/** Rows in a stable order, to compare two sides by content. */
export const byContent = (rows: readonly unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
