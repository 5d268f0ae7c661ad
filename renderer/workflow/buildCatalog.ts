// What the UI derives from a set of workflow definitions (board columns, English labels,
// which refund states are open, the roles, voucher configs). Pure: no Dexie, no React;
// catalog.tsx feeds it the installed definitions.
import type { OrderType } from '../../shared/db/rows';
import type { WorkflowDefinition } from '../../shared/workflow/schema';
import productOrder from '../../shared/workflows/product-order.json';
import serviceOrder from '../../shared/workflows/service-order.json';
import type { StateFamily } from '../ui/stateColors';
import { Workflow } from '../../shared/workflow/interpreter';

export const BUILT_IN = [productOrder, serviceOrder] as unknown as WorkflowDefinition[];

/** One board column: states that people see under the same label (FP and HS: "finished payment"). */
export interface BoardColumnDef {
  key: string;
  /** English label from the definition; translate with words.state('order', states[0]). */
  label: string;
  states: string[];
  terminal: boolean;
}

/** A role some installed definition declares. */
export interface CatalogRole {
  code: string;
  /** English label from the newest definition that declares the role. */
  label: string;
}

export type VoucherConfig = NonNullable<WorkflowDefinition['vouchers']>;

export interface WorkflowCatalog {
  definitions: WorkflowDefinition[];
  /** Every installed definition's roles, once per code, in definition order (F1.. follow it). */
  roles: CatalogRole[];
  isRole(code: string): boolean;
  /** A definition's voucher config (issue state, the redeem move...), if it issues vouchers. */
  vouchers(id: string, version: number): VoucherConfig | undefined;
  /** English display label per entity family and state code (later versions win). */
  english: Record<StateFamily, Record<string, string>>;
  /** English labels of action input fields by name, and of their choices by "field.value". */
  inputLabels: { fields: Record<string, string>; choices: Record<string, string>; money: Record<string, true>; methods?: Record<string, true>; carriers?: Record<string, true> };
  columns(type: OrderType): BoardColumnDef[];
  isOpenRefund(state: string | null): boolean;
  /** Actions that only ever create (no from-state): never worth listing as "not possible now". */
  isCreationOnly(action: string): boolean;
  latest(type: OrderType): WorkflowDefinition | undefined;
  /** The interpreter for a definition an order was created under. */
  workflow(id: string, version: number): Workflow | undefined;
}

export function looksLikeDefinition(value: unknown): value is WorkflowDefinition {
  const v = value as Partial<WorkflowDefinition> | null;
  return !!v && typeof v.id === 'string' && typeof v.version === 'number' && typeof v.machines === 'object';
}

/** Roles by code (case-insensitive, as check.ts reads them), first seen first; the newest label wins. */
function rolesOf(sorted: WorkflowDefinition[]): CatalogRole[] {
  const byCode = new Map<string, CatalogRole>();
  for (const def of sorted) {
    for (const role of def.roles) {
      const code = role.code.toUpperCase();
      byCode.set(code, { code, label: role.label });
    }
  }
  return [...byCode.values()];
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
  const inputLabels: WorkflowCatalog['inputLabels'] = { fields: {}, choices: {}, money: {}, methods: {}, carriers: {} };
  for (const def of sorted) {
    for (const machine of Object.values(def.machines)) {
      for (const row of machine.transitions) {
        for (const field of row.input ?? []) {
          inputLabels.fields[field.name] = field.label;
          if (field.type === 'choice') for (const c of field.choices ?? []) inputLabels.choices[`${field.name}.${c.value}`] = c.label;
          if (field.type === 'money') inputLabels.money[field.name] = true;
          if (field.type === 'choice' && field.choicesFrom === 'paymentMethods') inputLabels.methods![field.name] = true;
          if (field.type === 'choice' && field.choicesFrom === 'carriers') inputLabels.carriers![field.name] = true;
        }
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
  const roles = rolesOf(sorted);
  const roleCodes = new Set(roles.map((r) => r.code));
  return {
    definitions: sorted,
    roles,
    isRole: (code) => roleCodes.has(code.toUpperCase()),
    vouchers: (id, version) => sorted.find((d) => d.id === id && d.version === version)?.vouchers,
    english,
    inputLabels,
    columns,
    workflow,
    isOpenRefund: (state) => state !== null && !terminalRefund.has(state),
    isCreationOnly: (action) => creationOnly.has(action),
    latest,
  };
}

