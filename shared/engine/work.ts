// A command's working set: the order aggregate loaded by a storage adapter, changed in
// memory by the pure engine, and handed back as a changeset to be written atomically.
import type { EntityRef, EventData, EventRow, EventType, ItemRow, MachineEntity, OrderRow, RefundKind, RefundRow, TimerRow, VoucherRow } from '../db/rows';
import type { StockWork } from '../inventory/work';
import { EngineRefusal, refused, type EventMeta } from './command';
import { LIMITS } from '../limits';

const { MAX_EVENTS_PER_COMMAND } = LIMITS;
import type { StateMove } from './stateCounts';
import type { OrderContext, Subject, Workflow } from '../workflow/interpreter';


export interface OrderSnapshot {
  order: OrderRow;
  items: ItemRow[];
  refunds: RefundRow[];
  vouchers: VoucherRow[];
  /** Pending timers of the order. */
  timers: TimerRow[];
  stock: StockWork;
}

export interface Changeset {
  orders: OrderRow[];
  items: ItemRow[];
  refunds: RefundRow[];
  vouchers: VoucherRow[];
  newVouchers: VoucherRow[];
  timers: TimerRow[];
  events: EventRow[];
  stock: StockWork;
  /** How the order's state moved (for the per-state counts); empty when it did not. */
  stateMoves: StateMove[];
}

/** A shipment an action's `shipment` effect asks for, from what the action carried: the
 *  command's shell makes it in the same transaction (tracking/logistics.ts), or refuses the
 *  whole command when the carrier or a tracking number does not check. */
export interface ShipmentRequest {
  action: string;
  direction: 'outbound' | 'return';
  carrier: string;
  trackingNumbers: string[];
  parcels: number;
  /** The input fields they came from, so a refusal names the field the person filled. */
  fields: { carrier: string; trackingNumbers: string; parcels?: string | undefined };
  /** The refund sheet a return belongs to (ship back), else null. */
  refundId: string | null;
}

export class OrderWork {
  order: OrderRow;
  /** Shipments asked for by this command's effects (see ShipmentRequest). */
  readonly shipmentRequests: ShipmentRequest[] = [];
  readonly items = new Map<string, ItemRow>();
  readonly refunds = new Map<string, RefundRow>();
  readonly vouchers = new Map<string, VoucherRow>();
  readonly timers = new Map<string, TimerRow>();
  readonly stock: StockWork;
  readonly events: EventRow[] = [];
  private orderChanged = false;
  private readonly changedItems = new Set<string>();
  private readonly changedRefunds = new Set<string>();
  private readonly changedVouchers = new Set<string>();
  private readonly addedVouchers = new Set<string>();
  private readonly changedTimers = new Set<string>();
  /** The order's state before this command; null when the command creates the order. */
  private readonly initialState: string | null;

  constructor(
    snapshot: OrderSnapshot,
    readonly wf: Workflow,
    readonly meta: EventMeta,
    private readonly newId: () => string,
    /** True when the order row itself is new (creation). */
    private readonly creating = false,
  ) {
    // Deciding never changes the caller's snapshot. The order, its lines and its refund
    // sheets are changed in place (state, version, time, flags, summary), so they are
    // copied; their nested objects are only ever replaced, and vouchers and timers are
    // replaced whole (putVoucher, putTimer), so shallow copies and shared rows do
    // (decide.test.ts decides on deep-frozen snapshots). A structuredClone per row cost
    // ~3 µs in Node, ~24 rows per demo order.
    this.order = { ...snapshot.order };
    for (const i of snapshot.items) this.items.set(i.id, { ...i });
    for (const r of snapshot.refunds) this.refunds.set(r.id, { ...r });
    for (const v of snapshot.vouchers) this.vouchers.set(v.code, v);
    for (const t of snapshot.timers) this.timers.set(t.id, t);
    this.stock = snapshot.stock;
    this.initialState = creating ? null : snapshot.order.state;
    if (creating) {
      this.orderChanged = true;
      for (const id of this.items.keys()) this.changedItems.add(id);
    }
  }

  itemList(): ItemRow[] {
    return [...this.items.values()].sort((a, b) => a.lineNo - b.lineNo);
  }

  openRefundOf(itemId: string): RefundRow | undefined {
    return [...this.refunds.values()].find((r) => r.itemId === itemId && this.wf.isOpenRefund(r.state));
  }

  context(): OrderContext {
    return {
      order: this.order,
      items: this.itemList(),
      refunds: [...this.refunds.values()],
      vouchers: [...this.vouchers.values()],
    };
  }

  entity(ref: EntityRef): MachineEntity | undefined {
    if (ref.kind === 'order') return ref.id === this.order.id ? this.order : undefined;
    if (ref.kind === 'item') return this.items.get(ref.id);
    return this.refunds.get(ref.id);
  }

  subject(ref: EntityRef): Subject | undefined {
    const entity = this.entity(ref);
    if (!entity) return undefined;
    const recorded = entity.recorded ? { recorded: entity.recorded } : {};
    if (ref.kind === 'item') return { kind: 'item', state: entity.state, itemId: entity.id, ...recorded };
    if (ref.kind === 'refund') {
      const refund = entity as RefundRow;
      return { kind: 'refund', state: refund.state, itemId: refund.itemId, refundKind: refund.kind, ...recorded };
    }
    return { kind: 'order', state: entity.state, ...recorded };
  }

  touch(ref: EntityRef): void {
    if (ref.kind === 'order') this.orderChanged = true;
    else if (ref.kind === 'item') this.changedItems.add(ref.id);
    else this.changedRefunds.add(ref.id);
  }

  setState(ref: EntityRef, to: string): string | null {
    const entity = this.entity(ref);
    if (!entity) throw new Error(`No ${ref.kind} ${ref.id} in this order`);
    const from = entity.state;
    entity.state = to;
    entity.updatedAt = this.meta.at;
    this.touch(ref);
    if (from !== to) {
      entity.stateVersion += 1;
      delete entity.recorded;
      this.skipTimersThatLeft(ref, entity.stateVersion, from);
    }
    return from;
  }

  /** An action that kept the entity in its state: noted until the entity moves on. */
  noteRecorded(ref: EntityRef, action: string): void {
    const entity = this.entity(ref);
    if (!entity || entity.recorded?.includes(action)) return;
    entity.recorded = [...(entity.recorded ?? []), action];
    this.touch(ref);
  }

  /** Timers of an entity that has left the state they were scheduled in will never fire. */
  private skipTimersThatLeft(ref: EntityRef, version: number, from: string | null): void {
    for (const timer of this.pendingTimers()) {
      if (timer.target.kind !== ref.kind || timer.target.id !== ref.id || timer.stateVersion === version) continue;
      const outcome = `the ${ref.kind} has left ${from ?? 'its state'}`;
      this.putTimer({ ...timer, status: 'skipped', doneAt: this.meta.at, outcome });
      this.event('timer-skipped', {
        entity: ref,
        role: timer.role,
        action: timer.action ?? `set ${timer.setFlag}`,
        detail: outcome,
        data: { reason: 'left-state', kind: ref.kind, state: from },
      });
    }
  }

  setFlag(flag: string): void {
    this.order.flags = { ...this.order.flags, [flag]: true };
    this.order.updatedAt = this.meta.at;
    this.orderChanged = true;
  }

  addRefund(row: RefundRow): void {
    this.refunds.set(row.id, row);
    this.changedRefunds.add(row.id);
  }

  /** A refund sheet becomes another kind (refund only <-> refund with return): from its next
   *  step on, the machine of that kind drives it. Recorded on the timeline with both kinds. */
  setRefundKind(ref: EntityRef, kind: RefundKind): void {
    const sheet = this.refunds.get(ref.id);
    if (!sheet) throw new Error(`No refund sheet ${ref.id} in this order`);
    if (sheet.kind === kind) return;
    const previous = sheet.kind;
    sheet.kind = kind;
    sheet.updatedAt = this.meta.at;
    this.touch(ref);
    this.event('refund-kind-changed', { entity: ref, detail: `${previous} -> ${kind}`, data: { refundKind: kind, previous } });
  }

  putVoucher(row: VoucherRow, isNew: boolean): void {
    this.vouchers.set(row.code, row);
    (isNew ? this.addedVouchers : this.changedVouchers).add(row.code);
  }

  putTimer(row: TimerRow): void {
    this.timers.set(row.id, row);
    this.changedTimers.add(row.id);
  }

  /** The order as this work leaves it, as the snapshot of a next command on the same
   *  order (the demo import drives an order through several without storing it between). */
  nextSnapshot(stock: StockWork): OrderSnapshot {
    return { order: this.order, items: this.itemList(), refunds: [...this.refunds.values()], vouchers: [...this.vouchers.values()], timers: this.pendingTimers(), stock };
  }

  pendingTimers(): TimerRow[] {
    return [...this.timers.values()].filter((t) => t.status === 'pending');
  }

  event(type: EventType, fields: { entity: EntityRef; role?: string; action?: string; from?: string | null; to?: string | null; postAction?: string | null; detail?: string | null; data?: EventData }): void {
    // The command's work budget: a definition whose cascades or timers multiply is refused
    // whole, with a message, before it can freeze the counter or fill the disk.
    if (this.events.length >= MAX_EVENTS_PER_COMMAND) {
      throw new EngineRefusal(
        refused(
          'limit-exceeded',
          `This action would record more than ${MAX_EVENTS_PER_COMMAND} changes at once (the workflow's cascades multiply); nothing was changed. Check the workflow definition.`,
          { reason: 'too-many-events', limit: MAX_EVENTS_PER_COMMAND },
        ),
      );
    }
    this.events.push({
      id: this.newId(),
      commandId: this.meta.commandId,
      deviceId: this.meta.deviceId,
      operator: this.meta.operator,
      role: fields.role ?? '',
      action: fields.action ?? '',
      type,
      orderId: this.order.id,
      entity: fields.entity,
      from: fields.from ?? null,
      to: fields.to ?? null,
      postAction: fields.postAction ?? null,
      detail: fields.detail ?? null,
      ...(fields.data ? { data: fields.data } : {}),
      at: this.meta.at,
    });
  }

  /** Keeps the order's read model (next timer, open refund sheets) in step with its rows. */
  private refreshSummary(): void {
    let next: TimerRow | undefined;
    for (const t of this.pendingTimers()) if (!next || t.dueAt < next.dueAt) next = t;
    const nextTimer = next ? { id: next.id, key: next.key, action: next.action, setFlag: next.setFlag, dueAt: next.dueAt } : null;
    const openRefunds = [...this.refunds.values()].filter((r) => this.wf.isOpenRefund(r.state)).length;
    const same =
      this.order.openRefunds === openRefunds &&
      (this.order.nextTimer?.id ?? null) === (nextTimer?.id ?? null) &&
      (this.order.nextTimer?.dueAt ?? null) === (nextTimer?.dueAt ?? null);
    if (same) return;
    this.order.nextTimer = nextTimer;
    this.order.openRefunds = openRefunds;
    this.orderChanged = true;
  }

  changeset(): Changeset {
    this.refreshSummary();
    const pick = <T>(map: Map<string, T>, ids: Set<string>) => [...ids].map((id) => map.get(id)!);
    return {
      orders: this.orderChanged || this.creating ? [this.order] : [],
      items: pick(this.items, this.changedItems),
      refunds: pick(this.refunds, this.changedRefunds),
      vouchers: pick(this.vouchers, new Set([...this.changedVouchers].filter((c) => !this.addedVouchers.has(c)))),
      newVouchers: pick(this.vouchers, this.addedVouchers),
      timers: pick(this.timers, this.changedTimers),
      events: this.events,
      stock: this.stock,
      stateMoves: this.initialState === this.order.state ? [] : [{ type: this.order.type, from: this.initialState, to: this.order.state }],
    };
  }
}
