// `npm run server`: migrate, then serve; on SIGINT/SIGTERM stop taking requests, let the
// ones under way finish, and close the database.
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { buildApp } from './app';
import { readConfig, type ServerConfig } from './config';
import { pgDatabase, pgliteDatabase } from './db/connect';
import { migrate } from './db/migrate';
import type { Database } from './db/sql';
import { startEngine } from './engine';
import { pgStorage } from './storage/pgStorage';

async function openDatabase(config: ServerConfig): Promise<{ database: Database; where: string }> {
  if (config.databaseUrl) return { database: pgDatabase(new pg.Pool({ connectionString: config.databaseUrl })), where: 'PostgreSQL (DATABASE_URL)' };
  await mkdir(config.dataDir, { recursive: true });
  return { database: pgliteDatabase(new PGlite(config.dataDir)), where: `embedded PostgreSQL in ${config.dataDir}` };
}

async function main(): Promise<void> {
  const config = readConfig();
  const { database, where } = await openDatabase(config);
  const applied = await migrate(database);
  const app = buildApp({ engine: await startEngine(pgStorage(database)), logger: true });
  app.log.info({ database: where, migrationsApplied: applied }, 'database ready');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    try {
      await app.close(); // waits for requests under way; each command is its own transaction
      await database.close();
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ host: config.host, port: config.port });
}

main().catch((error: unknown) => {
  console.error(`The sync server could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
