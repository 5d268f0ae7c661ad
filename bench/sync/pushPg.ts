// The push half of the sync bench on PostgreSQL alone, for profiling and before/after pairs:
//   node --import tsx [--cpu-prof] bench/sync/pushPg.ts [counters] [commands] [batch]
// (PUSH_PGLITE=1: on PGlite instead, for a pair of that side.)
// Same server and commands as `npm run bench -- --sync` (bench/sync/main.ts), without PGlite
// and the pull. Prints the load average, commands/s and the CPU a command of this process
// (server, its HTTP, the counters' requests) and of PostgreSQL (the postmaster and its
// backends, from /proc: a backend that ended is counted in its parent's children's time).
import { loadavg } from 'node:os';
import { fmt } from '../lib/stats';
import { postgresCpuReader } from './pgCpu';
import { benchPostgres } from './postgres';
import { runPush } from './push';
import { openDatabase, startServer } from './server';

/** PUSH_PGLITE=1: the same push on PGlite (in this process: its CPU is Node's). */
async function onPglite(counters: number, commands: number, batch: number): Promise<void> {
  const server = await startServer(await openDatabase({ kind: 'pglite' }));
  const load = loadavg()[0]!;
  const cpu0 = process.cpuUsage();
  const run = await runPush(server.url, { counters, total: commands, batch });
  const cpu = process.cpuUsage(cpu0);
  const all = commands + 101;
  console.log(`load ${fmt(load)}→${fmt(loadavg()[0]!)}: PGlite, ${commands} commands in ${fmt(run.ms / 1000)} s = ${fmt((commands * 1000) / run.ms)}/s; CPU a command ${fmt((cpu.user + cpu.system) / 1000 / all)} ms`);
  await server.close();
}

async function main(): Promise<void> {
  const [counters = 20, commands = 2000, batch = 10] = process.argv.slice(2).map(Number);
  if (process.env.PUSH_PGLITE) return onPglite(counters, commands, batch);
  const postgres = await benchPostgres();
  if (typeof postgres === 'string') throw new Error(`no PostgreSQL: ${postgres}`);
  try {
    const database = await openDatabase({ kind: 'postgres', pool: () => postgres.pool(10) });
    const postgresCpu = await postgresCpuReader(database);
    if (!postgresCpu) throw new Error("PostgreSQL's CPU cannot be read from /proc here");
    const server = await startServer(database);
    const load = loadavg()[0]!;
    const pg0 = postgresCpu();
    const cpu0 = process.cpuUsage();
    const mark0 = process.hrtime.bigint() / 1000n;
    const run = await runPush(server.url, { counters, total: commands, batch });
    const cpu = process.cpuUsage(cpu0);
    // The run's window on the monotonic clock, µs (a --cpu-prof profile's timestamps).
    process.stderr.write(`window ${mark0} ${process.hrtime.bigint() / 1000n}\n`);
    const pgMs = postgresCpu() - pg0;
    const nodeMs = (cpu.user + cpu.system) / 1000;
    // The catalog (101 commands) is pushed inside runPush too: counted in the CPU, not the time.
    const all = commands + 101;
    console.log(
      `load ${fmt(load)}→${fmt(loadavg()[0]!)}: ${commands} commands in ${fmt(run.ms / 1000)} s = ${fmt((commands * 1000) / run.ms)}/s; ` +
        `CPU a command: Node ${fmt(nodeMs / all)} ms + PostgreSQL ${fmt(pgMs / all)} ms = ${fmt((nodeMs + pgMs) / all)} ms`,
    );
    if (process.env.PUSH_PG_INDEXES) {
      // The indexes the push wrote and never read (scans 0): each insert paid for them.
      const stats = await database.connect();
      try {
        const unread = await stats.query<{ index: string; table: string; scans: string }>(
          `SELECT indexrelname AS index, relname AS table, idx_scan::text AS scans FROM pg_stat_user_indexes ORDER BY relname, indexrelname`,
        );
        for (const r of unread.rows) console.log(`index ${r.table}.${r.index}: ${r.scans} scans`);
      } finally {
        stats.release();
      }
    }
    await server.close();
  } finally {
    await postgres.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
