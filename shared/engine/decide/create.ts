// Creating an order: validate the input, number it, and take the workflow's creation step.
import type { CreateOrderInput, Refused } from '../../api';
import type { ItemRow, OrderRow, OrderType } from '../../db/rows';
import { createOrderInputSchema, describeInputError, inputErrorFacts, priceLines } from '../input';
import { LIMITS } from '../../limits';
import { refuse } from '../../inventory/refusals';
import { OrderWork, type OrderSnapshot } from '../work';
import { refused, type EventMeta } from '../command';
import { guarded, type Decision, type EngineEnv } from './env';
import type { Workflow } from '../../workflow/interpreter';
import { perform } from './perform';

export interface CreateSnapshot {
  stock: OrderSnapshot['stock'];
  /** Last number used on this device for the order type's prefix. */
  sequence: number;
}

export function orderNumberPrefix(type: OrderType): string {
  return type === 'product' ? 'PO' : 'SO';
}

export function formatOrderNumber(type: OrderType, devicePrefix: string, seq: number): string {
  const prefix = devicePrefix ? `${orderNumberPrefix(type)}-${devicePrefix}` : orderNumberPrefix(type);
  return `${prefix}-${String(seq).padStart(6, '0')}`;
}

/** The order machine's creation row: the role and action that make a new order. */
export function creationStep(wf: Workflow): { role: string; action: string } | undefined {
  for (const machine of Object.values(wf.definition.machines)) {
    if (machine.entity !== 'order') continue;
    const row = machine.transitions.find((r) => r.from === null);
    if (row) return { role: Array.isArray(row.role) ? row.role[0]! : row.role, action: row.action };
  }
  return undefined;
}

export function decideCreate(
  env: EngineEnv,
  snapshot: CreateSnapshot,
  meta: EventMeta,
  type: OrderType,
  rawInput: unknown,
  devicePrefix: string,
): Decision<{ ok: true; orderId: string; number: string } | Refused> & { sequence: number } {
  const parsed = createOrderInputSchema.safeParse(rawInput);
  const wf = env.registry.latestFor(type);
  if (!parsed.success) {
    return { result: refused('invalid-input', describeInputError(parsed.error), inputErrorFacts(parsed.error)), work: null, sequence: snapshot.sequence };
  }
  return decideCreateParsed(env, snapshot, meta, type, parsed.data, devicePrefix, wf);
}

/** decideCreate of an input its command already parsed with createOrderInputSchema at its
 *  boundary: parsing it again with the same schema would find nothing new. */
export function decideCreateParsed(
  env: EngineEnv,
  snapshot: CreateSnapshot,
  meta: EventMeta,
  type: OrderType,
  parsedInput: CreateOrderInput,
  devicePrefix: string,
  wf: Workflow = env.registry.latestFor(type),
): Decision<{ ok: true; orderId: string; number: string } | Refused> & { sequence: number } {
  // The definition says who creates an order and with which action (its order machine's
  // row with no from-state); the engine names neither.
  const creation = creationStep(wf);
  if (!creation) {
    const message = `Workflow ${wf.id} version ${wf.version} has no step that creates an order; nothing was created.`;
    return { result: refused('invalid-input', message, { reason: 'no-creation-step', workflowId: wf.id, version: wf.version }), work: null, sequence: snapshot.sequence };
  }
  const maxLines = wf.definition.maxLines;
  if (maxLines && parsedInput.lines.length > maxLines) {
    const message = `A ${type} order has at most ${maxLines} line${maxLines > 1 ? 's' : ''}; this one has ${parsedInput.lines.length}.`;
    return { result: refused('invalid-input', message, { reason: 'too-many-lines', type, limit: maxLines, lines: parsedInput.lines.length }), work: null, sequence: snapshot.sequence };
  }
  // A line without a price takes its product's price from the catalogue, or is refused.
  const priced = priceLines(parsedInput.lines, snapshot.stock.products);
  if (!priced.ok) {
    const { line, sku, problem } = priced.unpriced;
    // An unknown product is refused as it is when its line has a price: one refusal for it.
    if (problem === 'unknown-product') return { result: refuse.unknownSku(sku).toRefused(), work: null, sequence: snapshot.sequence };
    const message = `Line ${line}: ${sku} has no price in the catalogue; set its price or give the line's unit price. Nothing was created.`;
    return { result: refused('invalid-input', message, { reason: 'unpriced-line', problem, line, sku }), work: null, sequence: snapshot.sequence };
  }
  const input: CreateOrderInput = { ...parsedInput, lines: priced.lines };
  const pricedTotal = input.lines.reduce((sum, l) => sum + (l.price ?? (l.unitPrice ?? 0) * l.qty), 0);
  if (!(pricedTotal <= LIMITS.MAX_AMOUNT)) {
    const message = `The order total cannot be above ${LIMITS.MAX_AMOUNT} minor units; nothing was created.`;
    return { result: refused('invalid-input', message, { reason: 'order-total', limit: LIMITS.MAX_AMOUNT }), work: null, sequence: snapshot.sequence };
  }
  const sequence = snapshot.sequence + 1;
  const orderId = env.newId();
  const number = formatOrderNumber(type, devicePrefix, sequence);
  const order: OrderRow = {
    id: orderId,
    orderId,
    number,
    type,
    workflowId: wf.id,
    workflowVersion: wf.version,
    state: null,
    stateVersion: 0,
    buyerId: input.buyerId,
    buyerName: input.buyerName ?? input.buyerId,
    address: input.address ?? '',
    ...(input.phone ? { phone: input.phone } : {}),
    flags: {},
    total: input.lines.reduce((sum, l) => sum + (l.price ?? (l.unitPrice ?? 0) * l.qty), 0),
    lineCount: input.lines.length,
    nextTimer: null,
    openRefunds: 0,
    createdAt: meta.at,
    updatedAt: meta.at,
    deviceId: meta.deviceId,
    operator: meta.operator,
  };
  const items: ItemRow[] = input.lines.map((line, index) => ({
    id: env.newId(),
    orderId,
    lineNo: index + 1,
    sku: line.sku,
    qty: line.qty,
    price: line.price ?? (line.unitPrice ?? 0) * line.qty,
    // Minor units stay whole: a price given for the whole line is shared out per unit, rounded.
    unitPrice: line.unitPrice ?? (line.price !== undefined ? Math.round(line.price / line.qty) : 0),
    serviceTimes: line.serviceTimes ?? 1,
    validUntil: line.validUntil ?? null,
    state: null,
    stateVersion: 0,
    updatedAt: meta.at,
  }));
  const work = new OrderWork({ order, items, refunds: [], vouchers: [], timers: [], stock: snapshot.stock }, wf, meta, env.newId, true);
  const decision = guarded(work, () => {
    const applied = perform(env, work, { kind: 'order', id: orderId }, creation.role, creation.action, { system: false, depth: 0 });
    return applied.ok ? ({ ok: true, orderId, number } as const) : applied;
  });
  return { ...decision, sequence };
}
