// The window's handle on the engine worker. One worker per window; every write goes
// through `useCounter()`. Reads do not: screens use useLiveQuery on `db` (renderer/db.ts).
import * as Comlink from 'comlink';
import { useSyncExternalStore } from 'react';
import { storageFault, type StorageFault } from '../../shared/db/storageFaults';
import { afterFirstIdle } from '../app/windowIdle';
import { config } from '../config';
import type { EngineApi, EngineBackupApi, EngineCalls, EngineHello, EngineInfo } from './protocol';

export type CounterClient = Comlink.Remote<EngineCalls>;

export type EngineStatus =
  | { phase: 'starting' }
  | { phase: 'ready'; info: EngineInfo }
  | { phase: 'failed'; message: string; fault?: StorageFault | null };

// The worker starts once the window is first idle, not at load: its start-up (its own
// bundle, opening the database, the first timer run) would compete for the CPU with the
// first screen, which reads the database itself. Calls made before then wait in the
// channel, which holds messages until the worker takes its end.
const channel = new MessageChannel();
const remote = Comlink.wrap<EngineApi>(channel.port1);

function startWorker(): void {
  const worker = new Worker(new URL('../engine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'counterflow-engine',
  });
  worker.addEventListener('error', (event) => {
    setStatus({ phase: 'failed', message: event.message || 'engine worker error' });
  });
  const hello: EngineHello = { port: channel.port2 };
  worker.postMessage(hello, [channel.port2]);
}
afterFirstIdle(startWorker);

let status: EngineStatus = { phase: 'starting' };
const listeners = new Set<() => void>();
function setStatus(next: EngineStatus): void {
  status = next;
  listeners.forEach((l) => l());
}

/** Resolves once the engine has opened the database; rejects if it could not. */
export const engineReady: Promise<EngineInfo> = remote
  .init({ dbName: config.dbName, deviceId: config.deviceId, operator: config.operator, demo: config.demo })
  .then((info) => {
    setStatus({ phase: 'ready', info });
    return info;
  })
  .catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    // Comlink keeps an error's name across the worker boundary: a full disk is told as one.
    setStatus({ phase: 'failed', message, fault: storageFault(error) });
    throw error;
  });
// Status is reported through the store; keep an unobserved rejection from being logged twice.
engineReady.catch(() => undefined);

/** The engine, outside React (timer loop, scanner routing). */
export const counter: CounterClient = remote as unknown as CounterClient;

/** Backup and restore, run by the engine beside the counter. */
export const engineBackup: Comlink.Remote<EngineBackupApi> = remote;

/** The engine, inside React. Calls wait for the engine to be ready. */
export function useCounter(): CounterClient {
  return counter;
}

/** Engine start-up state, for the shell's loading / error banner. */
export function useEngineStatus(): EngineStatus {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => status,
  );
}
