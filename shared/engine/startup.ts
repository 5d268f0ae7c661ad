// Opening a counter: the database, the built-in definitions stored beside the installed
// ones, the period preset, and the registry of every definition the database holds.
import { CounterDb, DEFAULT_DB_NAME } from '../db/database';
import { loadDefinition } from '../workflow/check';
import { Workflow } from '../workflow/interpreter';
import { WorkflowRegistry } from '../workflows';

export interface StartOptions {
  dbName?: string;
  demo?: boolean;
  now: () => number;
  handlerNames: ReadonlySet<string>;
}

export async function startCounterDb(options: StartOptions): Promise<{ db: CounterDb; registry: WorkflowRegistry }> {
  if (typeof indexedDB === 'undefined') {
    throw new Error('No IndexedDB here: in Node, import "fake-indexeddb/auto" before opening a counter.');
  }
  const db = new CounterDb(options.dbName ?? DEFAULT_DB_NAME);
  await db.open();
  const registry = new WorkflowRegistry();
  await db.transaction('rw', db.workflows, db.settings, async () => {
    for (const wf of registry.all()) {
      if (!(await db.workflows.get([wf.id, wf.version]))) {
        await db.workflows.add({ id: wf.id, version: wf.version, definition: wf.definition, installedAt: options.now() });
      }
    }
    // `demo: true` switches to the demo periods; otherwise the saved preset stays as chosen.
    if (options.demo === true || !(await db.settings.get('periodPreset'))) {
      await db.settings.put({ key: 'periodPreset', value: options.demo ? 'demo' : 'production' });
    }
  });
  for (const row of await db.workflows.toArray()) {
    if (registry.has(row.id, row.version)) continue;
    const loaded = loadDefinition(row.definition, options.handlerNames);
    if (loaded.ok) registry.add(new Workflow(loaded.definition));
  }
  return { db, registry };
}
