// What the server needs of a PostgreSQL connection: `query(text, params)` answering rows.
// `pg`'s Pool and PoolClient and PGlite all satisfy it, so the storage runs on either.

export interface QueryResult<R> {
  rows: R[];
}

export interface Queryable {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<QueryResult<R>>;
}

/** One connection, held for a transaction and then given back. */
export interface Session extends Queryable {
  /** Runs a script of several statements (no parameters): a migration file. */
  exec(script: string): Promise<void>;
  /** Runs several statements (no parameters) in one round trip; the last one's rows. */
  script?<R = Record<string, unknown>>(script: string): Promise<QueryResult<R>>;
  /** A statement prepared on the connection under a name of its text: parsed once, then
   *  only bound (and planned once when PostgreSQL finds a generic plan as good). */
  prepared?<R = Record<string, unknown>>(text: string, params: unknown[]): Promise<QueryResult<R>>;
  release(): void;
}

/** Hands out sessions: a pool of connections, or one embedded database taken in turn. */
export interface Database {
  connect(): Promise<Session>;
  close(): Promise<void>;
}
