// Schema migrations: the numbered .sql files of migrations/, applied in order, each in its
// own transaction and recorded in schema_migrations, so a start applies only what is new.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from './sql';

export const MIGRATIONS_DIR = join(import.meta.dirname, 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The files named `NNN_name.sql`, by number; two files with one number are an error. */
export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql'));
  const migrations: Migration[] = [];
  for (const name of files) {
    const match = /^(\d+)_[\w-]+\.sql$/.exec(name);
    if (!match) throw new Error(`Migration file ${name} must be named NNN_name.sql.`);
    migrations.push({ version: Number(match[1]), name, sql: await readFile(join(dir, name), 'utf8') });
  }
  migrations.sort((a, b) => a.version - b.version);
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version === migrations[i - 1]!.version) throw new Error(`Two migrations share number ${migrations[i]!.version}.`);
  }
  return migrations;
}

/** Applies the migrations not recorded yet; the names of those it applied. */
export async function migrate(database: Database, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await readMigrations());
  const session = await database.connect();
  try {
    await session.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const applied = [];
    for (const m of all) {
      await session.query('BEGIN');
      try {
        // Taken under a lock: two servers starting together apply each file once.
        await session.query('LOCK TABLE schema_migrations IN EXCLUSIVE MODE');
        const done = await session.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
        if (done.rows.length === 0) {
          await session.exec(m.sql);
          await session.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
          applied.push(m.name);
        }
        await session.query('COMMIT');
      } catch (error) {
        await session.query('ROLLBACK');
        throw new Error(`Migration ${m.name} failed and was rolled back: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    }
    return applied;
  } finally {
    session.release();
  }
}
