// Single-operator mode's name: until operators are set up, commands carry the name the
// person gave when they skipped the set-up (the `singleOperatorName` setting), not a generic
// id. Read at start and followed live, so a name saved in another window (or its worker)
// is what this engine's next command carries too.
import { liveQuery } from 'dexie';
import type { CounterDb } from '../db/database';
import { settingSchemas } from '../settings/settings';

function nameOf(value: unknown): string | undefined {
  const parsed = settingSchemas.singleOperatorName.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export interface SingleOperatorName {
  /** The saved name, or undefined while none was given. */
  current(): string | undefined;
  /** Takes a name this engine has just saved (the live read follows a moment later). */
  set(value: unknown): void;
  stop(): void;
}

export async function followSingleOperatorName(db: Pick<CounterDb, 'settings'>): Promise<SingleOperatorName> {
  let name = nameOf((await db.settings.get('singleOperatorName'))?.value);
  const subscription = liveQuery(() => db.settings.get('singleOperatorName')).subscribe({
    next: (row) => {
      name = nameOf(row?.value);
    },
    // A failed live read keeps the last name: the log of who did what must not stop the counter.
    error: () => undefined,
  });
  return {
    current: () => name,
    set: (value) => {
      name = nameOf(value) ?? name;
    },
    stop: () => subscription.unsubscribe(),
  };
}
