// `npm run server`: migrate, then serve; on SIGINT/SIGTERM stop taking requests, let the
// ones under way finish, and close the database.
// `npm run server -- enrol NAME`: make a one-time enrolment code for a counter and print it.
// `npm run server -- devices` lists the devices; `npm run server -- revoke DEVICE_ID` revokes one.
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { buildApp } from './app';
import { readConfig, type ServerConfig } from './config';
import { pgDatabase, pgliteDatabase } from './db/connect';
import { migrate } from './db/migrate';
import type { Database } from './db/sql';
import { createEnrolmentCode, listDevices, revokeDevice } from './devices/devices';
import { startEngine } from './engine';
import { pgTrackingStorage } from './storage/pgTracking';
import { startTimerLoop } from './timers';

async function openDatabase(config: ServerConfig): Promise<{ database: Database; where: string }> {
  if (config.databaseUrl) return { database: pgDatabase(new pg.Pool({ connectionString: config.databaseUrl })), where: 'PostgreSQL (DATABASE_URL)' };
  await mkdir(config.dataDir, { recursive: true });
  return { database: pgliteDatabase(new PGlite(config.dataDir)), where: `embedded PostgreSQL in ${config.dataDir}` };
}

/** The admin commands of the command line; true when one ran. */
async function runAdminCommand(database: Database, [command, arg]: string[]): Promise<boolean> {
  if (command === 'enrol') {
    if (!arg?.trim()) throw new Error('Say which counter the code is for: npm run server -- enrol "Counter 2"');
    const made = await createEnrolmentCode(database, arg.trim());
    console.log(`Enrolment code for ${made.name}: ${made.code}\nEnter it in Settings → Sync on that counter before ${new Date(made.expiresAt).toISOString()}; it works once.`);
    return true;
  }
  if (command === 'devices') {
    for (const d of await listDevices(database)) console.log(`${d.id}\t${d.prefix}\t${d.revoked ? 'revoked' : 'active'}\t${d.name}`);
    return true;
  }
  if (command === 'revoke') {
    if (!arg) throw new Error('Say which device to revoke: npm run server -- revoke DEVICE_ID (see npm run server -- devices)');
    if (!(await revokeDevice(database, arg))) throw new Error(`No device ${arg}.`);
    console.log(`Device ${arg} is revoked: its pushes and pulls are refused from now on.`);
    return true;
  }
  if (command !== undefined) throw new Error(`Unknown command "${command}": use enrol NAME, devices or revoke DEVICE_ID, or nothing to serve.`);
  return false;
}

async function main(): Promise<void> {
  const config = readConfig();
  const { database, where } = await openDatabase(config);
  const applied = await migrate(database);
  if (await runAdminCommand(database, process.argv.slice(2))) {
    await database.close();
    return;
  }
  const engine = await startEngine(pgTrackingStorage(database));
  const app = buildApp({ engine, database, adminToken: config.adminToken, logger: true });
  app.log.info({ database: where, migrationsApplied: applied, admin: config.adminToken ? 'on' : 'off' }, 'database ready');
  const stopTimers = startTimerLoop(engine, config.timerPeriodMs, (error) => app.log.error({ err: error }, 'firing timers failed'));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    try {
      await stopTimers();
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
