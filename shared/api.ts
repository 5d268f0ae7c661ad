// The counter's public contract: what scripts, the engine worker (over Comlink) and the
// sync server call. Everything here crosses a boundary, so it is plain data.
import type { Condition, EntityRef, LedgerRow, LocationRow, OrderType, ProductRow, StockLevelRow, TimerRow, VoucherState } from './db/rows';
import type { SettingKey, SettingValue } from './settings/settings';
import type { MoneyApi } from './payments/api';

/** Every refusal code the engine and shared/ can give: one list, so a test can check that
 *  each is worded in every language the UI speaks (renderer/ui/refusalWords.test.ts). The
 *  situations each code covers (`params.reason`) are listed in shared/refusals.ts. */
export const REFUSAL_CODES = [
  'unknown-role',
  'unknown-action',
  'wrong-role',
  'system-only',
  'not-allowed-in-state',
  'guard-failed',
  'not-found',
  'insufficient-stock',
  'invalid-input',
  'ambiguous',
  'effect-failed',
  /** The command id was used before for another command (another kind or payload). */
  'command-id-conflict',
  /** Past one of the limits in shared/limits.ts (params.limit says which figure). */
  'limit-exceeded',
  /** The database refused the write (full disk, closed, blocked): nothing was saved. */
  'storage-failed',
  /** The command's operator is unknown, deactivated or may not take its role (params.operator, params.role). */
  'role-not-permitted',
  /** Unknown badge or name, wrong PIN, or a deactivated operator (params.waitSeconds after a wrong PIN). */
  'sign-in-failed',
  /** Too soon after wrong PINs: params.waitSeconds until the next try is checked. */
  'rate-limited',
  /** The action would change nothing (already recorded in this state, nothing left to do). */
  'no-change',
] as const;

export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** One problem of a bad input, as data (invalid-input, reason bad-field: `params.issues`), so a
 *  screen words it in the reader's language: where it is, what zod found, and the bound. */
export interface FieldProblem {
  /** The path in the command's argument ("lines.0.qty", "payment.amount"). */
  path: string;
  /** The field the problem is in: the path's last name ("qty"), or the argument's. */
  field: string;
  /** 1-based order line when the problem is on one. */
  line: number | null;
  /** zod's issue code (too_small, too_big, invalid_type, invalid_format, invalid_value,
   *  unrecognized_keys, custom...). */
  code: string;
  /** A custom check's own name (missing, unprintable, reserved-id...); see shared/fieldProblems.ts. */
  problem?: string;
  /** The bound of a too_small / too_big, and whether it is allowed itself. */
  limit?: number;
  inclusive?: boolean;
  /** The lower bound of a check with two (a PIN's length). */
  min?: number;
  /** What a too_small / too_big measured: string (characters), number, array (entries). */
  origin?: string;
  /** What was expected (invalid_type: number, string, int, object...). */
  expected?: string;
  /** The format an invalid_format wanted (regex, email...). */
  format?: string;
  /** Names of unrecognized keys, as sent. */
  keys?: string[];
  /** What the field takes, as a rule the screens word as an instruction (a `pattern` problem:
   *  `upTo4CapitalsOrDigits`, `digits6to12`); see FIELD_RULES in shared/fieldProblems.ts. */
  rule?: string;
  /** How many characters the refused value has, where its rule is about a length. */
  length?: number;
}

/** A fact of a refusal: a plain value, or a bad input's problems. */
export type RefusalFact = string | number | boolean | null | readonly FieldProblem[];

export interface Refused {
  ok: false;
  code: RefusalCode;
  /** English, for logs and scripts; a screen words the refusal from `code` and `params`. */
  message: string;
  /** The facts of the refusal as data (the sku, the quantities, the states, the field). */
  params?: Record<string, RefusalFact>;
  /** Extra facts for the clerk, e.g. what stock is available where. */
  details?: unknown;
}

export interface Applied {
  ok: true;
  from: string | null;
  to: string;
  postAction: string | null;
  /** Number of events the command appended (transitions, timers, stock...). */
  events: number;
  /** The target's state version after the command: a screen may show `to` at once and
   *  keep showing it until its own copy of the row reaches this version. */
  stateVersion: number;
  /** Shipments the action's input made (the seller's "ship", the buyer's "ship back"). */
  shipmentIds?: string[];
  /** The money the action took, when it carried a payment ("payment successful"). */
  payment?: { paymentId: string; paid: number; balance: number; change: number | null; paidInFull: boolean };
}

export type ActResult = Applied | Refused;

export interface CommandOptions {
  /** Supply to make a retry safe: the same id applied twice has effect once. */
  commandId?: string;
}

export interface SettingOptions extends CommandOptions {
  /** The role the clerk is acting in: a live-counter setting needs the Admin role (A). */
  role?: string;
}

export interface OrderLineInput {
  sku: string;
  qty: number;
  price?: number;
  unitPrice?: number;
  serviceTimes?: number;
  /** '2026-12-31' (that whole day on the counter's clock) or a date and time with its zone. */
  validUntil?: string;
}

export interface CreateOrderInput {
  buyerId: string;
  buyerName?: string;
  address?: string;
  /** The buyer's phone (spaces and dashes are dropped). */
  phone?: string;
  lines: OrderLineInput[];
}

export type CreateOrderResult = { ok: true; orderId: string; number: string } | Refused;

export interface ItemView {
  id: string;
  lineNo: number;
  sku: string;
  qty: number;
  price: number;
  state: string | null;
  refund?: { id: string; kind: string; state: string; amount: number | null };
  vouchers?: Array<{ code: string; state: VoucherState }>;
}

export interface OrderView {
  id: string;
  number: string;
  type: OrderType;
  state: string;
  stateLabel: string;
  buyerId: string;
  workflowId: string;
  workflowVersion: number;
  flags: Record<string, boolean>;
  items: ItemView[];
}

export type DisabledReason = 'wrong-state' | 'guard-failed' | 'system-only' | 'other-role' | 'no-change';

/** What an explanation rests on, as data: a screen says it in its own language. */
export type ExplainDetail =
  /** Another role's action: the roles that may take it. */
  | { kind: 'roles'; roles: string[] }
  /** Only the system takes it (a timer, a cascade). */
  | { kind: 'system' }
  /** Not in this state: the states it is allowed in (null: at creation). */
  | { kind: 'states'; states: Array<string | null> }
  /** Allowed here, but its condition does not hold. */
  | { kind: 'guard'; guard: Condition }
  /** Already recorded in this state, and doing it again would change nothing. */
  | { kind: 'done' }
  /** Possible now: the state it moves to. */
  | { kind: 'moves'; to: string };

export interface ExplainedAction {
  action: string;
  roles: string[];
  enabled: boolean;
  reason?: DisabledReason;
  detail: ExplainDetail;
  /** The same as a sentence in English (for logs and the API). */
  message: string;
}

/** `message` is English for logs and scripts; a screen words the result from `params`. */
export type RedeemResult = { ok: true; message: string; orderId: string; params: { code: string; order: string; left: number } } | Refused;

export interface MovementInput {
  sku: string;
  locationId: string;
  qty: number;
  reason?: string;
}

export interface TransferInput {
  sku: string;
  fromLocationId: string;
  toLocationId: string;
  qty: number;
  reason?: string;
}

export type StockResult = { ok: true; movements: number } | Refused;

export interface StockFilter {
  sku?: string;
  locationId?: string;
}

export interface StockLevelView extends StockLevelRow {
  available: number;
}

export interface StockCheck {
  ok: boolean;
  mismatches: Array<{ sku: string; locationId: string; stored: number; fromLedger: number }>;
}

export interface LowStockRow {
  sku: string;
  name: string;
  available: number;
  reorderPoint: number;
}

export interface Counter extends MoneyApi {
  readonly deviceId: string;
  createOrder(type: OrderType, input: CreateOrderInput, options?: CommandOptions): Promise<CreateOrderResult>;
  getOrder(id: string): Promise<OrderView | null>;
  roleActions(ref: EntityRef): Promise<Record<string, string[]>>;
  explain(ref: EntityRef, role: string): Promise<ExplainedAction[]>;
  act(ref: EntityRef, role: string, action: string, input?: unknown, options?: CommandOptions): Promise<ActResult>;
  /** Applies an action wherever it is possible on the order now (an action card scanned on
   *  an open order); `prefer` is a line or sheet scanned just before. */
  actOnOrder(orderId: string, role: string, action: string, options?: CommandOptions & { prefer?: EntityRef }): Promise<ActResult & { target?: EntityRef }>;
  redeemVoucher(code: string, options?: CommandOptions): Promise<RedeemResult>;
  runDueTimers(): Promise<number>;
  timers(ref?: EntityRef): Promise<TimerRow[]>;

  addProduct(product: ProductInput, options?: CommandOptions): Promise<StockResult>;
  /** Changes a product: the fields given replace the stored ones, the sku stays. */
  updateProduct(product: ProductUpdate, options?: CommandOptions): Promise<StockResult>;
  addLocation(location: LocationInput, options?: CommandOptions): Promise<StockResult>;
  /** Changes a location (name, priority, parent, active): the fields given replace the stored ones, the code stays. */
  updateLocation(location: LocationUpdate, options?: CommandOptions): Promise<StockResult>;
  receive(input: MovementInput, options?: CommandOptions): Promise<StockResult>;
  adjust(input: MovementInput, options?: CommandOptions): Promise<StockResult>;
  transfer(input: TransferInput, options?: CommandOptions): Promise<StockResult>;
  count(input: MovementInput, options?: CommandOptions): Promise<StockResult>;
  stockLevels(filter?: StockFilter): Promise<StockLevelView[]>;
  ledger(filter?: StockFilter): Promise<LedgerRow[]>;
  lowStock(): Promise<LowStockRow[]>;
  checkStock(): Promise<StockCheck>;
  /** Rewrites stored levels from the ledger and open reservations; returns what was wrong before. */
  repairLevels(): Promise<StockCheck>;
  /** Creates or updates products from CSV: every row or none; `details.errors` lists each bad row. */
  importProducts(csvText: string, options?: CommandOptions): Promise<{ ok: true; created: number; updated: number } | Refused>;
  /** Applies a stock-levels CSV (sku, locationId, onHand) as stock-take counts: every row or none. */
  importStockLevels(csvText: string, options?: CommandOptions): Promise<StockResult>;
  exportProducts(): Promise<string>;
  exportStockLevels(filter?: StockFilter): Promise<string>;

  /** Validates and installs a workflow definition (a new version of an id, or a new id). */
  installWorkflow(json: unknown, options?: CommandOptions): Promise<InstallWorkflowResult>;
  setSetting<K extends SettingKey>(key: K, value: SettingValue<K>, options?: SettingOptions): Promise<{ ok: true } | Refused>;
  /** Adds an operator (admin only; the first one must be an admin). */
  addOperator(input: AddOperatorInput, options?: CommandOptions): Promise<OperatorResult>;
  /** Changes an operator: the fields given replace the stored ones (admin only). */
  updateOperator(input: UpdateOperatorInput, options?: CommandOptions): Promise<OperatorResult>;
  deactivateOperator(id: string, options?: CommandOptions): Promise<OperatorResult>;
  operators(): Promise<OperatorView[]>;
  /** First start: creates the first admin and returns the admin recovery code, this once
   *  (refused once any operator exists); the counter is then signed in as that admin. */
  setUpOperators(input: AddOperatorInput, options?: CommandOptions): Promise<SetUpResult>;
  /** The first-start set-up as one command: shop name, currency, the first admin (with a
   *  PIN) or one person alone (without), and the data choice, applied together or not at all;
   *  refused once the counter is set up. With a PIN the counter is then signed in as that admin. */
  firstStart(input: FirstStartInput, options?: CommandOptions): Promise<FirstStartResult>;
  /** A forgotten admin PIN: the recovery code sets a new PIN, is spent, and a new code is
   *  returned; the counter is then signed in as that admin. Wrong codes are rate-limited. */
  recoverAdminPin(input: { name: string; code: string; pin: string }): Promise<SetUpResult>;
  /** Signs in by badge or name + PIN: this counter's later commands carry that operator. */
  signIn(input: SignInInput): Promise<OperatorResult>;
  /** Back to no one signed in (the configured operator, which only single-operator mode accepts). */
  signOut(): Promise<void>;
  /** Who this counter's commands are made as now (null: no one signed in). */
  signedIn(): Promise<OperatorView | null>;
  /** Appends a scan to the scan log (what was scanned, where, and what it did). */
  logScan(scan: ScanInput): Promise<void>;
  close(): Promise<void>;
}

/** An operator as screens and scripts see one: never the PIN's hash. */
export interface OperatorView {
  id: string;
  name: string;
  badge: string;
  roles: string[];
  active: boolean;
}

export interface AddOperatorInput {
  name: string;
  badge: string;
  /** Workflow role codes (B, S, P, A...). */
  roles: string[];
  /** Digits only; stored as a slow salted hash, never in clear. */
  pin: string;
}

export type UpdateOperatorInput = { id: string } & Partial<AddOperatorInput & { active: boolean }>;

export type SignInInput = { badge: string } | { name: string; pin: string };

export type OperatorResult = { ok: true; operator: OperatorView } | Refused;

export interface FirstStartInput {
  shopName: string;
  /** An ISO 4217 code of SUPPORTED_CURRENCIES (its digits come from there). */
  currency: string;
  name: string;
  pin?: string;
  badge?: string;
  roles?: string[];
  data: 'empty' | 'demo';
}

/** `operator` and `recoveryCode` only when a PIN made the first admin; the code is shown this
 *  once (only its hash is stored), so a repeat of the same command id (`repeated`) has none. */
export type FirstStartResult = { ok: true; data: 'empty' | 'demo'; operator?: OperatorView; recoveryCode?: string; repeated?: boolean } | Refused;

/** `recoveryCode` is shown once, to be written down; only its hash is stored. */
export type SetUpResult = { ok: true; operator: OperatorView; recoveryCode: string } | Refused;

export interface ScanInput {
  raw: string;
  type: string;
  screen: string;
  ok: boolean;
  message: string;
  /** The workflow role the window was in when the scan came (the operator and device are the engine's). */
  role?: string;
}

export type InstallWorkflowResult = { ok: true; id: string; version: number } | (Refused & { problems: Array<{ path: string; message: string }> });

export type ProductInput = Partial<Omit<ProductRow, 'sku' | 'name' | 'updatedAt'>> & Pick<ProductRow, 'sku' | 'name'>;
export type ProductUpdate = Partial<Omit<ProductRow, 'sku' | 'updatedAt'>> & Pick<ProductRow, 'sku'>;
export type LocationUpdate = Partial<Omit<LocationRow, 'id'>> & Pick<LocationRow, 'id'>;
export type LocationInput = Partial<Omit<LocationRow, 'id' | 'name'>> & Pick<LocationRow, 'id' | 'name'>;
