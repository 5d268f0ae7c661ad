// A throwaway PostgreSQL cluster for tests: initdb in a temporary folder, served on a Unix
// socket in that folder only (no port to collide on), removed afterwards. Undefined, with
// the reason, where the PostgreSQL binaries are missing.
import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface Cluster {
  pool(max?: number): pg.Pool;
  stop(): void;
}

const POSTGRES_USER = 'postgres';

/** Runs a PostgreSQL binary; as root, as the postgres user (initdb refuses root). */
function run(bin: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot ? ['runuser', ['-u', POSTGRES_USER, '--', bin, ...args]] : [bin, args];
  execFileSync(cmd, argv, { stdio: 'pipe' });
}

export function startCluster(): Cluster | string {
  try {
    execFileSync('initdb', ['--version'], { stdio: 'pipe' });
  } catch {
    return 'initdb is not installed (Debian: the postgresql package, scripts/setup.sh)';
  }
  const dir = mkdtempSync(join(tmpdir(), 'counterflow-pg-'));
  const data = join(dir, 'data');
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', POSTGRES_USER]).toString());
    const gid = Number(execFileSync('id', ['-g', POSTGRES_USER]).toString());
    chownSync(dir, uid, gid);
  }
  run('initdb', ['-D', data, '-A', 'trust', '-U', POSTGRES_USER, '--no-sync']);
  run('pg_ctl', ['-D', data, '-w', '-l', join(dir, 'log'), '-o', `-c listen_addresses='' -k ${dir} -c fsync=off`, 'start']);
  return {
    pool: (max = 10) => new pg.Pool({ host: dir, port: 5432, user: POSTGRES_USER, database: 'postgres', max }),
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-w', '-m', 'fast', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
