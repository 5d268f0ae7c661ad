// The platform globals shared/ uses on purpose, declared as narrowly as it uses them.
// tsconfig.shared.json checks shared/ with no DOM and no Node types (shared/ runs in the
// window, the engine worker, Node tests and the sync server); every global below exists in
// all of those. Anything else from the platform has to be added here, on purpose, with its use.
// Only that config reads this file: the root tsconfig excludes it and has the full DOM types.

/** Web Crypto: random ids (ids.ts), voucher codes and PIN salts; SHA-256 for backup
 *  checksums (backup/reader.ts); PBKDF2 for PIN hashes (operators/pin.ts) — only those calls. */
declare const crypto: {
  getRandomValues<T extends Uint8Array | Uint32Array>(array: T): T;
  subtle: {
    digest(algorithm: 'SHA-256', data: Uint8Array | ArrayBuffer): Promise<ArrayBuffer>;
    importKey(format: 'raw', keyData: Uint8Array, algorithm: 'PBKDF2', extractable: false, usages: ['deriveBits']): Promise<unknown>;
    deriveBits(algorithm: { name: 'PBKDF2'; hash: 'SHA-256'; salt: Uint8Array; iterations: number }, baseKey: unknown, length: number): Promise<ArrayBuffer>;
  };
};

/** UTF-8 for label payloads (barcode/labels.ts). */
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array | ArrayBuffer, options?: { stream?: boolean }): string;
}

/** Only ever checked for presence (`typeof indexedDB`): Dexie does the rest with its own types. */
declare const indexedDB: unknown;

/** Files as the platform hands them (backup/): read in slices or as a stream, never whole. */
interface Blob {
  readonly size: number;
  readonly type: string;
  slice(start?: number, end?: number, contentType?: string): Blob;
  stream(): ReadableStream<Uint8Array>;
  arrayBuffer(): Promise<ArrayBuffer>;
  text(): Promise<string>;
}
declare const Blob: { new (parts?: ReadonlyArray<string | Blob | Uint8Array>, options?: { type?: string }): Blob; prototype: Blob };
type ReadableStreamReadResult<T> = { done: false; value: T } | { done: true; value?: undefined };
interface WritableStreamDefaultWriter<T> {
  write(chunk: T): Promise<void>;
  close(): Promise<void>;
}
interface WritableStream<T> {
  getWriter(): WritableStreamDefaultWriter<T>;
}
interface ReadableStreamDefaultReader<T> {
  read(): Promise<ReadableStreamReadResult<T>>;
  cancel(reason?: unknown): Promise<void>;
  releaseLock(): void;
}
interface ReadableStream<T> {
  getReader(): ReadableStreamDefaultReader<T>;
  pipeThrough<U>(transform: { readable: ReadableStream<U>; writable: WritableStream<T> }): ReadableStream<U>;
}
/** gzip of a backup's rows (backup/reader.ts), in every engine the app runs in. */
declare class CompressionStream {
  constructor(format: 'gzip');
  readonly readable: ReadableStream<Uint8Array>;
  readonly writable: WritableStream<Uint8Array>;
}
declare class DecompressionStream {
  constructor(format: 'gzip');
  readonly readable: ReadableStream<Uint8Array>;
  readonly writable: WritableStream<Uint8Array>;
}
/** Only to collect a stream into a Blob (`new Response(stream).blob()`). */
declare class Response {
  constructor(body: ReadableStream<Uint8Array>);
  blob(): Promise<Blob>;
}
