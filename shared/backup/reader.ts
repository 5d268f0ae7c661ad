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

/** The body's lines one at a time; the block digests are complete once `next()` returned null. */
export class BodyLines {
  readonly blockDigests: Uint8Array[] = [];
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private at: number;
  private pending = '';
  private ready: string[] = [];
  private done = false;

  constructor(
    private readonly blob: Blob,
    start: number,
    private readonly wait: Wait = noWait,
  ) {
    this.at = start;
  }

  /** The next line, or null at the end. Throws NotOurFile on bytes that are not UTF-8 text. */
  async next(): Promise<string | null> {
    while (this.ready.length === 0 && !this.done) await this.readBlock();
    return this.ready.shift() ?? null;
  }

  private async readBlock(): Promise<void> {
    const last = this.at >= this.blob.size;
    let text: string;
    try {
      if (last) {
        text = this.decoder.decode();
      } else {
        const bytes = new Uint8Array(await this.wait(this.blob.slice(this.at, this.at + CHECKSUM_BLOCK_BYTES).arrayBuffer()));
        this.at += CHECKSUM_BLOCK_BYTES;
        this.blockDigests.push(await this.wait(sha256(bytes)));
        text = this.decoder.decode(bytes, { stream: true });
      }
    } catch (error) {
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
