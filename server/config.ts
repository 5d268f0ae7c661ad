// The server's settings, from the environment: where the data lives and where it listens.
import { resolve } from 'node:path';

export interface ServerConfig {
  /** A PostgreSQL server; when absent the embedded PGlite keeps its data in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  /** Guards the admin calls (enrolment codes, revoking); unset = admin calls off. */
  adminToken: string | undefined;
  /** How often the server fires due timers (ms); 0 = never. */
  timerPeriodMs: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number (0–65535), not ${env.PORT}.`);
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.COUNTERFLOW_DATA || './server-data'),
    host: env.HOST || '127.0.0.1',
    port,
    adminToken: env.COUNTERFLOW_ADMIN_TOKEN || undefined,
    timerPeriodMs: Number(env.COUNTERFLOW_TIMER_PERIOD_MS ?? 15_000) || 0,
  };
}
