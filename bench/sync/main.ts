// `npm run bench -- --sync` runs this in a child process of its own (its heap is the
// counter's 100 000 pulled orders): the sync server on PGlite and on PostgreSQL, each taking
// the pushes of N counters, beside the same rows inserted by PostgreSQL alone; then an
// empty counter catching up on the orders, beside the same rows written by Dexie alone.
// Progress goes to stderr; the figures, as one JSON line, to stdout.
import 'fake-indexeddb/auto';
import type { Figure } from '../lib/report';
import { ratioFigure } from '../lib/report';
import { fmt, p95, median } from '../lib/stats';
import type { Database } from '../../server/db/sql';
import { PULL_PAGE_DEFAULT } from '../../shared/sync/tables';
import { explainPull } from './explain';
import { changeHead, insertFloor } from './insertFloor';
import { postgresCpuReader } from './pgCpu';
import { benchPostgres } from './postgres';
import { dexieFloor, pullAsEmptyCounter } from './pull';
import { runPush } from './push';
import { seedOrders } from './seedOrders';
import { openDatabase, startServer, type Backend } from './server';

export interface SyncOptions {
  counters: number;
  commands: number;
  batch: number;
  orders: number;
}

const log = (text: string) => process.stderr.write(`    ${text}\n`);
const BENCH = 8;

async function pushFigures(database: Database, name: string, key: string, o: SyncOptions): Promise<{ figures: Figure[]; server: Awaited<ReturnType<typeof startServer>> }> {
  const server = await startServer(database);
  const before = await changeHead(database);
  const cpu0 = process.cpuUsage();
  const run = await runPush(server.url, { counters: o.counters, total: o.commands, batch: o.batch });
  const cpu = process.cpuUsage(cpu0);
  // This process's CPU (the server's engine and HTTP, the counters' requests; PGlite too, not
  // PostgreSQL's own processes): on a loaded machine it says more than the wall clock.
  const cpuMsPerCommand = (cpu.user + cpu.system) / 1000 / run.commands;
  const cps = (run.commands * 1000) / run.ms;
  const refused = Object.entries(run.refused).map(([code, n]) => `${n} ${code}`).join(', ');
  log(`${name}: ${fmt(run.commands)} commands in ${fmt(run.ms / 1000)} s (${fmt(cps)}/s), ${fmt(run.applied)} applied${refused ? `, refused: ${refused}` : ''}`);
  const floor = await insertFloor(database, before);
  const floorCps = (run.commands * 1000) / floor.ms;
  log(`${name} floor: ${fmt(floor.rows)} rows in ${fmt(floor.ms / 1000)} s`);
  const figures: Figure[] = [
    {
      key: `sync.push_${key}_cps`,
      bench: BENCH,
      label: `Push: commands/s applied by the server, ${name}`,
      value: cps,
      unit: 'commands/s',
      ...(key === 'pg' ? { target: { min: 500, text: '>= 500 commands/s' } } : {}),
      note: `${o.counters} counters × ${fmt(o.commands / o.counters)} commands in pushes of ${o.batch}, all at once, over HTTP; ${fmt(run.applied)} applied${refused ? `, ${refused} refused` : ''}; ${fmt(run.ms / 1000)} s; this process's CPU ${fmt(cpuMsPerCommand)} ms a command`,
      detail: { ms: run.ms, cpuMsPerCommand, applied: run.applied, refused: run.refused, pushes: run.pushes },
    },
    {
      key: `sync.push_${key}_floor_cps`,
      bench: BENCH,
      floorOf: `sync.push_${key}_cps`,
      label: `Push: the same rows inserted by ${name} alone, as commands/s`,
      value: floorCps,
      unit: 'commands/s',
      note: `${fmt(floor.rows)} rows (what the commands left) in ${fmt(floor.ms / 1000)} s by ${floor.method}`,
      detail: { ...floor },
    },
    {
      key: `sync.push_${key}_rtt_p95_ms`,
      bench: BENCH,
      label: `Push round trip p95 (${o.batch} commands), ${name}`,
      value: p95(run.roundTrips),
      unit: 'ms',
      note: `median ${fmt(median(run.roundTrips))} ms over ${run.pushes} pushes, ${o.counters} counters pushing at once`,
    },
  ];
  return { figures, server };
}

async function pullFigures(server: Awaited<ReturnType<typeof startServer>>, name: string, o: SyncOptions): Promise<Figure[]> {
  const seeded = await seedOrders(server.database, o.orders);
  log(`seeded ${fmt(seeded.orders)} orders (${fmt(seeded.rows)} rows) from ${fmt(seeded.templates)} pushed ones in ${fmt(seeded.ms / 1000)} s`);
  const head = await changeHead(server.database);
  const plan = await explainPull(server.database, Math.floor(head / 2), head);
  log(`pull query (EXPLAIN, cursor half way): ${plan.indexScans} index scans, ${plan.seqScans} sequential scans`);
  if (plan.seqScans) log(plan.plan);
  const postgresCpu = await postgresCpuReader(server.database);
  const pg0 = postgresCpu?.() ?? 0;
  const pull = await pullAsEmptyCounter(server.url, 'bench-sync-pull');
  const serverCpuMs = postgresCpu ? postgresCpu() - pg0 : null;
  log(`pull: ${fmt(pull.changes)} rows, ${fmt(pull.orders)} orders in ${fmt(pull.ms / 1000)} s; CPU ${fmt(pull.cpuMs / 1000)} s${serverCpuMs === null ? '' : ` + PostgreSQL ${fmt(serverCpuMs / 1000)} s`}`);
  const floor = await dexieFloor(server.url, 'bench-sync-pull-floor');
  log(`pull floor: ${fmt(floor.rows)} rows in ${fmt(floor.ms / 1000)} s; CPU ${fmt(floor.cpuMs / 1000)} s`);
  const pullFig: Figure = {
    key: 'sync.pull_s',
    bench: BENCH,
    label: `Pull: an empty counter catches up on ${fmt(pull.orders)} orders`,
    value: pull.ms / 1000,
    unit: 's',
    note: `${fmt(pull.changes)} rows in pages of ${PULL_PAGE_DEFAULT}, server on ${name}, counter on fake-indexeddb; page query: ${plan.indexScans} index scans, ${plan.seqScans} sequential (EXPLAIN); the orders copied into the server's tables from ${fmt(seeded.templates)} pushed ones (not through commands)`,
    detail: { ...pull, seeded, plan: { indexScans: plan.indexScans, seqScans: plan.seqScans } },
  };
  const floorFig: Figure = {
    key: 'sync.pull_floor_s',
    bench: BENCH,
    floorOf: 'sync.pull_s',
    label: `Pull: the same rows written by Dexie bulkPut alone (fake-indexeddb)`,
    value: floor.ms / 1000,
    unit: 's',
    note: `${fmt(floor.rows)} rows, one transaction a page (${floor.pages}), one bulkPut a table`,
    detail: { ...floor },
  };
  // The wall clock of a run this long moves with the host's load between the pull and its
  // floor; their CPU (this process's: the counter and the server's HTTP side) much less.
  const cpuRatio: Figure = {
    key: 'sync.pull_cpu_ratio',
    bench: BENCH,
    label: `Pull ${fmt(pull.orders)} orders / Dexie alone, CPU`,
    value: floor.cpuMs > 0 ? pull.cpuMs / floor.cpuMs : null,
    unit: '',
    note: `${fmt(pull.cpuMs / 1000)} s / ${fmt(floor.cpuMs / 1000)} s of this process's CPU (the pull's includes serving its pages over HTTP)${serverCpuMs === null ? '' : `; PostgreSQL building the pages: ${fmt(serverCpuMs / 1000)} s more`}`,
  };
  return [ratioFigure({ key: 'sync.pull_ratio', bench: BENCH, label: `Pull ${fmt(pull.orders)} orders / Dexie alone`, figure: pullFig, floor: floorFig, max: 1.5 }), cpuRatio, pullFig, floorFig];
}

async function main(): Promise<void> {
  const [counters, commands, batch, orders] = process.argv.slice(2).map(Number);
  const o: SyncOptions = { counters: counters ?? 20, commands: commands ?? 10_000, batch: batch ?? 10, orders: orders ?? 100_000 };
  const figures: Figure[] = [];

  const pglite: Backend = { kind: 'pglite' };
  const lite = await pushFigures(await openDatabase(pglite), 'PGlite', 'pglite', o);
  figures.push(...lite.figures);

  const postgres = await benchPostgres();
  if (typeof postgres === 'string') {
    log(`PostgreSQL: skipped: no PostgreSQL (${postgres})`);
    figures.push({ key: 'sync.push_pg_cps', bench: BENCH, label: 'Push: commands/s applied by the server, PostgreSQL', value: null, unit: 'commands/s', target: { min: 500, text: '>= 500 commands/s' }, note: `skipped: no PostgreSQL (${postgres})` });
    // The pull then runs against PGlite.
    figures.push(...(await pullFigures(lite.server, 'PGlite', o)));
    await lite.server.close();
  } else {
    await lite.server.close();
    try {
      log(`PostgreSQL: ${postgres.where}`);
      const database = await openDatabase({ kind: 'postgres', pool: () => postgres.pool(10) });
      const pg = await pushFigures(database, 'PostgreSQL', 'pg', o);
      figures.push(...pg.figures);
      figures.push(...(await pullFigures(pg.server, `PostgreSQL (${postgres.where})`, o)));
      await pg.server.close();
    } finally {
      await postgres.stop();
    }
  }
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
