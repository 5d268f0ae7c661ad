// The backup file: one line of JSON header, then one line of JSON per chunk of a table's rows
// (`{"table":"orders","rows":[...]}`), gzip-compressed after the header line. Lines let both writing and reading go chunk by chunk,
// and JSON.stringify never puts a raw newline inside a line.
import { z } from 'zod';

export const BACKUP_FORMAT = 'counterflow-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_APP = 'Counterflow';
/** Rows per chunk line: small enough to keep memory flat, large enough to keep bulkAdd fast. */
export const ROWS_PER_CHUNK = 1000;
/** The checksum hashes the body in blocks of this size (Web Crypto has no streaming digest). */
export const CHECKSUM_BLOCK_BYTES = 1 << 20;
/** A header line longer than this is not ours (and would not be read whole anyway). */
export const MAX_HEADER_BYTES = 1 << 16;
export const BACKUP_EXTENSION = '.cfbackup';

export const headerSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
  app: z.string(),
  /** The Dexie schema version of the database the rows came from. */
  schemaVersion: z.number().int().positive(),
  deviceId: z.string(),
  deviceName: z.string().optional(),
  /** When the backup was taken (ms since the epoch). */
  createdAt: z.number().finite(),
  rowCounts: z.record(z.string(), z.number().int().nonnegative()),
  /** The body after the header line is gzip (JSON is ~10x smaller so); absent: plain lines. */
  compression: z.literal('gzip').optional(),
  /** `sha256:` + hex of SHA-256 over this header without the checksum and the body's block digests. */
  checksum: z.string().regex(/^sha256:[0-9a-f]{64}$/),
});

export type BackupHeader = z.infer<typeof headerSchema>;

export const chunkSchema = z.object({ table: z.string(), rows: z.array(z.unknown()) });

/** What a restore would bring back, for the clerk to confirm. */
export interface BackupSummary {
  deviceId: string;
  deviceName?: string;
  createdAt: number;
  schemaVersion: number;
  rowCounts: Record<string, number>;
  /** Orders, the number a clerk recognises first. */
  orders: number;
  /** The file was made by another counter (its device id differs from this one's). */
  fromAnotherCounter: boolean;
  /** The file came from an older version of the app; its rows are brought up to date. */
  migrated: boolean;
  checksum: string;
}

/** Why a file was refused: a code for the UI's words, a message for logs and tests. */
export type RefusalReason = 'not-a-backup' | 'damaged' | 'newer-schema' | 'invalid-rows' | 'write-failed' | 'disk-full';

export type ReadResult = { ok: true; summary: BackupSummary } | { ok: false; reason: RefusalReason; message: string };
export type RestoreResult = { ok: true; summary: BackupSummary } | { ok: false; reason: RefusalReason; message: string };
