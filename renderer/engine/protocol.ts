// What the engine worker exposes over Comlink: the Counter itself plus `init`, which the
// window calls first with its configuration (a worker cannot read the window's URL or storage).
import type { Counter, Refused } from '../../shared/api';
import type { LastBackup, ReadResult, RestoreResult } from '../../shared/backup';
import type { TimerRow } from '../../shared/db/rows';
import type { TrackingCommands } from '../../shared/tracking/commands';
import type { EnrolResult, SyncOutcome } from '../../shared/sync/client';
import type { ServerZReportSummary } from '../../shared/sync/zReports';

export interface EngineOptions {
  dbName: string;
  deviceId: string;
  /** Who commands are made as before anyone signs in (accepted only while no operators exist). */
  operator: string;
  demo: boolean;
}

export interface EngineInfo {
  deviceId: string;
}

/** The window's first message to the worker: the port the engine is served on. */
export interface EngineHello {
  port: MessagePort;
}

/** What the window may call: the Counter, the engine's own maintenance (failed timers),
 *  and the demo import, which is not part of the counter's API.
 *  Each window has its own worker, so the Counter's sign-in is per window: after `signIn`
 *  the worker's commands carry that operator until `signOut` or the next sign-in. There is
 *  deliberately no call that sets the operator without a badge or PIN: the window is not
 *  trusted to say who it is (a forged command is checked against the signed-in operator). */
/** Sync with a server (shared/sync/client.ts), run by the engine; rounds by the leader window. */
export interface EngineSyncCalls {
  syncEnrol(serverUrl: string, code: string, name?: string): Promise<EnrolResult>;
  syncNow(): Promise<SyncOutcome>;
  syncSetPaused(paused: boolean): Promise<void>;
  syncDismiss(commandId: string): Promise<void>;
  /** This counter's closed tills as the server keeps them. */
  syncZReports(): Promise<{ ok: true; reports: ServerZReportSummary[] } | { ok: false; message: string }>;
}

export type EngineCalls = Counter &
  TrackingCommands &
  EngineSyncCalls & {
  failedTimers(): Promise<TimerRow[]>;
  retryTimer(timerId: string): Promise<{ ok: true } | Refused>;
  importDemo(options: { orders: number }): Promise<{ orders: number; products: number }>;
  /** Finishes the newest demo import that stopped before its end (shared/demo/importDemo.ts),
   *  in whole batches from the one after the last stored; null when none is unfinished. */
  resumeDemoImport(): Promise<{ orders: number; products: number } | null>;
};

export type EngineApi = EngineCalls &
  EngineBackupApi & {
    init(options: EngineOptions): Promise<EngineInfo>;
  };

/** A backup made by the engine, ready to be saved by the host. */
export interface BackupFile {
  blob: Blob;
  fileName: string;
  createdAt: number;
}

/** Whole-database backup and restore, run by the engine (shared/backup) beside the Counter. */
export interface EngineBackupApi {
  backup(): Promise<BackupFile>;
  /** Checks a file whole and says what it holds; writes nothing. */
  readBackup(file: Blob): Promise<ReadResult>;
  /** Replaces the database with the file's rows, or changes nothing. */
  restoreBackup(file: Blob): Promise<RestoreResult>;
  /** Notes a backup that reached its file. */
  recordBackup(last: LastBackup): Promise<void>;
}


