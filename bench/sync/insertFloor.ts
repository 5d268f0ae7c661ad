// The push's floor: the rows the timed commands left in the server's tables, inserted again
// by PostgreSQL alone into empty copies of those tables (same columns, indexes and
// defaults), with multi-row INSERTs of 500 rows, each statement its own transaction.
// pg-copy-streams (COPY from Node) is not installed, so COPY is not used: a multi-row
// INSERT is PostgreSQL's next cheapest way in.
import type { Database } from '../../server/db/sql';
import { DATA_TABLES } from '../../server/testing/pglite';

const ROWS_PER_STATEMENT = 500;

export interface InsertFloor {
  ms: number;
  rows: number;
  statements: number;
  method: string;
}

export async function insertFloor(database: Database, afterSeq: number): Promise<InsertFloor> {
  const q = await database.connect();
  let ms = 0;
  let rows = 0;
  let statements = 0;
  try {
    for (const table of DATA_TABLES) {
      const columns = (
        await q.query<{ column_name: string }>(
          "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name <> 'change_seq' ORDER BY ordinal_position",
          [table],
        )
      ).rows.map((c) => c.column_name);
      const found = (await q.query<Record<string, unknown>>(`SELECT ${columns.join(', ')} FROM ${table} WHERE change_seq > $1 ORDER BY change_seq`, [afterSeq])).rows;
      if (found.length === 0) continue;
      const copy = `floor_${table}`;
      await q.query(`DROP TABLE IF EXISTS ${copy}`);
      await q.query(`CREATE TABLE ${copy} (LIKE ${table} INCLUDING ALL)`);
      for (let i = 0; i < found.length; i += ROWS_PER_STATEMENT) {
        const chunk = found.slice(i, i + ROWS_PER_STATEMENT);
        const params: unknown[] = [];
        const tuples = chunk.map((row) => `(${columns.map((c) => `$${params.push(c === 'row' ? JSON.stringify(row[c]) : row[c])}`).join(', ')})`);
        const sql = `INSERT INTO ${copy} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`;
        const t0 = performance.now();
        await q.query(sql, params);
        ms += performance.now() - t0;
        statements++;
      }
      rows += found.length;
      await q.query(`DROP TABLE ${copy}`);
    }
  } finally {
    q.release();
  }
  return { ms, rows, statements, method: `multi-row INSERT, ${ROWS_PER_STATEMENT} rows a statement (pg-copy-streams is not installed, so no COPY)` };
}

/** The change position now: rows written after it are the timed commands'. */
export async function changeHead(database: Database): Promise<number> {
  const q = await database.connect();
  try {
    const r = await q.query<{ v: string }>("SELECT (CASE WHEN is_called THEN last_value ELSE 0 END)::text AS v FROM change_seq");
    return Number(r.rows[0]!.v);
  } finally {
    q.release();
  }
}
