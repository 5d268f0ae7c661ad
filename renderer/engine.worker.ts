/// <reference lib="webworker" />
// The engine: every write of the app runs here, off the UI thread, one Dexie
// read-write transaction per command. The window talks to it through Comlink.
import * as Comlink from 'comlink';
import { readBackup, recordBackup, restoreBackup, writeBackup } from '../shared/backup';
import { openCounter, type EngineCounter } from '../shared/index';
import { importDemo, resumeDemoImport } from '../shared/demo/importDemo';
import { demoImportRefusal } from '../shared/demo/demoCounter';
import { createSyncClient, type SyncClient, type SyncTransport } from '../shared/sync/client';
import { e2eStorageFault } from './engine/e2eStorageFault';
import type { EngineApi, EngineBackupApi, EngineHello, EngineInfo, EngineOptions } from './engine/protocol';

let resolveCounter: (c: EngineCounter) => void = () => undefined;
let rejectCounter: (e: unknown) => void = () => undefined;
const counterReady = new Promise<EngineCounter>((resolve, reject) => {
  resolveCounter = resolve;
  rejectCounter = reject;
});

let deviceId = '';
let dbName = '';

async function init(options: EngineOptions): Promise<EngineInfo> {
  try {
    const counter = await openCounter(options);
    deviceId = counter.deviceId;
    dbName = options.dbName;
    resolveCounter(counter);
    return { deviceId: counter.deviceId };
  } catch (error) {
    rejectCounter(error);
    throw error;
  }
}

// Backup and restore work on the engine's own database connection, so a restore's one
// read-write transaction waits for (and holds off) the engine's commands.
const backupApi: EngineBackupApi = {
  async backup() {
    const { db } = await counterReady;
    const deviceName = (await db.settings.get('deviceName'))?.value;
    const made = await writeBackup(db, { deviceId, ...(typeof deviceName === 'string' && deviceName ? { deviceName } : {}), now: Date.now });
    return { blob: made.blob, fileName: made.fileName, createdAt: made.header.createdAt };
  },
  readBackup: async (file) => readBackup((await counterReady).db, file, { deviceId }),
  restoreBackup: async (file) => restoreBackup((await counterReady).db, file, { deviceId }),
  recordBackup: async (last) => recordBackup((await counterReady).db, last),
};

// The network for sync: fetch, JSON both ways, the device token as a bearer token. A
// request that gets no answer in time counts as unreachable (the round is tried again).
const SYNC_TIMEOUT_MS = 30_000;
const fetchTransport: SyncTransport = async ({ method, url, token, body }) => {
  const response = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(SYNC_TIMEOUT_MS),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = { message: `The server answered something that is not JSON (${response.status}).` };
  }
  return { status: response.status, body: parsed };
};

let syncClient: SyncClient | undefined;
const sync = async (): Promise<SyncClient> => (syncClient ??= createSyncClient((await counterReady).db, fetchTransport));
const syncApi = {
  syncEnrol: async (serverUrl: string, code: string, name?: string) => (await sync()).enrol(serverUrl, code, name),
  syncNow: async () => (await sync()).syncOnce(),
  syncSetPaused: async (paused: boolean) => (await sync()).setPaused(paused),
  syncDismiss: async (commandId: string) => (await sync()).dismiss(commandId),
  syncZReports: async () => (await sync()).zReports(),
};

// Comlink resolves each call's method on this object when the call arrives. Calls made
// before `init` finishes wait for the counter, so the window needs no queue of its own;
// and any method the Counter gains later is forwarded without touching this file.
const facade = new Proxy({} as EngineApi, {
  get(_target, prop) {
    if (prop === 'init') return init;
    // A test seam of the e2e build only (the production build folds this to false).
    if (prop === 'e2eStorageFault' && import.meta.env.MODE === 'e2e') return e2eStorageFault;
    if (typeof prop === 'string' && Object.hasOwn(backupApi, prop)) return backupApi[prop as keyof EngineBackupApi];
    if (typeof prop === 'string' && Object.hasOwn(syncApi, prop)) return syncApi[prop as keyof typeof syncApi];
    if (prop === 'then') return undefined; // never look like a promise
    if (prop === 'deviceId') return deviceId; // a plain property: Comlink reads it, not calls it
    if (prop === 'importDemo') {
      return async (options: { orders: number }) => {
        const counter = await counterReady;
        // Never into the shop's own database: only a demo counter takes demo data.
        const refusal = demoImportRefusal(dbName);
        if (refusal) throw new Error(refusal);
        return importDemo(counter, options);
      };
    }
    if (prop === 'resumeDemoImport') {
      return async () => {
        const counter = await counterReady;
        const refusal = demoImportRefusal(dbName);
        if (refusal) throw new Error(refusal);
        return resumeDemoImport(counter);
      };
    }
    return async (...args: unknown[]) => {
      const counter = await counterReady;
      const member = (counter as unknown as Record<PropertyKey, unknown>)[prop];
      // A call the engine does not have is a mistake in the caller: say so, never answer undefined.
      if (typeof member !== 'function') throw new Error(`The engine has no call "${String(prop)}".`);
      return (member as (...a: unknown[]) => unknown).apply(counter, args);
    };
  },
});

// The window hands over the port to serve on (see engine/client.ts) in its first message.
self.addEventListener(
  'message',
  (event: MessageEvent<EngineHello>) => {
    Comlink.expose(facade, event.data.port);
  },
  { once: true },
);
