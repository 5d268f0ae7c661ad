// A PostgreSQL server for the sync benchmark: DATABASE_URL when set (the bench makes a
// database of its own there and drops it afterwards: it never touches the server's data),
// else a throwaway cluster as the tests start one (server/testing/realPostgres.ts: initdb
// in a temporary folder, fsync off, removed afterwards). Undefined, with the reason, when
// neither can be had.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startCluster } from '../../server/testing/realPostgres';

export interface BenchPostgres {
  where: string;
  pool(max?: number): pg.Pool;
  stop(): Promise<void>;
}

async function onUrl(url: string): Promise<BenchPostgres> {
  const name = `counterflow_bench_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const pools: pg.Pool[] = [];
  return {
    where: `DATABASE_URL (database ${name}, dropped afterwards)`,
    pool: (max = 10) => {
      const pool = new pg.Pool({ connectionString: target.toString(), max });
      pools.push(pool);
      return pool;
    },
    async stop() {
      await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

export async function benchPostgres(): Promise<BenchPostgres | string> {
  if (process.env.DATABASE_URL) return onUrl(process.env.DATABASE_URL);
  let cluster: ReturnType<typeof startCluster>;
  try {
    // The tests' own cluster when CI gave one; else initdb here.
    cluster = startCluster();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if (typeof cluster === 'string') return cluster;
  await cluster.ready();
  const pools: pg.Pool[] = [];
  const version = async () => {
    const p = cluster.pool(1);
    try {
      return (await p.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;
    } finally {
      await p.end();
    }
  };
  return {
    where: `a throwaway cluster, PostgreSQL ${await version()} (fsync off)`,
    pool: (max = 10) => {
      const pool = cluster.pool(max);
      pools.push(pool);
      return pool;
    },
    async stop() {
      await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
      await cluster.stop();
    },
  };
}
