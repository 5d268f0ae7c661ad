// Devices: an admin makes a one-time enrolment code; a counter trades it for a device
// token. Codes and tokens are random (≥ 80 bits) and kept only as SHA-256 hashes (a slow
// hash guards guessable secrets like PINs; these are not guessable). Each device gets its
// own order-number prefix (D1, D2 … DZZZ), so two counters never make the same number.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SSCC_DEVICE_MAX } from '../../shared/tracking/sscc';
import { SSCC_DEVICE_SEQUENCE } from '../../shared/tracking/plan';
import type { Database, Queryable } from '../db/sql';

/** How long an enrolment code can be used. */
export const ENROLMENT_CODE_TTL_MS = 24 * 60 * 60 * 1000;
/** The longest device name. */
export const MAX_DEVICE_NAME = 80;

export interface Device {
  id: string;
  name: string;
  prefix: string;
  revoked: boolean;
}

export interface Enrolled {
  deviceId: string;
  name: string;
  prefix: string;
  /** The device number in its SSCC serials (shared/tracking/sscc.ts): n of its prefix Dn. */
  ssccDevice: number;
  /** Shown once, to the counter that enrolled; the server keeps its hash only. */
  token: string;
}

export const hashSecret = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

// Crockford's base 32 without I, L, O, U: a code read aloud or typed is hard to get wrong.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A code of 16 symbols (80 bits), shown in groups of four: `7K3M-…`. */
function newCode(): string {
  const bytes = randomBytes(16);
  const symbols = Array.from(bytes, (b) => ALPHABET[b & 31]).join('');
  return symbols.match(/.{4}/g)!.join('-');
}

/** What a person may type for a code: case, spaces and dashes do not matter. */
export function normaliseCode(code: string): string {
  const plain = code.toUpperCase().replace(/[\s-]/g, '');
  return plain.match(/.{1,4}/g)?.join('-') ?? '';
}

async function withSession<T>(database: Database, body: (q: Queryable) => Promise<T>): Promise<T> {
  const session = await database.connect();
  try {
    await session.query('BEGIN');
    try {
      const result = await body(session);
      await session.query('COMMIT');
      return result;
    } catch (error) {
      await session.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    session.release();
  }
}

export async function createEnrolmentCode(database: Database, name: string, now = Date.now()): Promise<{ code: string; name: string; expiresAt: number }> {
  const code = newCode();
  const expiresAt = now + ENROLMENT_CODE_TTL_MS;
  await withSession(database, (q) =>
    q.query('INSERT INTO enrolment_codes (code_hash, name, created_at, expires_at) VALUES ($1, $2, to_timestamp($3 / 1000.0), to_timestamp($4 / 1000.0))', [hashSecret(normaliseCode(code)), name, now, expiresAt]),
  );
  return { code, name, expiresAt };
}

/** The prefix of the n-th device: D1 … D9, DA … DZZZ (base 36, up to 4 characters). */
export function devicePrefix(n: number): string {
  return `D${n.toString(36).toUpperCase()}`;
}

/** The SSCC device number of a device: the n of its prefix Dn, as enrolment gave it; undefined
 *  for a prefix past SSCC_DEVICE_MAX (a device enrolled before the SSCC had device numbers,
 *  when the server still gave more): that counter keeps 00. */
export function ssccDeviceOf(prefix: string): number | undefined {
  const n = /^D[0-9A-Z]{1,4}$/.test(prefix) ? parseInt(prefix.slice(1), 36) : NaN;
  return Number.isSafeInteger(n) && n >= 1 && n <= SSCC_DEVICE_MAX ? n : undefined;
}

/** Every SSCC device number is taken: the server enrols no more counters (nothing was changed). */
export class NoDeviceNumberLeft extends Error {
  constructor() {
    super(
      `This server has enrolled ${SSCC_DEVICE_MAX} counters, as many as the SSCC on parcel labels can tell apart (two digits); no more can enrol, and the code stays unused. ` +
        `A revoked counter keeps its number (its labels exist), so revoking frees none: enrol further counters with a second sync server, and give its counters a GS1 company prefix of their own (Settings → Carriers) so their SSCCs cannot meet this server's.`,
    );
  }
}

/** Trades a code for a token; undefined when the code is unknown, used or expired. */
export async function enrol(database: Database, code: string, name: string | undefined, now = Date.now()): Promise<Enrolled | undefined> {
  return withSession(database, async (q) => {
    // Locked: the same code sent twice at once enrols one device.
    const found = await q.query<{ name: string }>(
      'SELECT name FROM enrolment_codes WHERE code_hash = $1 AND used_by IS NULL AND expires_at > to_timestamp($2 / 1000.0) FOR UPDATE',
      [hashSecret(normaliseCode(code)), now],
    );
    const row = found.rows[0];
    if (!row) return undefined;
    const n = await q.query<{ n: string }>("SELECT nextval('device_prefix_seq')::text AS n");
    const number = Number(n.rows[0]!.n);
    // The device number is also in its SSCCs, which have room for SSCC_DEVICE_MAX counters.
    if (number > SSCC_DEVICE_MAX) throw new NoDeviceNumberLeft();
    const prefix = devicePrefix(number);
    const deviceId = `device-${randomUUID()}`;
    const token = randomBytes(32).toString('base64url');
    const deviceName = name?.trim() || row.name;
    await q.query('INSERT INTO devices (id, name, prefix, token_hash) VALUES ($1, $2, $3, $4)', [deviceId, deviceName, prefix, hashSecret(token)]);
    await q.query('UPDATE enrolment_codes SET used_by = $1 WHERE code_hash = $2', [deviceId, hashSecret(normaliseCode(code))]);
    // The server decides the device's shipments with the same SSCC device number (engine.ts
    // scopes a device's sequences as `<name>@<device>`).
    const sequence = `${SSCC_DEVICE_SEQUENCE}@${deviceId}`;
    await q.query('INSERT INTO sequences (name, row) VALUES ($1, $2::jsonb)', [sequence, JSON.stringify({ name: sequence, value: number })]);
    return { deviceId, name: deviceName, prefix, ssccDevice: number, token };
  });
}

export async function deviceByToken(database: Database, token: string): Promise<Device | undefined> {
  return withSession(database, async (q) => {
    const found = await q.query<{ id: string; name: string; prefix: string; revoked: boolean }>(
      'SELECT id, name, prefix, revoked_at IS NOT NULL AS revoked FROM devices WHERE token_hash = $1',
      [hashSecret(token)],
    );
    return found.rows[0];
  });
}

export async function revokeDevice(database: Database, deviceId: string): Promise<boolean> {
  return withSession(database, async (q) => {
    const r = await q.query<{ id: string }>('UPDATE devices SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING id', [deviceId]);
    return r.rows.length > 0;
  });
}

export async function listDevices(database: Database): Promise<Device[]> {
  return withSession(database, async (q) => (await q.query<Device>('SELECT id, name, prefix, revoked_at IS NOT NULL AS revoked FROM devices ORDER BY created_at, id')).rows);
}
