// The workflow definitions this window knows, read once for the whole window: the installed
// ones from Dexie (live), or the built-in ones until the engine has installed them.
// Everything the UI derives from definitions (board columns, English labels, which refund
// states are open) comes from here, so custom workflows show up without code changes.
import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { OrderType } from '../../shared/db/rows';
import type { WorkflowDefinition } from '../../shared/workflow/schema';
import productOrder from '../../shared/workflows/product-order.json';
import serviceOrder from '../../shared/workflows/service-order.json';
import { db } from '../db';
import type { StateFamily } from '../ui/stateColors';
import { Workflow } from '../../shared/workflow/interpreter';

const BUILT_IN = [productOrder, serviceOrder] as unknown as WorkflowDefinition[];

/** One board column: states that people see under the same label (FP and HS: "finished payment"). */
export interface BoardColumnDef {
  key: string;
  /** English label from the definition; translate with words.state('order', states[0]). */
  label: string;
  states: string[];
  terminal: boolean;
}

export interface WorkflowCatalog {
  definitions: WorkflowDefinition[];
  /** English display label per entity family and state code (later versions win). */
  english: Record<StateFamily, Record<string, string>>;
  columns(type: OrderType): BoardColumnDef[];
  isOpenRefund(state: string | null): boolean;
  /** Actions that only ever create (no from-state): never worth listing as "not possible now". */
  isCreationOnly(action: string): boolean;
  latest(type: OrderType): WorkflowDefinition | undefined;
  /** The interpreter for a definition an order was created under. */
  workflow(id: string, version: number): Workflow | undefined;
}

function looksLikeDefinition(value: unknown): value is WorkflowDefinition {
  const v = value as Partial<WorkflowDefinition> | null;
  return !!v && typeof v.id === 'string' && typeof v.version === 'number' && typeof v.machines === 'object';
}

export function buildCatalog(definitions: WorkflowDefinition[]): WorkflowCatalog {
  const sorted = [...definitions].sort((a, b) => a.version - b.version);
  const english: WorkflowCatalog['english'] = { order: {}, item: {}, refund: {}, voucher: {} };
  const terminalRefund = new Set<string>();
  for (const def of sorted) {
    for (const machine of Object.values(def.machines)) {
      for (const [code, state] of Object.entries(machine.states)) {
        english[machine.entity][code] = state.display ?? state.label;
        if (machine.entity === 'refund' && state.terminal) terminalRefund.add(code);
      }
    }
  }
  const creationOnly = new Set<string>();
  const notCreation = new Set<string>();
  for (const def of sorted) {
    for (const machine of Object.values(def.machines)) {
      for (const row of machine.transitions) (row.from === null ? creationOnly : notCreation).add(row.action);
    }
  }
  for (const action of notCreation) creationOnly.delete(action);
  const latest = (type: OrderType) => [...sorted].reverse().find((d) => d.orderType === type);
  const columnCache = new Map<OrderType, BoardColumnDef[]>();
  const columns = (type: OrderType): BoardColumnDef[] => {
    const cached = columnCache.get(type);
    if (cached) return cached;
    const byLabel = new Map<string, BoardColumnDef>();
    // Every version's states, in definition order, so orders made under older versions still show.
    for (const def of sorted.filter((d) => d.orderType === type)) {
      const machine = Object.values(def.machines).find((m) => m.entity === 'order');
      if (!machine) continue;
      for (const [code, state] of Object.entries(machine.states)) {
        const label = state.display ?? state.label;
        const column = byLabel.get(label) ?? { key: code, label, states: [], terminal: true };
        if (!column.states.includes(code)) column.states.push(code);
        column.terminal = column.terminal && state.terminal === true;
        byLabel.set(label, column);
      }
    }
    const result = [...byLabel.values()];
    columnCache.set(type, result);
    return result;
  };
  const compiled = new Map<string, Workflow>();
  const workflow = (id: string, version: number): Workflow | undefined => {
    const key = `${id}@${version}`;
    let wf = compiled.get(key);
    if (!wf) {
      const def = sorted.find((d) => d.id === id && d.version === version);
      if (!def) return undefined;
      wf = new Workflow(def);
      compiled.set(key, wf);
    }
    return wf;
  };
  return {
    definitions: sorted,
    english,
    columns,
    workflow,
    isOpenRefund: (state) => state !== null && !terminalRefund.has(state),
    isCreationOnly: (action) => creationOnly.has(action),
    latest,
  };
}

const builtInCatalog = buildCatalog(BUILT_IN);
const BUILT_IN_KEYS = new Set(BUILT_IN.map((d) => `${d.id}@${d.version}`));
const CatalogContext = createContext<WorkflowCatalog>(builtInCatalog);

export function WorkflowCatalogProvider({ children }: { children: ReactNode }) {
  const rows = useLiveQuery(() => db.workflows.toArray(), []);
  const catalog = useMemo(() => {
    const installed = (rows ?? []).map((r) => r.definition).filter(looksLikeDefinition);
    // Installed = built-in (the usual case): keep the same catalog, so the board's columns
    // and their queries are not rebuilt when the installed rows arrive at start-up.
    const same = installed.length === BUILT_IN.length && installed.every((d) => BUILT_IN_KEYS.has(`${d.id}@${d.version}`));
    return installed.length && !same ? buildCatalog(installed) : builtInCatalog;
  }, [rows]);
  return <CatalogContext.Provider value={catalog}>{children}</CatalogContext.Provider>;
}

export function useWorkflowCatalog(): WorkflowCatalog {
  return useContext(CatalogContext);
}
