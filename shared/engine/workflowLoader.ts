// Definitions installed by another window or worker reach this engine through the
// database: a command loads any version it has not seen into the registry, inside its own
// transaction, so no window ever meets "version 2 is not installed".
import type { Workflow } from '../workflow/interpreter';
import { Workflow as CompiledWorkflow } from '../workflow/interpreter';
import { loadDefinition } from '../workflow/check';
import type { WorkflowRegistry } from '../workflows';
import type { StorageTx } from './storage';

export interface WorkflowSource {
  registry: WorkflowRegistry;
  handlerNames: ReadonlySet<string>;
}

/** Compiles a stored definition into the registry; undefined when it no longer checks. */
export function compileStored(source: WorkflowSource, definition: unknown): Workflow | undefined {
  const loaded = loadDefinition(definition, source.handlerNames);
  if (!loaded.ok) return undefined;
  const wf = new CompiledWorkflow(loaded.definition);
  source.registry.add(wf);
  return wf;
}

/** The workflow an order was created under, from the registry or else the database. */
export async function workflowOf(tx: StorageTx, source: WorkflowSource, id: string, version: number): Promise<Workflow | undefined> {
  const known = source.registry.find(id, version);
  if (known) return known;
  const row = await tx.workflow(id, version);
  return row ? compileStored(source, row.definition) : undefined;
}

/** Loads every stored definition the registry lacks (before choosing the newest for a new order). */
export async function loadNewWorkflows(tx: StorageTx, source: WorkflowSource): Promise<void> {
  const keys = await tx.workflowKeys();
  const missing = keys.filter(([id, version]) => !source.registry.has(id, version));
  for (const [id, version] of missing) {
    const row = await tx.workflow(id, version);
    if (row) compileStored(source, row.definition);
  }
}
