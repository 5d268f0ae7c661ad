// PIN hashing: PBKDF2-SHA256 through Web Crypto (the same in the window, the engine worker,
// Node and the server), a random salt per hash, compared in constant time. A PIN is a few
// digits, so the cost per guess is what protects it: the rate limit guards the counter,
// the cost guards a copied database.
import type { PinHash } from '../db/rows';

/** Chosen for about a tenth of a second per hash on a counter PC: slow for someone trying
 *  every PIN of a copied database, unnoticed at a sign-in. Stored with each hash, so raising
 *  it later only affects new and changed PINs. */
export const PIN_ITERATIONS = 100_000;

const SALT_BYTES = 16;
const KEY_BITS = 256;

function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new Uint8Array(new TextEncoder().encode(pin)), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, KEY_BITS);
  return new Uint8Array(bits);
}

export async function hashPin(pin: string, iterations: number = PIN_ITERATIONS): Promise<PinHash> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  return { algorithm: 'PBKDF2-SHA256', iterations, salt: toHex(salt), hash: toHex(await derive(pin, salt, iterations)) };
}

/** Same length in, time independent of where they differ. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  if (stored.algorithm !== 'PBKDF2-SHA256') return false;
  const derived = await derive(pin, fromHex(stored.salt), stored.iterations);
  return constantTimeEqual(derived, fromHex(stored.hash));
}
