// The two databases the server runs on: a PostgreSQL server through a `pg` pool, or an
// embedded PGlite (one connection, so sessions take it in turn: a transaction never
// interleaves with another on the same connection).
import { createHash } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import type { Database, QueryResult, Session } from './sql';

/** Statement texts prepared by name, at most this many (each connection keeps its own). */
const MAX_PREPARED = 500;

export function pgDatabase(pool: pg.Pool): Database {
  // A statement's name is a digest of its text: the same text, the same name on every
  // connection (pg prepares it on a connection the first time it meets the name there).
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < MAX_PREPARED) {
      name = `cf_${createHash('sha1').update(text).digest('hex')}`;
      names.set(text, name);
    }
    return name;
  };
  return {
    async connect(): Promise<Session> {
      const client = await pool.connect();
      // One query at a time on a connection (pg 9 stops queueing them itself): the storage
      // issues a command's reads together, and they go out in the order issued.
      let tail: Promise<unknown> = Promise.resolve();
      const inTurn = <T>(run: () => Promise<T>): Promise<T> => {
        const next = tail.then(run, run);
        tail = next.catch(() => undefined);
        return next;
      };
      return {
        query: <R>(text: string, params?: unknown[]) => inTurn(async () => (await client.query(text, params)) as unknown as QueryResult<R>),
        exec: (script: string) =>
          inTurn(async () => {
            await client.query(script); // no parameters: the simple protocol, several statements
          }),
        script: <R>(script: string) =>
          inTurn(async () => {
            // Several statements answer one result each; one statement, its result.
            const results = (await client.query(script)) as unknown as QueryResult<R> | Array<QueryResult<R>>;
            return Array.isArray(results) ? results[results.length - 1]! : results;
          }),
        prepared: <R>(text: string, params: unknown[]) =>
          inTurn(async () => {
            const name = nameOf(text);
            return (await (name === undefined ? client.query(text, params) : client.query({ name, text, values: params }))) as unknown as QueryResult<R>;
          }),
        release: () => client.release(),
      };
    },
    close: () => pool.end(),
  };
}

export function pgliteDatabase(db: PGlite): Database {
  // The tail of the queue of sessions: each waits for the one before to be released.
  let tail: Promise<void> = Promise.resolve();
  return {
    async connect(): Promise<Session> {
      let release!: () => void;
      const previous = tail;
      tail = new Promise<void>((resolve) => (release = resolve));
      await previous;
      let released = false;
      return {
        query: async <R>(text: string, params?: unknown[]) => {
          if (released) throw new Error('This database session was released already.');
          return (await db.query<R>(text, params)) as QueryResult<R>;
        },
        exec: async (script: string) => {
          if (released) throw new Error('This database session was released already.');
          await db.exec(script);
        },
        script: async <R>(script: string) => {
          if (released) throw new Error('This database session was released already.');
          const results = await db.exec(script);
          return { rows: (results[results.length - 1]?.rows ?? []) as R[] };
        },
        release: () => {
          if (released) return;
          released = true;
          release();
        },
      };
    },
    close: () => db.close(),
  };
}
