// A real PostgreSQL server for tests. In CI, .ci/run starts a throwaway cluster and gives
// its URL (COUNTERFLOW_TEST_PG_URL): each test file makes its own database there and drops
// it afterwards. Elsewhere: initdb in a temporary folder, served on a Unix socket in that
// folder only (no port to collide on), removed afterwards. Undefined, with the reason,
// where neither can be had; in CI that is an error, not a skip.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface Cluster {
  /** Resolves once the database can be connected to. */
  ready(): Promise<void>;
  pool(max?: number): pg.Pool;
  stop(): void | Promise<void>;
}

const POSTGRES_USER = 'postgres';

/** Runs a PostgreSQL binary; as root, as the postgres user (initdb refuses root). */
function run(bin: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot ? ['runuser', ['-u', POSTGRES_USER, '--', bin, ...args]] : [bin, args];
  execFileSync(cmd, argv, { stdio: 'pipe' });
}

/** initdb's folder: on PATH, or Debian's /usr/lib/postgresql/<version>/bin (newest). */
function binDir(): string | undefined {
  try {
    execFileSync('initdb', ['--version'], { stdio: 'pipe' });
    return '';
  } catch {
    const root = '/usr/lib/postgresql';
    if (!existsSync(root)) return undefined;
    const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
    return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
  }
}

/** A database of its own on the server CI started. */
function onServer(url: string): Cluster {
  const name = `counterflow_test_${randomBytes(6).toString('hex')}`;
  const admin = () => new pg.Client({ connectionString: url });
  const created = (async () => {
    const c = admin();
    await c.connect();
    try {
      await c.query(`CREATE DATABASE ${name}`);
    } finally {
      await c.end();
    }
  })();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const pools: pg.Pool[] = [];
  return {
    ready: () => created,
    pool: (max = 10) => {
      const pool = new pg.Pool({ connectionString: target.toString(), max });
      // An idle client cut off when stop() drops the database (57P01) is expected; any other
      // error of an idle client still surfaces.
      pool.on('error', (error: Error & { code?: string }) => {
        if (error.code !== '57P01') throw error;
      });
      pools.push(pool);
      return pool;
    },
    async stop() {
      await created.catch(() => undefined);
      // Close what the tests left open before the database goes.
      await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
      const c = admin();
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export function startCluster(): Cluster | string {
  const url = process.env.COUNTERFLOW_TEST_PG_URL;
  if (url) return onServer(url);
  const bin = binDir();
  if (bin === undefined) {
    const reason = 'initdb is not installed (Debian: the postgresql package, scripts/setup.sh)';
    if (process.env.CI) throw new Error(`The PostgreSQL tests must run in CI: ${reason}; .ci/run starts a cluster and sets COUNTERFLOW_TEST_PG_URL.`);
    return reason;
  }
  const dir = mkdtempSync(join(tmpdir(), 'counterflow-pg-'));
  const data = join(dir, 'data');
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', POSTGRES_USER]).toString());
    const gid = Number(execFileSync('id', ['-g', POSTGRES_USER]).toString());
    chownSync(dir, uid, gid);
  }
  run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', POSTGRES_USER, '--no-sync']);
  run(join(bin, 'pg_ctl'), ['-D', data, '-w', '-l', join(dir, 'log'), '-o', `-c listen_addresses='' -k ${dir} -c fsync=off`, 'start']);
  return {
    ready: async () => undefined,
    pool: (max = 10) => new pg.Pool({ host: dir, port: 5432, user: POSTGRES_USER, database: 'postgres', max }),
    stop() {
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-w', '-m', 'fast', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
