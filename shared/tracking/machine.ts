// Shipments and parcel exceptions move through workflows that are data, like orders do
// (shared/workflows/shipment.json, exception.json), but on their own small format: one
// machine per definition, rows keyed by action and, for shipments, by the checkpoint kind
// a scan records. The order engine's format is tied to orders and their lines; this one
// keeps the same ideas (states with labels, from-states, effects as data, a whole check).
import { z } from 'zod';
import type { Refused } from '../api';
import { refused } from '../engine/command';

const code = z.string().min(1).max(64);

export const CHECKPOINT_KINDS = ['handover', 'transit', 'depot', 'out-for-delivery', 'delivered', 'pickup', 'failed', 'returned'] as const;
export type CheckpointKind = (typeof CHECKPOINT_KINDS)[number];

export const trackingEffectSchema = z.discriminatedUnion('kind', [
  // Take an action of the order's own workflow (engine act) for the shipment's order.
  z.strictObject({ kind: z.literal('orderAction'), role: code, action: code, direction: z.enum(['outbound', 'return']).optional() }),
  // An exception resolved by sending the goods again: a new shipment for the order.
  z.strictObject({ kind: z.literal('reship') }),
]);
export type TrackingEffect = z.infer<typeof trackingEffectSchema>;

export const trackingRowSchema = z.strictObject({
  action: code,
  /** The checkpoint kind that takes this row (shipments). */
  on: z.enum(CHECKPOINT_KINDS).optional(),
  from: z.array(code).min(1),
  to: code,
  /** Facts the step must carry (a delivery: who signed). */
  needs: z.array(z.enum(['signedBy'])).optional(),
  effects: z.array(trackingEffectSchema).optional(),
});
export type TrackingRow = z.infer<typeof trackingRowSchema>;

export const trackingDefinitionSchema = z.strictObject({
  id: code,
  version: z.number().int().positive(),
  label: z.string().min(1),
  entity: z.enum(['shipment', 'exception']),
  initial: code,
  states: z.record(code, z.strictObject({ label: z.string().min(1), terminal: z.boolean().optional() })),
  transitions: z.array(trackingRowSchema).min(1),
});
export type TrackingDefinition = z.infer<typeof trackingDefinitionSchema>;

export interface DefinitionProblem {
  path: string;
  message: string;
}

/** The whole-definition checks: known states, one row per (action | checkpoint, state), every state reachable. */
export function checkTrackingDefinition(json: unknown): { ok: true; definition: TrackingDefinition } | { ok: false; problems: DefinitionProblem[] } {
  const parsed = trackingDefinitionSchema.safeParse(json);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => ({ path: `$.${i.path.join('.')}`, message: i.message })) };
  const def = parsed.data;
  const problems: DefinitionProblem[] = [];
  const known = (s: string) => Object.hasOwn(def.states, s);
  if (!known(def.initial)) problems.push({ path: '$.initial', message: `unknown state ${def.initial}` });
  const seen = new Map<string, number>();
  def.transitions.forEach((row, i) => {
    if (!known(row.to)) problems.push({ path: `$.transitions[${i}].to`, message: `unknown state ${row.to}` });
    row.from.forEach((s, j) => {
      if (!known(s)) problems.push({ path: `$.transitions[${i}].from[${j}]`, message: `unknown state ${s}` });
      for (const key of [`a:${row.action}:${s}`, ...(row.on ? [`o:${row.on}:${s}`] : [])]) {
        const other = seen.get(key);
        if (other !== undefined) problems.push({ path: `$.transitions[${i}]`, message: `matches the same ${key.startsWith('a') ? 'action' : 'checkpoint'} in ${s} as row ${other}` });
        else seen.set(key, i);
      }
    });
  });
  const reached = new Set([def.initial]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const row of def.transitions) {
      if (!reached.has(row.to) && row.from.some((s) => reached.has(s))) {
        reached.add(row.to);
        grew = true;
      }
    }
  }
  for (const s of Object.keys(def.states)) if (!reached.has(s)) problems.push({ path: `$.states.${s}`, message: `state ${s} cannot be reached from ${def.initial}` });
  return problems.length ? { ok: false, problems } : { ok: true, definition: def };
}

export class TrackingMachine {
  constructor(readonly definition: TrackingDefinition) {}

  get id(): string {
    return this.definition.id;
  }
  get version(): number {
    return this.definition.version;
  }
  get initial(): string {
    return this.definition.initial;
  }

  isTerminal(state: string): boolean {
    return this.definition.states[state]?.terminal === true;
  }

  stateLabel(state: string): string {
    return this.definition.states[state]?.label ?? state;
  }

  /** The actions a person may take in a state (the exception panel's buttons). */
  actions(state: string): string[] {
    return this.definition.transitions.filter((r) => r.from.includes(state) && !r.on).map((r) => r.action);
  }

  /** The row a person's action takes, or why not. */
  byAction(state: string, action: string): { ok: true; row: TrackingRow } | Refused {
    const rows = this.definition.transitions.filter((r) => r.action === action);
    if (!rows.length) return refused('unknown-action', `"${action}" is not an action of the ${this.definition.label.toLowerCase()} workflow.`, { action, machine: this.id });
    const row = rows.find((r) => r.from.includes(state));
    if (!row) return this.notHere(action, state, rows);
    return { ok: true, row };
  }

  /** The row a checkpoint of this kind takes, or why not. */
  byCheckpoint(state: string, kind: CheckpointKind): { ok: true; row: TrackingRow } | Refused {
    const rows = this.definition.transitions.filter((r) => r.on === kind);
    if (!rows.length) return refused('unknown-action', `A ${kind} checkpoint does not move a ${this.definition.label.toLowerCase()}.`, { reason: 'checkpoint-unknown', kind });
    const row = rows.find((r) => r.from.includes(state));
    if (!row) return this.notHere(rows[0]!.action, state, rows);
    return { ok: true, row };
  }

  private notHere(action: string, state: string, rows: TrackingRow[]): Refused {
    const allowed = [...new Set(rows.flatMap((r) => r.from))];
    return refused('not-allowed-in-state', `"${action}" is not possible: the ${this.definition.label.toLowerCase()} is ${this.stateLabel(state)}; it is possible when ${allowed.map((s) => this.stateLabel(s)).join(', ')}.`, {
      reason: 'tracking-state',
      machine: this.id,
      action,
      state,
      allowed: allowed.join(','),
    });
  }
}

export function compileTracking(json: unknown): TrackingMachine {
  const checked = checkTrackingDefinition(json);
  if (!checked.ok) throw new Error(`Invalid tracking definition:\n${checked.problems.map((p) => `${p.path}: ${p.message}`).join('\n')}`);
  return new TrackingMachine(checked.definition);
}
