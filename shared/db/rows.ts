// Row shapes stored in Dexie (the app) and PostgreSQL (the sync server).
// Every write carries who made it (device, operator) and which command did it,
// so the audit trail and the sync outbox come from the same rows.

export type OrderType = 'product' | 'service';
export type EntityKind = 'order' | 'item' | 'refund';

export interface EntityRef {
  kind: EntityKind;
  id: string;
}

/** State fields shared by every entity that moves through a workflow machine. */
export interface MachineEntity {
  id: string;
  orderId: string;
  /** null = "no state yet" (an order line before the order is paid). */
  state: string | null;
  /** Incremented on every real state change; a timer fires only if it is unchanged. */
  stateVersion: number;
  updatedAt: number;
  /** Actions that stayed in the current state, recorded since it was entered (normalised):
   *  such an action is not taken again while it would change nothing. Cleared on a move. */
  recorded?: string[];
}

export interface OrderRow extends MachineEntity {
  /** Human order number, e.g. PO-000123 or PO-K2-000123 with a device prefix. */
  number: string;
  type: OrderType;
  workflowId: string;
  workflowVersion: number;
  buyerId: string;
  buyerName: string;
  address: string;
  /** The buyer's phone as typed, digits and + only (search by prefix); absent on older rows. */
  phone?: string;
  /** Facts the workflow records about the order (extension window open, auto-ack ended, ...). */
  flags: Record<string, boolean>;
  total: number;
  lineCount: number;
  /** Read model kept by the engine in the same transaction, so a board card needs no
   *  further query: the soonest pending timer and how many refund sheets are open. */
  nextTimer: NextTimer | null;
  openRefunds: number;
  createdAt: number;
  deviceId: string;
  operator: string;
}

export interface ItemRow extends MachineEntity {
  lineNo: number;
  sku: string;
  qty: number;
  price: number;
  unitPrice: number;
  serviceTimes: number;
  validUntil: string | null;
}

export type RefundKind = 'refund_only' | 'refund_with_return' | 'service' | 'expiry';

export interface RefundRow extends MachineEntity {
  itemId: string;
  kind: RefundKind;
  amount: number | null;
  createdAt: number;
}

/** A state of the definition's voucher machine (Un, Us, Re, Ex for the built-in service order). */
export type VoucherState = string;

export interface VoucherRow {
  code: string;
  orderId: string;
  itemId: string;
  state: VoucherState;
  updatedAt: number;
}

/** 'failed': its firing failed too often and waits for a person (the task monitor's "retry now"). */
export type TimerStatus = 'pending' | 'fired' | 'cancelled' | 'skipped' | 'failed';

export type NextTimer = Pick<TimerRow, 'id' | 'key' | 'action' | 'setFlag' | 'dueAt'>;

export interface TimerRow {
  id: string;
  orderId: string;
  orderNumber: string;
  target: EntityRef;
  /** Name used to find the timer again (e.g. to extend auto-confirmation). */
  key: string;
  role: string;
  /** The action to perform when due; absent for timers that only set a flag. */
  action: string | null;
  setFlag: string | null;
  /** Guard checked at firing time; when it fails the timer is skipped and onBlockedFlag set. */
  guard: Condition | null;
  onBlockedFlag: string | null;
  dueAt: number;
  /** Target's stateVersion when scheduled: the timer fires only if the target never left that state. */
  stateVersion: number;
  status: TimerStatus;
  createdAt: number;
  doneAt: number | null;
  outcome: string | null;
  commandId: string;
  /** Firings that failed (the action threw or the write failed); absent = none. */
  attempts?: number;
  /** Why the last firing failed, for the task monitor. */
  lastError?: string | null;
}

export type EventType =
  | 'transition'
  | 'refund-opened'
  | 'refund-kind-changed'
  | 'refunds-closed'
  | 'vouchers-issued'
  | 'vouchers-changed'
  | 'voucher-redeemed'
  | 'flag-set'
  | 'timer-scheduled'
  | 'timer-extended'
  | 'timer-fired'
  | 'timer-skipped'
  | 'timer-cancelled'
  | 'timer-failed'
  | 'stock'
  | 'payment'
  | 'inspection'
  | 'note';

/** One thing a command did to an order (a line of its timeline). */
export interface EventEntry {
  id: string;
  role: string;
  action: string;
  type: EventType;
  entity: EntityRef;
  from: string | null;
  to: string | null;
  postAction: string | null;
  /** English, for logs and rows written before `data`; a screen words the event from `data`. */
  detail: string | null;
  /** The event's facts as data (`reason` names the situation where a type has several):
   *  the due time, the state left, the stock moved... Absent on older rows. */
  data?: EventData;
}

/** Scalars, and lists of text for what an action carried (tracking numbers). */
export type EventData = Record<string, string | number | boolean | null | string[]>;

/** The facts every event of one command shares. */
export interface EventCommandFacts {
  commandId: string;
  orderId: string;
  deviceId: string;
  operator: string;
  at: number;
}

/**
 * Stored, append-only: the timeline of an order, the audit trail and (later) the sync
 * outbox, as one row per command and order holding that command's events in order.
 * IndexedDB's cost is per row, and a command's events are always read together.
 */
export interface EventBatchRow extends EventCommandFacts {
  seq?: number;
  events: EventEntry[];
}

/** One event with its command's facts: what the engine produces and readers work with. */
export interface EventRow extends EventEntry, EventCommandFacts {
  /** The stored row's sequence number (shared by the events of one command). */
  seq?: number;
}

/** A stored command result: the same command id applied twice has effect once. */
export interface CommandRow {
  id: string;
  kind: string;
  deviceId: string;
  operator: string;
  /** The workflow role the command acted in (act, an action card, creating an order). */
  role?: string;
  at: number;
  /** commandDigest of the kind and payload: the same id with another payload is a conflict. */
  digest?: string;
  result: unknown;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

export interface WorkflowRow {
  id: string;
  version: number;
  definition: unknown;
  installedAt: number;
}

/** Read model: how many orders of a type are in a state, kept by every write of an order
 *  in the same transaction, so board headers read a number instead of walking an index. */
export interface StateCountRow {
  type: OrderType;
  state: string;
  count: number;
}

/** Per-device sequences for human numbers. */
export interface SequenceRow {
  name: string;
  value: number;
}

// --- Inventory -------------------------------------------------------------

export interface ProductRow {
  sku: string;
  name: string;
  unit: string;
  price: number;
  barcodes: string[];
  reorderPoint: number;
  allowBackorder: boolean;
  active: boolean;
  updatedAt: number;
}

export interface LocationRow {
  id: string;
  name: string;
  /** Lower number = used first by the priority allocation strategy. */
  priority: number;
  /** A bin belongs to a warehouse; warehouses have no parent. */
  parentId: string | null;
  active: boolean;
  /** false: a damaged or quarantine location whose stock is never allocated to an order
   *  (the returns desk puts inspected goods there). Absent = sellable. */
  sellable?: boolean;
}

/** 'repair': delta 0, the start-up check rewrote a level that disagreed with the ledger
 *  (engine/stockRepair.ts); the reason names the stored and the rebuilt figures. */
export type MovementKind = 'receive' | 'ship' | 'return' | 'adjust' | 'transfer-out' | 'transfer-in' | 'count' | 'repair';

export interface LedgerRow {
  seq?: number;
  id: string;
  commandId: string;
  deviceId: string;
  operator: string;
  kind: MovementKind;
  sku: string;
  locationId: string;
  /** Signed change of on-hand quantity. */
  delta: number;
  reason: string;
  orderId: string | null;
  itemId: string | null;
  at: number;
}

export interface StockLevelRow {
  sku: string;
  locationId: string;
  onHand: number;
  reserved: number;
  updatedAt: number;
}

export type ReservationStatus = 'reserved' | 'partly-shipped' | 'shipped' | 'released' | 'returned';

export interface ReservationRow {
  id: string;
  orderId: string;
  itemId: string;
  sku: string;
  locationId: string;
  qty: number;
  shippedQty: number;
  status: ReservationStatus;
  /** Returned units waiting at the returns desk for inspection: on hand but held (counted
   *  as reserved) until inspected. Absent = none. */
  toInspect?: number;
  updatedAt: number;
}

// --- Money -------------------------------------------------------------------

/** 'payment': money in; 'refund': money given back; 'reversal': undoes a payment or refund row. */
export type PaymentKind = 'payment' | 'refund' | 'reversal';

/**
 * One movement of money at the counter, append-only: never edited, a mistake is undone by a
 * reversal row. Amounts in minor units, always positive; the kind says which way it went.
 */
export interface PaymentRow {
  id: string;
  orderId: string;
  orderNumber: string;
  /** The till session open on the device at the time (null when none was open). */
  tillId: string | null;
  kind: PaymentKind;
  /** A payment method of the settings (cash, card, other...). */
  method: string;
  amount: number;
  /** Cash handed over (payments in cash only). */
  tendered: number | null;
  /** Cash given back: tendered - amount. */
  change: number | null;
  /** A card slip or transfer reference. */
  reference: string | null;
  /** The row a reversal undoes. */
  reverses: string | null;
  /** The refund sheet a refund pays out, when there is one. */
  refundId: string | null;
  reason: string | null;
  commandId: string;
  deviceId: string;
  operator: string;
  at: number;
}

/** A till session of one device: opened with a float, closed with a counted amount. */
export interface TillRow {
  id: string;
  deviceId: string;
  status: 'open' | 'closed';
  /** Cash in the drawer at opening. */
  float: number;
  openedAt: number;
  openedBy: string;
  closedAt: number | null;
  closedBy: string | null;
  /** Cash counted at closing, what the payments say should be there, and counted - expected. */
  counted: number | null;
  expected: number | null;
  difference: number | null;
  note: string | null;
}

// --- Operators --------------------------------------------------------------

/** A slow salted hash of a PIN (operators/pin.ts); the PIN itself is never stored. */
export interface PinHash {
  algorithm: 'PBKDF2-SHA256';
  iterations: number;
  /** Hex of 16 random bytes. */
  salt: string;
  /** Hex of the 32-byte derived key. */
  hash: string;
}

/** A person who works the counter, and the workflow roles they may take. */
export interface OperatorRow {
  id: string;
  name: string;
  /** Lower-cased name: a name + PIN sign-in matches it. */
  nameKey: string;
  /** The id inside the badge's CF:OP: barcode. */
  badge: string;
  /** Role codes of the workflow definitions (B, S, P, A...), upper case. */
  roles: string[];
  active: boolean;
  pinHash: PinHash;
  /** An admin's recovery code, hashed like a PIN (operators/recovery.ts); absent for others. */
  recoveryHash?: PinHash;
  createdAt: number;
  updatedAt: number;
}

/** How a sign-in attempt ended. Only 'wrong-pin' counts towards the growing delay. */
export type SignInOutcome = 'ok' | 'wrong-pin' | 'unknown' | 'inactive' | 'rate-limited';

/** One sign-in attempt, successful or not. Never what was typed: a PIN typed into the
 *  name field must not end up in the log. */
export interface SignInRow {
  seq?: number;
  /** null when no operator matched the badge or name. */
  operatorId: string | null;
  /** 'recovery': a forgotten admin PIN reset with the recovery code. */
  method: 'badge' | 'pin' | 'recovery';
  outcome: SignInOutcome;
  deviceId: string;
  at: number;
}

export interface ScanRow {
  seq?: number;
  at: number;
  raw: string;
  type: string;
  screen: string;
  ok: boolean;
  message: string;
  /** Who was signed in and where (absent in rows logged before operators existed). */
  operator?: string;
  deviceId?: string;
  /** The workflow role the window was in (absent in rows logged before roles were logged). */
  role?: string;
}

// Conditions are data inside workflow definitions and timer rows.
export type Condition =
  | { stateIn: string[] }
  | { orderIn: string[] }
  | { allItemsIn: string[] }
  | { anyItemIn: string[] }
  | { noItemIn: string[] }
  | { flag: string }
  | { hasRefund: boolean }
  | { anyVoucherIn: string[] }
  | { not: Condition }
  | { all: Condition[] }
  | { any: Condition[] };

/** A row as it was before a command wrote it (`before: null`: the command made it). */
export interface UndoStep {
  table: string;
  key: unknown;
  before: unknown;
}

/** What a command changed on this counter, so a command the server refuses can be taken back. */
export interface UndoRecord {
  restore: UndoStep[];
  /** Event rows it added (their local numbers). */
  events: number[];
  /** Ledger movements it added (their ids). */
  ledger: string[];
}

/** A command applied here and waiting to be sent to the sync server (or answered by it). */
export interface OutboxRow {
  /** The order commands were applied in here: they are sent in this order. */
  seq?: number;
  commandId: string;
  /** A push kind (shared/sync/pushForm.ts) and the arguments of the counter's method. */
  kind: string;
  args: unknown[];
  operator: string;
  at: number;
  status: 'pending' | 'accepted' | 'refused';
  undo: UndoRecord;
  /** The server's reason when it refused the command. */
  refusal?: { code: string; message: string; params?: Record<string, string | number | boolean | null> };
  /** The refused command's local effect was taken back. */
  undone?: boolean;
  /** The clerk saw the refusal and put it away. */
  dismissed?: boolean;
}

/** The counter's sync state by key: 'config' (server, device, token) and 'status'. */
export interface SyncStateRow {
  key: string;
  value: unknown;
}
