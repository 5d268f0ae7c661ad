// Pull: the rows changed after a cursor (a change_seq), oldest first, one bounded page.
// Rows take their change_seq when written, not when committed, so a page must not reach
// past a write still under way: every writing transaction holds the shared change lock
// (pgStorage.ts), and the horizon is read under the exclusive one, which waits for those
// under way. Rows up to the horizon are all committed; a later write takes a larger number.
import { SHARED_SETTING_KEYS, SYNC_TABLE_NAMES, type PullPage, type SyncTable } from '../../shared/sync/tables';
import type { Database } from '../db/sql';
import { CHANGE_LOCK } from '../storage/pgStorage';

async function horizon(database: Database): Promise<number> {
  const session = await database.connect();
  try {
    await session.query('BEGIN');
    try {
      await session.query('SELECT pg_advisory_xact_lock($1)', [CHANGE_LOCK]);
      const seq = await session.query<{ last_value: string; is_called: boolean }>('SELECT last_value::text, is_called FROM change_seq');
      await session.query('COMMIT');
      const row = seq.rows[0]!;
      return row.is_called ? Number(row.last_value) : 0;
    } catch (error) {
      await session.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    session.release();
  }
}

/** One branch per table, each taking at most `limit` rows by its change_seq index; the page
 *  comes back as one text, its changes already JSON (PostgreSQL writes each jsonb row out
 *  as it is stored). The Node side neither parses the rows nor writes them out again: the
 *  counter parses them once. */
function pageSql(): string {
  const branch = (table: SyncTable) => {
    const only = table === 'settings' ? ` AND key = ANY($4::text[])` : '';
    return `(SELECT '${table}' AS t, row, change_seq FROM ${table} WHERE change_seq > $1 AND change_seq <= $2${only} ORDER BY change_seq LIMIT $3)`;
  };
  const changed = `SELECT t, row, change_seq, row_number() OVER (ORDER BY change_seq) AS i FROM (${SYNC_TABLE_NAMES.map(branch).join(' UNION ALL ')}) AS c ORDER BY change_seq LIMIT $3`;
  // $3 is the page size + 1: the last row only says that more wait.
  return (
    `WITH changed AS (${changed}) SELECT ` +
    `(SELECT count(*) FROM changed)::int AS n, ` +
    `(SELECT max(change_seq) FROM changed WHERE i < $3)::text AS last, ` +
    `(SELECT string_agg('{"table":"' || t || '","row":' || row::text || '}', ',' ORDER BY change_seq) FROM changed WHERE i < $3) AS changes`
  );
}
export const PAGE_SQL = pageSql();

/** A page as the JSON text the route sends; `ssccDevice`, the pulling device's SSCC number. */
export async function pullText(database: Database, after: number, limit: number, ssccDevice?: number): Promise<string> {
  const head = await horizon(database);
  if (head <= after) return pageText('', after, false, ssccDevice);
  const session = await database.connect();
  try {
    // One read-only snapshot: the page and the check for more agree.
    await session.query('BEGIN READ ONLY');
    const page = await session.query<{ n: number; last: string | null; changes: string | null }>(PAGE_SQL, [after, head, limit + 1, [...SHARED_SETTING_KEYS]]);
    await session.query('COMMIT');
    const { n, last, changes } = page.rows[0]!;
    const more = n > limit;
    return pageText(changes ?? '', more ? Number(last) : head, more, ssccDevice);
  } catch (error) {
    await session.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    session.release();
  }
}

function pageText(changes: string, cursor: number, more: boolean, ssccDevice: number | undefined): string {
  const device = ssccDevice === undefined ? '' : `,"ssccDevice":${ssccDevice}`;
  return `{"changes":[${changes}],"cursor":${cursor},"more":${more}${device}}`;
}

export async function pull(database: Database, after: number, limit: number): Promise<PullPage> {
  return JSON.parse(await pullText(database, after, limit)) as PullPage;
}
