// The platform globals shared/ uses on purpose, declared as narrowly as it uses them.
// tsconfig.shared.json checks shared/ with no DOM and no Node types (shared/ runs in the
// window, the engine worker, Node tests and the sync server); every global below exists in
// all of those. Anything else from the platform has to be added here, on purpose, with its use.
// Only that config reads this file: the root tsconfig excludes it and has the full DOM types.

/** Web Crypto: random ids (ids.ts), voucher codes and PIN salts; PBKDF2 for PIN hashes
 *  (operators/pin.ts) — only the calls that uses. */
declare const crypto: {
  getRandomValues<T extends Uint8Array | Uint32Array>(array: T): T;
  subtle: {
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
  decode(input?: Uint8Array): string;
}

/** Only ever checked for presence (`typeof indexedDB`): Dexie does the rest with its own types. */
declare const indexedDB: unknown;
