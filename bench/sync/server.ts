// The sync server as the bench runs it: in this process, on a real HTTP port (127.0.0.1,
// a free one), over an embedded PGlite or a PostgreSQL database the bench made for itself.
import { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../../server/app';
import { pgDatabase, pgliteDatabase } from '../../server/db/connect';
import { migrate } from '../../server/db/migrate';
import type { Database } from '../../server/db/sql';
import { startEngine } from '../../server/engine';
import { pgTrackingStorage } from '../../server/storage/pgTracking';

export const ADMIN_TOKEN = 'bench-admin';

export interface BenchServer {
  url: string;
  database: Database;
  app: FastifyInstance;
  close(): Promise<void>;
}

export type Backend = { kind: 'pglite' } | { kind: 'postgres'; pool: () => pg.Pool };

export async function openDatabase(backend: Backend): Promise<Database> {
  const database = backend.kind === 'pglite' ? pgliteDatabase(new PGlite()) : pgDatabase(backend.pool());
  await migrate(database);
  return database;
}

export async function startServer(database: Database): Promise<BenchServer> {
  const engine = await startEngine(pgTrackingStorage(database));
  const app = buildApp({ engine, database, adminToken: ADMIN_TOKEN });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the bench server has no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    database,
    app,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** One HTTP call with a bearer token; the body parsed. */
export async function call<T>(url: string, init: { method: 'GET' | 'POST'; token?: string; body?: unknown }): Promise<{ status: number; body: T }> {
  const response = await fetch(url, {
    method: init.method,
    headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** Enrols a device through the admin API, as a counter would with its code. */
export async function enrolDevice(url: string, name: string): Promise<{ deviceId: string; prefix: string; token: string }> {
  const code = await call<{ code: string }>(`${url}/admin/enrolment-codes`, { method: 'POST', token: ADMIN_TOKEN, body: { name } });
  if (code.status !== 201) throw new Error(`no enrolment code: ${JSON.stringify(code.body)}`);
  const enrolled = await call<{ deviceId: string; prefix: string; token: string }>(`${url}/enrol`, { method: 'POST', body: { code: code.body.code, name } });
  if (enrolled.status !== 200) throw new Error(`not enrolled: ${JSON.stringify(enrolled.body)}`);
  return enrolled.body;
}
