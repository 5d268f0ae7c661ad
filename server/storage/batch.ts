// One transaction's statements, sent in as few round trips as they allow. A command issues
// its reads together (Promise.all) and then its writes together; each round trip to the
// database costs more than the statement it carries (~23 of them a command before this),
// so the reads issued in one turn of the event loop go out as one SELECT (each a scalar
// sub-select aggregated to JSON). Writes are held until something must follow them — a
// read (the transaction reads what it wrote) or the COMMIT — and go out as one statement
// (each a data-modifying WITH); before COMMIT, in the same round trip as it, so the row
// locks the writes take (the shared state counts, stock levels) are held for no round trip.
// A held write's promise resolves at once; its failure fails the COMMIT (or the read after
// it), so the transaction still keeps all of its writes or none.
import type { QueryResult, Session } from '../db/sql';

type Op =
  | { kind: 'read'; sql: string; params: unknown[]; resolve: (rows: unknown[]) => void; reject: (error: unknown) => void }
  | { kind: 'write'; table: string; sql: string; params: unknown[] };

/** Renumbers `$1..$n` of a statement so its parameters follow `offset` others. */
function shift(sql: string, offset: number): string {
  return offset === 0 ? sql : sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
}

/** A parameter written into the statement, for the one round trip of writes and COMMIT (the
 *  simple protocol takes no parameters): text dollar-quoted with a tag it does not contain,
 *  so nothing in it is read as SQL. Undefined for a value of another type. */
function literal(value: unknown): string | undefined {
  if (value === null) return 'NULL';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  // An array of text as PostgreSQL's array literal ({"a","b"}): the statement casts it.
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return literal(`{${value.map((v: string) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`);
  }
  if (typeof value !== 'string' || value.includes('\0')) return undefined;
  let tag = 'cf';
  for (let n = 0; value.includes(`$${tag}$`); n++) tag = `cf${n}`;
  return `$${tag}$${value}$${tag}$`;
}

/** A statement with its parameters written in; undefined when one cannot be. */
function inlined(sql: string, params: unknown[]): string | undefined {
  const values = params.map(literal);
  if (values.some((v) => v === undefined)) return undefined;
  return sql.replace(/\$(\d+)/g, (_, n: string) => values[Number(n) - 1]!);
}

/** Groups of ops that may share a statement: reads with reads, writes with writes (one
 *  write per table in a statement: two upserts of one row in one statement would clash). */
function groups(ops: Op[]): Op[][] {
  const out: Op[][] = [];
  let tables = new Set<string>();
  for (const op of ops) {
    const last = out[out.length - 1];
    const fits = last !== undefined && last[0]!.kind === op.kind && (op.kind === 'read' || !tables.has(op.table));
    if (!fits) {
      out.push([op]);
      tables = new Set();
    } else last.push(op);
    if (op.kind === 'write') tables.add(op.table);
  }
  return out;
}

export class BatchedSession {
  private pending: Op[] = [];
  private scheduled = false;
  private closed = false;
  /** The first held write that failed: the transaction is aborted, COMMIT must fail. */
  private failure: { error: unknown } | undefined;
  /** The statements that open the transaction, until they are sent: with the first statement
   *  of the body, in its round trip (written out, for the simple protocol) when they can. */
  private opening: string | undefined;

  constructor(
    private readonly session: Session,
    opening: string,
  ) {
    this.opening = opening;
  }

  /** Sends a statement, the transaction's opening first when it has not gone yet. Called
   *  in the order the statements must run: the session queues them as they are called. */
  private run<R>(sql: string, params: unknown[]): Promise<QueryResult<R>> {
    const opening = this.opening;
    this.opening = undefined;
    // Prepared where the connection can: the same few statement shapes recur in every
    // command, and parsing and planning them was about half of PostgreSQL's CPU.
    if (opening === undefined) return this.session.prepared ? this.session.prepared<R>(sql, params) : this.session.query<R>(sql, params);
    const script = this.session.script && inlined(sql, params);
    if (script) return this.session.script!<R>(`${opening}; ${script}`);
    const opened = this.session.exec(opening);
    const result = this.session.query<R>(sql, params);
    return opened.then(() => result);
  }

  /** A read, batched with the others of this turn. Its rows come back as JSON: numbers,
   *  text and jsonb as they are; bigint as a number, timestamps as text. */
  read<R>(sql: string, params: unknown[] = []): Promise<R[]> {
    return new Promise<R[]>((resolve, reject) => this.add({ kind: 'read', sql, params, resolve: resolve as (rows: unknown[]) => void, reject }));
  }

  /** A write without an answer (no RETURNING), held and sent with the next statement. */
  write(table: string, sql: string, params: unknown[] = []): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The transaction ended before this statement was sent.'));
    this.pending.push({ kind: 'write', table, sql, params });
    return Promise.resolve();
  }

  /** Sends the held writes and COMMIT, in one round trip when it can. */
  async commit(): Promise<void> {
    const ops = this.pending;
    this.pending = [];
    const parts = groups(ops);
    // The writes at the end (several statements when a table is written twice, e.g. an
    // action's timers and its shipment's) go with COMMIT, each its own statement of the script.
    let first = parts.length;
    while (first > 0 && parts[first - 1]![0]!.kind === 'write') first--;
    const last = parts.splice(first);
    await Promise.all(parts.map((group) => this.send(group)));
    const inlinedWrites = last.map((group) => {
      const { sql, params } = this.statement(group);
      return inlined(sql, params);
    });
    const script = last.length === 0 || inlinedWrites.some((w) => w === undefined) ? undefined : inlinedWrites.join('; ');
    if (last.length > 0 && script === undefined) await Promise.all(last.map((group) => this.send(group)));
    this.throwIfFailed();
    if (script === undefined && this.opening !== undefined) {
      // Nothing was sent: the transaction is still opened and committed (a rare body).
      await this.session.exec(this.opening);
      this.opening = undefined;
    }
    const opening = this.opening === undefined ? '' : `${this.opening}; `;
    this.opening = undefined;
    if (script !== undefined) await this.session.exec(`${opening}${script}; COMMIT`);
    else await this.session.query('COMMIT');
  }

  /** Any other statement, as it is (its rows typed by the driver), after what is pending. */
  async query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
    await this.flush();
    this.throwIfFailed();
    this.live();
    return this.run<R>(sql, params ?? []);
  }

  /** Sends what is pending now (before COMMIT, or a statement that must follow it). */
  flush(): Promise<void> {
    const ops = this.pending;
    this.pending = [];
    if (ops.length === 0) return Promise.resolve();
    if (this.closed) {
      const ended = new Error('The transaction ended before this statement was sent.');
      for (const op of ops) if (op.kind === 'read') op.reject(ended);
      return Promise.resolve();
    }
    // The session sends its statements one at a time, in the order given.
    return Promise.all(groups(ops).map((group) => this.send(group))).then(() => undefined);
  }

  /** Whether the transaction was opened on the connection (a ROLLBACK has something to end). */
  get opened(): boolean {
    return this.opening === undefined;
  }

  /** No statement is sent after this (the session goes back to its pool). */
  close(): void {
    this.closed = true;
    void this.flush();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }

  private live(): Session {
    if (this.closed) throw new Error('The transaction ended before this statement was sent.');
    return this.session;
  }

  private add(op: Op): void {
    if (this.closed) {
      if (op.kind === 'read') op.reject(new Error('The transaction ended before this statement was sent.'));
      return;
    }
    this.pending.push(op);
    if (this.scheduled) return;
    this.scheduled = true;
    // After every continuation of this turn: the reads of a Promise.all go out together.
    setImmediate(() => {
      this.scheduled = false;
      // Held writes wait for COMMIT unless a read follows them.
      if (this.pending.some((o) => o.kind === 'read')) void this.flush();
    });
  }

  /** One statement of a group's ops and their parameters. */
  private statement(group: Op[]): { sql: string; params: unknown[] } {
    if (group.length === 1) return { sql: group[0]!.sql, params: group[0]!.params };
    const params: unknown[] = [];
    const parts = group.map((op) => {
      const sql = shift(op.sql, params.length);
      params.push(...op.params);
      return sql;
    });
    if (group[0]!.kind === 'read') {
      const columns = parts.map((sql, i) => `(SELECT coalesce(json_agg(to_jsonb(q)), '[]'::json) FROM (${sql}) q) AS r${i}`);
      return { sql: `SELECT ${columns.join(', ')}`, params };
    }
    return { sql: `WITH ${parts.map((sql, i) => `w${i} AS (${sql})`).join(', ')} SELECT 1`, params };
  }

  private async send(group: Op[]): Promise<void> {
    const reads = group.filter((op): op is Extract<Op, { kind: 'read' }> => op.kind === 'read');
    try {
      const { sql, params } = this.statement(group);
      const result = await this.run<Record<string, unknown>>(sql, params);
      if (reads.length === 1) reads[0]!.resolve(result.rows);
      else reads.forEach((op, i) => op.resolve(result.rows[0]![`r${i}`] as unknown[]));
    } catch (error) {
      if (reads.length === 0) this.failure ??= { error };
      // A read after a failed write fails as "transaction aborted": answer the cause.
      for (const op of reads) op.reject(this.failure?.error ?? error);
    }
  }
}
