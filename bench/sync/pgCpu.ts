// PostgreSQL's CPU, read from /proc (Linux): the postmaster's own, its reaped children's and its
// live backends'. A sync figure's wall clock moves with the host's load; its CPU much less.
import { readFileSync, readdirSync } from 'node:fs';
import type { Database } from '../../server/db/sql';

const TICKS_PER_MS = 0.1; // USER_HZ 100

function stat(pid: number): string[] {
  return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
}

/** The postmaster's CPU, its reaped children's and its live children's, in ms. */
export function postgresCpuMs(postmaster: number): number {
  const own = stat(postmaster);
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const f = stat(Number(entry));
      if (Number(f[1]) === postmaster) ticks += Number(f[11]) + Number(f[12]);
    } catch {
      /* gone meanwhile */
    }
  }
  return ticks / TICKS_PER_MS;
}

/** A reader of the PostgreSQL server's CPU (ms) behind `database`; null where /proc cannot show it (PGlite, a remote server). */
export async function postgresCpuReader(database: Database): Promise<(() => number) | null> {
  const session = await database.connect();
  try {
    const backend = Number((await session.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid);
    const postmaster = Number(stat(backend)[1]);
    postgresCpuMs(postmaster);
    return () => postgresCpuMs(postmaster);
  } catch {
    return null;
  } finally {
    session.release();
  }
}
