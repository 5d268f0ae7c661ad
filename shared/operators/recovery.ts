// The admin recovery code: shown once when operators are set up (and again each time it is
// used, since using it spends it), kept only as a PIN-style hash on the admin's row. It
// lets a person who forgot the admin PIN set a new one from the sign-in screen.

/** Crockford's base32 without I, L, O, U: nothing to misread when copied from paper. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 16 symbols = 80 bits: no one guesses it, even at the cost of one PBKDF2 hash per try. */
const LENGTH = 16;

/** A fresh code, shown grouped by four (ABCD-EFGH-JKMN-PQRS). */
export function newRecoveryCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(LENGTH));
  let code = '';
  for (const b of bytes) code += ALPHABET[b % ALPHABET.length];
  return code.match(/.{4}/g)!.join('-');
}

/** What a person typed, as it was hashed: case, spaces and dashes do not matter, and the
 *  letters people confuse with digits read as those digits (O→0, I/L→1). */
export function normalRecoveryCode(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}
