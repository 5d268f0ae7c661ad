// Runtime checks for every argument that crosses the bridge. The renderer is treated as
// untrusted input (a compromised page must not be able to write anywhere or read anything it
// likes), so the main process parses each argument with these schemas before acting.
// Imports nothing from 'electron' so it is unit-testable under Node.
import { z } from 'zod';
import {
  FILE_KINDS,
  IpcChannel,
  MAX_TEXT_FILE_BYTES,
  PDF_PAGE_SIZES,
  SHELL_LANGUAGES,
  type OpenTextFileRequest,
  type PrintToPdfRequest,
  type SaveFileRequest,
  type SaveTextFileRequest,
  type WriteScheduledBackupRequest,
} from './ipc-contract';

import { isScheduledBackupName, MAX_KEEP } from './scheduled-backups';

const MAX_TITLE = 200;
const MAX_FILE_NAME = 200;

/**
 * A bare file name the save dialog may suggest: no directory part (the user picks the folder),
 * no control characters, not a dot-only name. The dialog's answer is what gets written, but a
 * suggestion like `../../x` would still be a trap for a hurried clerk pressing Enter.
 */
export function isSafeSuggestedFileName(name: string): boolean {
  if (name.length === 0 || name.length > MAX_FILE_NAME) return false;
  if (/[/\\:*?"<>|]/.test(name)) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return false;
  if (/^\.+$/.test(name)) return false;
  return true;
}

const fileKind = z.enum(FILE_KINDS);
const title = z.string().min(1).max(MAX_TITLE).optional();

export const openTextFileRequestSchema = z.strictObject({ kind: fileKind, title });

export const saveTextFileRequestSchema = z.strictObject({
  kind: fileKind,
  suggestedName: z.string().refine(isSafeSuggestedFileName, 'not a plain file name'),
  // A UTF-8 string never has more characters than bytes, so this is a cheap first bound; the
  // exact byte size is checked again before writing.
  content: z.string().max(MAX_TEXT_FILE_BYTES),
  title,
});

const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'not bytes').refine((data) => data.byteLength <= MAX_TEXT_FILE_BYTES, 'too large');

export const saveFileRequestSchema = z.strictObject({
  kind: fileKind,
  suggestedName: z.string().refine(isSafeSuggestedFileName, 'not a plain file name'),
  data: bytes,
  title,
});

export const writeScheduledBackupRequestSchema = z.strictObject({
  fileName: z.string().refine(isScheduledBackupName, 'not a backup file name'),
  data: bytes,
});

// The preload always sends an object (`request ?? {}`), so absent options arrive as {}.
export const printToPdfRequestSchema = z.strictObject({
  pageSize: z.enum(PDF_PAGE_SIZES).optional(),
  landscape: z.boolean().optional(),
});

/**
 * The full argument list each invoke channel accepts (after the event). A channel that takes
 * nothing accepts nothing: extra arguments mean a confused or hostile caller.
 */
export const ipcArgumentSchemas = {
  [IpcChannel.appVersion]: z.tuple([]),
  [IpcChannel.openTextFile]: z.tuple([openTextFileRequestSchema]),
  [IpcChannel.saveTextFile]: z.tuple([saveTextFileRequestSchema]),
  [IpcChannel.openFile]: z.tuple([openTextFileRequestSchema]),
  [IpcChannel.saveFile]: z.tuple([saveFileRequestSchema]),
  [IpcChannel.print]: z.tuple([]),
  [IpcChannel.printToPdf]: z.tuple([printToPdfRequestSchema]),
  [IpcChannel.setLanguage]: z.tuple([z.enum(SHELL_LANGUAGES)]),
  [IpcChannel.getScheduledBackups]: z.tuple([]),
  [IpcChannel.chooseBackupFolder]: z.tuple([]),
  [IpcChannel.setBackupKeep]: z.tuple([z.number().int().min(1).max(MAX_KEEP)]),
  [IpcChannel.writeScheduledBackup]: z.tuple([writeScheduledBackupRequestSchema]),
} as const satisfies Record<IpcChannel, z.ZodType>;

// Compile-time checks: each schema produces exactly the contract type (no drift between the
// hand-written contract and the runtime checks).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type AssertTrue<T extends true> = T;
export type SchemasMatchContract = [
  AssertTrue<Same<z.infer<typeof openTextFileRequestSchema>, OpenTextFileRequest>>,
  AssertTrue<Same<z.infer<typeof saveTextFileRequestSchema>, SaveTextFileRequest>>,
  AssertTrue<Same<z.infer<typeof printToPdfRequestSchema>, PrintToPdfRequest>>,
  AssertTrue<Same<z.infer<typeof writeScheduledBackupRequestSchema>, WriteScheduledBackupRequest>>,
  AssertTrue<Same<z.infer<typeof saveFileRequestSchema>, SaveFileRequest>>,
];
