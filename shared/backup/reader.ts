// Reads a backup file piece by piece: the header line, then the body line by line, hashing
// the body in fixed blocks as it goes. Never holds more than one block and one line.
import { CHECKSUM_BLOCK_BYTES, MAX_HEADER_BYTES } from './format';

/** Keeps a caller's transaction alive while a non-database promise runs (Dexie's tx.waitFor). */
export type Wait = <T>(promise: Promise<T>) => Promise<T>;
const noWait: Wait = (promise) => promise;

export class NotOurFile extends Error {}

export async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** `sha256:` + SHA-256 over the header text (without its checksum) and the body's block digests. */
export async function checksumOf(headerText: string, blockDigests: readonly Uint8Array[], wait: Wait = noWait): Promise<string> {
  const head = new TextEncoder().encode(headerText);
  const all = new Uint8Array(head.length + blockDigests.length * 32);
  all.set(head, 0);
  blockDigests.forEach((d, i) => all.set(d, head.length + i * 32));
  return `sha256:${hex(await wait(sha256(all)))}`;
}

/** The SHA-256 of each block of a blob (what the checksum covers of the body). */
export async function blockDigestsOf(blob: Blob, wait: Wait = noWait): Promise<Uint8Array[]> {
  const digests: Uint8Array[] = [];
  for (let at = 0; at < blob.size; at += CHECKSUM_BLOCK_BYTES) {
    const bytes = new Uint8Array(await wait(blob.slice(at, at + CHECKSUM_BLOCK_BYTES).arrayBuffer()));
    digests.push(await wait(sha256(bytes)));
  }
  return digests;
}

/** The first line of the file, as text, and where the body starts. */
export async function readHeaderLine(blob: Blob, wait: Wait = noWait): Promise<{ text: string; bodyStart: number }> {
  const head = new Uint8Array(await wait(blob.slice(0, MAX_HEADER_BYTES).arrayBuffer()));
  const end = head.indexOf(0x0a);
  if (end < 0) throw new NotOurFile('it does not start with a Counterflow backup header');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end)), bodyStart: end + 1 };
  } catch {
    throw new NotOurFile('it is not a text file');
  }
}

/** The body's bytes as stored: read in blocks, each hashed as it goes by. */
class StoredBlocks {
  private at: number;

  constructor(
    private readonly blob: Blob,
    start: number,
    private readonly wait: Wait,
    private readonly digests: Uint8Array[],
  ) {
    this.at = start;
  }

  async next(): Promise<Uint8Array<ArrayBuffer> | null> {
    if (this.at >= this.blob.size) return null;
    const bytes = new Uint8Array(await this.wait(this.blob.slice(this.at, this.at + CHECKSUM_BLOCK_BYTES).arrayBuffer()));
    this.at += CHECKSUM_BLOCK_BYTES;
    this.digests.push(await this.wait(sha256(bytes)));
    return bytes;
  }
}

/** A gzip body inflated as it is read: stored blocks are pumped into a DecompressionStream. */
class Inflated {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly pumped: Promise<void>;

  constructor(
    stored: StoredBlocks,
    private readonly wait: Wait,
  ) {
    const inflate = new DecompressionStream('gzip');
    this.reader = inflate.readable.getReader();
    const writer = inflate.writable.getWriter();
    // Only the reading side waits inside the caller's transaction: while it waits (kept
    // alive), the pump feeds the stream.
    this.pumped = (async () => {
      for (let block = await stored.next(); block; block = await stored.next()) await writer.write(block);
      await writer.close();
    })();
    this.pumped.catch(() => undefined); // reported through the reading side
  }

  async next(): Promise<Uint8Array | null> {
    try {
      const { value, done } = await this.wait(this.reader.read());
      if (!done) return value;
      await this.wait(this.pumped);
      return null;
    } catch {
      // Not gzip, cut off, or changed: the stream says which in words of its own (and the
      // platform's error type differs), the clerk needs only "damaged".
      throw new NotOurFile('its compressed rows are damaged');
    }
  }
}

export type Compression = 'gzip' | 'none';

/** The body's lines one at a time; the block digests are complete once `next()` returned null. */
export class BodyLines {
  readonly blockDigests: Uint8Array[] = [];
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private readonly source: { next(): Promise<Uint8Array | null> };
  private pending = '';
  private ready: string[] = [];
  private done = false;

  constructor(blob: Blob, start: number, wait: Wait = noWait, compression: Compression = 'none') {
    this.source = compression === 'gzip' ? new Inflated(new StoredBlocks(blob, start, noWait, this.blockDigests), wait) : new StoredBlocks(blob, start, wait, this.blockDigests);
  }

  /** The next line, or null at the end. Throws NotOurFile on bytes that are not (gzip'd) UTF-8 text. */
  async next(): Promise<string | null> {
    while (this.ready.length === 0 && !this.done) await this.readBlock();
    return this.ready.shift() ?? null;
  }

  private async readBlock(): Promise<void> {
    let text: string;
    let last: boolean;
    try {
      const bytes = await this.source.next();
      last = bytes === null;
      text = bytes ? this.decoder.decode(bytes, { stream: true }) : this.decoder.decode();
    } catch (error) {
      // A TextDecoder on bytes that are not UTF-8, or a DecompressionStream on bytes that are not gzip.
      if (error instanceof TypeError) throw new NotOurFile('it is not a text file');
      throw error;
    }
    const lines = (this.pending + text).split('\n');
    this.pending = lines.pop() ?? '';
    if (last) {
      if (this.pending) lines.push(this.pending);
      this.pending = '';
      this.done = true;
    }
    this.ready.push(...lines.filter((line) => line.length > 0));
  }
}

/** The lines as gzip, for the file's body. */
export async function gzip(body: Blob): Promise<Blob> {
  return new Response(body.stream().pipeThrough(new CompressionStream('gzip'))).blob();
}
