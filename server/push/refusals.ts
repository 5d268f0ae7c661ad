// Refusals kept for good: a command the rules refused is stored with its reason and a
// digest of what it said, so sending the same command id again answers the same refusal
// (and never applies it later: the counter has taken its effect back by then).
import type { Refused } from '../../shared/api';
import { commandDigest, refused, type CommandKind } from '../../shared/engine/command';
import type { Database } from '../db/sql';

/** Refusals another try may not meet: the database was busy or failed. Not kept. */
const PASSING = new Set(['storage-failed', 'command-id-conflict']);

export interface PushedCommand {
  commandId: string;
  kind: string;
  args: readonly unknown[];
}

// The push form's kind and arguments, digested as the pipeline digests a payload.
const digestOf = (c: PushedCommand) => commandDigest(c.kind as CommandKind, c.args);

async function query<R>(database: Database, sql: string, params: unknown[]): Promise<R[]> {
  const session = await database.connect();
  try {
    return (await session.query<R>(sql, params)).rows;
  } finally {
    session.release();
  }
}

/** A refusal as stored: the command's kind and digest, and the answer it was given. */
export interface KeptRefusal {
  kind: string;
  digest: string;
  result: Refused;
}

/** The kept refusals of these command ids, by id: one read for a whole push. */
export async function keptRefusals(database: Database, commandIds: readonly string[]): Promise<Map<string, KeptRefusal>> {
  const rows = await query<KeptRefusal & { id: string }>(database, 'SELECT id, kind, digest, result FROM refused_commands WHERE id = ANY($1::text[])', [[...new Set(commandIds)]]);
  return new Map(rows.map(({ id, ...kept }) => [id, kept]));
}

/** The answer to a command whose id was refused before: the kept refusal, or a conflict
 *  when the id was refused for another command. */
export function answerOfKept(row: KeptRefusal, command: PushedCommand): Refused {
  if (row.kind !== command.kind || row.digest !== digestOf(command)) {
    return refused('command-id-conflict', `Command id ${command.commandId} was already used for another command (${row.kind}); nothing was changed. Send a new id.`, { commandId: command.commandId, kind: row.kind });
  }
  return row.result;
}

/** The stored refusal of this command id; a conflict when the id was refused for another command. */
export async function storedRefusal(database: Database, command: PushedCommand): Promise<Refused | undefined> {
  const row = (await keptRefusals(database, [command.commandId])).get(command.commandId);
  return row && answerOfKept(row, command);
}

/** Keeps a refusal for good, unless another try could pass. The first one kept wins.
 *  Answers what was kept (undefined when nothing is kept). */
export async function keepRefusal(database: Database, deviceId: string, command: PushedCommand, result: Refused): Promise<KeptRefusal | undefined> {
  if (PASSING.has(result.code)) return undefined;
  const kept = { kind: command.kind, digest: digestOf(command), result };
  await query(database, 'INSERT INTO refused_commands (id, device_id, kind, digest, result) VALUES ($1, $2, $3, $4, $5::jsonb) ON CONFLICT (id) DO NOTHING', [
    command.commandId,
    deviceId,
    command.kind,
    digestOf(command),
    JSON.stringify(result),
  ]);
  return kept;
}
