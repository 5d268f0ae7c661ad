// How PostgreSQL runs the pull's page query on the seeded tables: every table's branch
// should read its change_seq index (an Index Scan under a Limit), never the whole table.
import { PAGE_SQL } from '../../server/pull/pull';
import type { Database } from '../../server/db/sql';
import { SHARED_SETTING_KEYS, PULL_PAGE_DEFAULT } from '../../shared/sync/tables';

export async function explainPull(database: Database, after: number, head: number): Promise<{ indexScans: number; seqScans: number; plan: string }> {
  const q = await database.connect();
  try {
    const r = await q.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${PAGE_SQL}`, [after, head, PULL_PAGE_DEFAULT + 1, [...SHARED_SETTING_KEYS]]);
    const plan = r.rows.map((x) => x['QUERY PLAN']).join('\n');
    return { indexScans: (plan.match(/Index Scan/g) ?? []).length, seqScans: (plan.match(/Seq Scan/g) ?? []).length, plan };
  } finally {
    q.release();
  }
}

/** EXPLAIN ANALYZE of the page query after `after` (the plan's text and its execution time). */
export async function explainAnalyzePull(database: Database, after: number): Promise<{ ms: number; plan: string }> {
  const q = await database.connect();
  try {
    const head = Number((await q.query<{ v: string }>('SELECT last_value::text AS v FROM change_seq')).rows[0]!.v);
    const r = await q.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${PAGE_SQL}`, [after, head, PULL_PAGE_DEFAULT + 1, [...SHARED_SETTING_KEYS]]);
    const plan = r.rows.map((x) => x['QUERY PLAN']).join('\n');
    return { ms: Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN), plan };
  } finally {
    q.release();
  }
}
