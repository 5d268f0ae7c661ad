// A whole sync server for a test — engine, HTTP app and database — on PGlite in memory or on
// the throwaway PostgreSQL cluster, closed with everything it opened.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { pgDatabase } from '../db/connect';
import { migrate } from '../db/migrate';
import type { Database, Queryable } from '../db/sql';
import { startEngine, type EngineOptions, type ServerEngine } from '../engine';
import { pgTrackingStorage } from '../storage/pgTracking';
import { memoryDatabase } from './pglite';
import type { Cluster } from './realPostgres';
import { TEST_ADMIN_TOKEN } from './testApp';

export interface Backend {
  app: FastifyInstance;
  engine: ServerEngine;
  /** The database itself, for a test's own reads. */
  q: Queryable;
  close(): Promise<void>;
}

async function serverOn(database: Database, q: Queryable, close: () => Promise<void>, options: EngineOptions): Promise<Backend> {
  const engine = await startEngine(pgTrackingStorage(database), options);
  const app = buildApp({ engine, database, adminToken: TEST_ADMIN_TOKEN });
  return {
    app,
    engine,
    q,
    async close() {
      await app.close();
      await close();
    },
  };
}

export async function pgliteBackend(options: EngineOptions = {}): Promise<Backend> {
  const { pglite, database } = await memoryDatabase();
  return serverOn(database, pglite, () => pglite.close(), options);
}

/** On the cluster (migrated here); closing the backend stops the cluster. */
export async function postgresBackend(cluster: Cluster, options: EngineOptions = {}): Promise<Backend> {
  await cluster.ready();
  const pool = cluster.pool(8);
  const database = pgDatabase(pool);
  await migrate(database);
  return serverOn(database, pool, async () => {
    await database.close();
    await cluster.stop();
  }, options);
}
