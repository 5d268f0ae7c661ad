// Every route of the sync server as an attacker calls it (Fastify's inject, on PGlite):
// wrong JSON, wrong types, huge and negative numbers, unicode, `__proto__` keys, deep
// nesting, bad / missing / revoked tokens, bad cursors and page sizes. Whatever comes, the
// server answers below 500, a refused request says why (`error` + `message`), nothing is
// logged as an error, and a refused request leaves every table exactly as it was.
import type { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { startEngine } from './engine';
import { MAX_PUSH_BYTES } from './push/schema';
import { pgTrackingStorage } from './storage/pgTracking';
import { memoryDatabase } from './testing/pglite';
import { adminAuth, bearer, enrolDevice, TEST_ADMIN_TOKEN } from './testing/testApp';
import { storeDefaultCarriers } from './trackingEngine';

const SEED = Number(process.env.HOSTILE_HTTP_SEED ?? 20261206);
const RUNS = Number(process.env.HOSTILE_HTTP_RUNS ?? 60);

let pglite: PGlite;
let app: FastifyInstance;
/** Lines the server logged at warn or worse (pino's JSON lines). */
const logged: Array<{ level: number; msg?: string }> = [];
const tokens = { live: '', revoked: '', revokedId: '' };

beforeAll(async () => {
  const memory = await memoryDatabase();
  pglite = memory.pglite;
  const engine = await startEngine(pgTrackingStorage(memory.database));
  await storeDefaultCarriers(engine.storage, Date.now());
  app = buildApp({
    engine,
    database: memory.database,
    adminToken: TEST_ADMIN_TOKEN,
    logger: { level: 'warn', stream: { write: (line: string) => void logged.push(JSON.parse(line) as { level: number; msg?: string }) } },
  });
  tokens.live = (await enrolDevice(app, 'Front desk')).token;
  const revoked = await enrolDevice(app, 'Old till');
  tokens.revoked = revoked.token;
  tokens.revokedId = revoked.deviceId;
  expect((await app.inject({ method: 'POST', url: `/admin/devices/${revoked.deviceId}/revoke`, headers: adminAuth })).statusCode).toBe(200);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await pglite?.close();
});

/** A digest of every row of every table (and the sequences' positions), in one query. */
async function snapshot(): Promise<string> {
  const tables = (await pglite.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`)).rows.map((r) => r.name);
  const parts = tables.map((t) => `SELECT '${t}' AS t, count(*) AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${t}" x`);
  const rows = (await pglite.query<{ t: string; n: number; h: string }>(parts.join(' UNION ALL '))).rows;
  return JSON.stringify(rows);
}

/** One hostile request: below 500, a refusal in words, no error logged, nothing written when refused. */
async function expectHandled(request: InjectOptions): Promise<void> {
  const before = await snapshot();
  const from = logged.length;
  const response = await app.inject(request);
  const label = `${request.method} ${String(request.url)} → ${response.statusCode} ${response.body.slice(0, 300)}`;
  expect(response.statusCode, label).toBeLessThan(500);
  expect(logged.slice(from).filter((l) => l.level >= 50), `${label}: logged an error`).toEqual([]);
  if (response.statusCode >= 400) {
    const body = response.json<{ error?: unknown; message?: unknown }>();
    expect(typeof body.error, `${label}: no error code`).toBe('string');
    expect(typeof body.message === 'string' && body.message.length > 0, `${label}: no message`).toBe(true);
    expect(await snapshot(), `${label}: a refused request changed the database`).toEqual(before);
  }
}

const authHeader = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('', 'Bearer', 'Bearer ', 'Basic abc', 'bearer x y', 'Bearer \u0000', `Bearer ${'a'.repeat(10_000)}`),
  fc.string({ unit: 'grapheme', maxLength: 60 }).map((s) => `Bearer ${s}`),
  fc.constant('revoked'),
  fc.constant('live'),
);
const headersOf = (auth: string | undefined, extra: Record<string, string> = {}): Record<string, string> => {
  const value = auth === 'live' ? bearer(tokens.live).authorization : auth === 'revoked' ? bearer(tokens.revoked).authorization : auth;
  return { ...(value === undefined ? {} : { authorization: value }), ...extra };
};
const adminHeader = fc.oneof(fc.constant(undefined), fc.constantFrom('Bearer wrong', `Bearer ${TEST_ADMIN_TOKEN}x`, `Bearer ${TEST_ADMIN_TOKEN.slice(1)}`, 'Bearer ', 'Bearer \u00e9'), fc.constant('admin'));
const adminHeaders = (h: string | undefined) => (h === 'admin' ? adminAuth : h === undefined ? {} : { authorization: h });

const hugeNumber = fc.constantFrom(1e308, -1e308, 2 ** 53, -(2 ** 53), 1e21, Number.MAX_SAFE_INTEGER + 2, 0.5, -0, -1);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 3, withObjectString: true, withNullPrototype: true, withSparseArray: true }),
  hugeNumber,
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.constantFrom('\u0000', '\uFEFF', '\u202E', 'x'.repeat(70_000), '𝕏'.repeat(500)),
);
/** Raw bodies: JSON that is not, JSON with prototype keys, deep nesting, huge numbers. */
const rawBody = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '{"code":',
    'null',
    '[]',
    '"text"',
    '{"__proto__":{"admin":true},"code":"x"}',
    '{"constructor":{"prototype":{"admin":true}},"code":"x"}',
    '{"commands":[{"__proto__":{"kind":"act"}}]}',
    `{"commands":${'['.repeat(5_000)}${']'.repeat(5_000)}}`,
    `{"a":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`,
    '{"limit":1e999,"after":-1e999}',
    '\uFEFF{"code":"x"}',
    '{"code":"\\u0000"}',
    '{"code":"\\ud800"}',
  ),
  hostileValue.map((v) => {
    try {
      return JSON.stringify(v) ?? 'undefined';
    } catch {
      return 'not json';
    }
  }),
);
const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1');
/** A query value: numbers as people and attackers type them. */
const queryValue = fc.oneof(
  fc.constantFrom('-1', '0', '1', '1e309', '9'.repeat(400), 'NaN', 'Infinity', '0x10', '1.5', ' 1', '', '__proto__', '%00', '１', '1e3', '-0'),
  hugeNumber.map(String),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
);
const pathId = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('%00', '..%2F..', '__proto__', 'constructor', '%E2%80%AE', 'x'.repeat(5_000)), fc.constant('revoked'));
const enc = (s: string) => encodeURIComponent(s);

describe('the sync server under hostile requests', () => {
  it('POST /enrol: any body, any content type', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(rawBody, fc.record({ code: hostileValue, name: hostileValue }, { requiredKeys: [] }).map((v) => JSON.stringify(v))), contentType, async (payload, type) => {
        await expectHandled({ method: 'POST', url: '/enrol', headers: { 'content-type': type }, payload });
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('POST /push: any token, any body', async () => {
    const command = fc.record({ commandId: hostileValue, kind: fc.oneof(fc.constantFrom('act', 'create-order', 'stock:receive', '__proto__', 'constructor'), hostileValue), args: hostileValue, operator: hostileValue }, { requiredKeys: [] });
    const body = fc.oneof(rawBody, fc.record({ commands: fc.oneof(fc.array(command, { maxLength: 3 }), hostileValue) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)));
    await fc.assert(
      fc.asyncProperty(authHeader, body, contentType, async (auth, payload, type) => {
        await expectHandled({ method: 'POST', url: '/push', headers: headersOf(auth, { 'content-type': type }), payload });
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('GET /pull and /z-reports: any token, any cursor and page size', async () => {
    await fc.assert(
      fc.asyncProperty(authHeader, queryValue, queryValue, fc.boolean(), fc.constantFrom('/pull', '/z-reports'), async (auth, after, limit, twice, route) => {
        const query = twice ? `after=${enc(after)}&after=1&limit=${enc(limit)}&limit=2` : `after=${enc(after)}&limit=${enc(limit)}&__proto__[x]=1`;
        await expectHandled({ method: 'GET', url: `${route}?${query}`, headers: headersOf(auth) });
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('the admin calls: any token, any body, any id and query', async () => {
    await fc.assert(
      fc.asyncProperty(adminHeader, rawBody, pathId, queryValue, queryValue, fc.integer({ min: 0, max: 4 }), async (auth, payload, id, device, limit, which) => {
        const headers = adminHeaders(auth);
        const path = id === 'revoked' ? tokens.revokedId : enc(id);
        const requests: InjectOptions[] = [
          // A well-formed name would make a code (a 201 that writes, which is right): only bodies that cannot be one.
          { method: 'POST', url: '/admin/enrolment-codes', headers: { ...headers, 'content-type': 'application/json' }, payload: /"name":"[^"]/.test(payload) ? '{"name":""}' : payload },
          { method: 'GET', url: '/admin/devices', headers },
          { method: 'GET', url: `/admin/z-reports?device=${enc(device)}&limit=${enc(limit)}`, headers },
          { method: 'GET', url: `/admin/tills/${path}/z-report`, headers },
          // The revoked device revoked again, or an id that is none.
          { method: 'POST', url: `/admin/devices/${path}/revoke`, headers },
        ];
        await expectHandled(requests[which]!);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('a body over the limit, an unknown route, a wrong method', async () => {
    const big = JSON.stringify({ commands: [{ commandId: 'c', kind: 'act', args: ['x'.repeat(MAX_PUSH_BYTES)] }] });
    await expectHandled({ method: 'POST', url: '/push', headers: headersOf('live', { 'content-type': 'application/json' }), payload: big });
    await expectHandled({ method: 'POST', url: '/enrol', headers: { 'content-type': 'application/json' }, payload: big });
    await expectHandled({ method: 'GET', url: '/nowhere' });
    await expectHandled({ method: 'DELETE', url: '/push', headers: headersOf('live') });
    await expectHandled({ method: 'PUT', url: '/admin/devices', headers: adminAuth });
    await expectHandled({ method: 'GET', url: '/admin/tills/%/z-report', headers: adminAuth });
  });

  it('the digest sees a write (so "changed nothing" above means something)', async () => {
    const before = await snapshot();
    expect((await app.inject({ method: 'POST', url: '/admin/enrolment-codes', headers: adminAuth, payload: { name: 'Control' } })).statusCode).toBe(201);
    expect(await snapshot()).not.toEqual(before);
  });
});
