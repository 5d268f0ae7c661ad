// The built-in workflows, checked whole when first used: a broken built-in is a bug, so it throws.
import { loadDefinition } from '../workflow/check';
import { BUILT_IN_HANDLER_NAMES } from '../workflow/handlerNames';
import { Workflow } from '../workflow/interpreter';
import type { OrderType } from '../db/rows';
import productOrder from './product-order.json';
import serviceOrder from './service-order.json';

export const BUILT_IN_DEFINITIONS: readonly unknown[] = [productOrder, serviceOrder];

export function compileWorkflow(json: unknown): Workflow {
  const loaded = loadDefinition(json, BUILT_IN_HANDLER_NAMES);
  if (!loaded.ok) {
    throw new Error(`Invalid workflow definition:\n${loaded.problems.map((p) => `${p.path}: ${p.message}`).join('\n')}`);
  }
  return new Workflow(loaded.definition);
}

/** Workflows by id and version; every entity keeps the id and version it was created under. */
export class WorkflowRegistry {
  private readonly byKey = new Map<string, Workflow>();

  constructor(workflows: Iterable<Workflow> = BUILT_IN_DEFINITIONS.map(compileWorkflow)) {
    for (const wf of workflows) this.add(wf);
  }

  add(wf: Workflow): void {
    this.byKey.set(`${wf.id}@${wf.version}`, wf);
  }

  has(id: string, version: number): boolean {
    return this.byKey.has(`${id}@${version}`);
  }

  find(id: string, version: number): Workflow | undefined {
    return this.byKey.get(`${id}@${version}`);
  }

  get(id: string, version: number): Workflow {
    const wf = this.byKey.get(`${id}@${version}`);
    if (!wf) throw new Error(`Workflow ${id} version ${version} is not installed`);
    return wf;
  }

  /** The newest version for an order type: new orders are created under it. */
  latestFor(type: OrderType): Workflow {
    let best: Workflow | undefined;
    for (const wf of this.byKey.values()) {
      if (wf.definition.orderType === type && (!best || wf.version > best.version)) best = wf;
    }
    if (!best) throw new Error(`No workflow is installed for ${type} orders`);
    return best;
  }

  all(): Workflow[] {
    return [...this.byKey.values()];
  }
}
