// The shape every restored row must have, one small zod schema per table. They check what
// IndexedDB and the engine rely on (keys, types of the fields queries and the engine read),
// and let other fields through unchanged (looseObject), so a restore writes the rows exactly
// as they were backed up.
import { z } from 'zod';
import { settingSchemas } from '../settings/settings';

const id = z.string().min(1);
const time = z.number().finite();
const count = z.number().int().nonnegative();
const seq = z.number().int().positive().optional();
const nullableString = z.string().nullable();
const entityRef = z.object({ kind: z.enum(['order', 'item', 'refund']), id });

const machine = {
  id,
  orderId: id,
  state: nullableString,
  stateVersion: count,
  updatedAt: time,
};

export const rowSchemas = {
  orders: z.looseObject({
    ...machine,
    number: z.string().min(1),
    type: z.enum(['product', 'service']),
    workflowId: id,
    workflowVersion: z.number().int().positive(),
    buyerId: z.string(),
    buyerName: z.string(),
    flags: z.record(z.string(), z.boolean()),
    total: z.number().finite(),
    lineCount: count,
    openRefunds: count,
    createdAt: time,
  }),
  items: z.looseObject({ ...machine, lineNo: count, sku: z.string(), qty: z.number().finite(), price: z.number().finite() }),
  refunds: z.looseObject({ ...machine, itemId: id, kind: z.enum(['refund_only', 'refund_with_return', 'service', 'expiry']), createdAt: time }),
  vouchers: z.looseObject({ code: id, orderId: id, itemId: id, state: z.enum(['Un', 'Us', 'Re', 'Ex']), updatedAt: time }),
  events: z.looseObject({
    seq,
    commandId: z.string(),
    orderId: id,
    at: time,
    events: z.array(z.looseObject({ id, type: z.string(), entity: entityRef })),
  }),
  timers: z.looseObject({
    id,
    orderId: id,
    target: entityRef,
    status: z.enum(['pending', 'fired', 'cancelled', 'skipped']),
    dueAt: time,
    stateVersion: count,
  }),
  commands: z.looseObject({ id, kind: z.string(), at: time }),
  // A known setting must hold what the engine accepts for it (as setSetting would check).
  settings: z.looseObject({ key: id, value: z.unknown() }).superRefine((row, ctx) => {
    if (!Object.hasOwn(settingSchemas, row.key)) return;
    const parsed = settingSchemas[row.key as keyof typeof settingSchemas].safeParse(row.value);
    if (!parsed.success) ctx.addIssue({ code: 'custom', path: ['value'], message: `not a valid ${row.key}: ${parsed.error.issues[0]!.message}` });
  }),
  workflows: z.looseObject({ id, version: z.number().int().positive(), definition: z.looseObject({ id }), installedAt: time }),
  sequences: z.looseObject({ name: id, value: count }),
  products: z.looseObject({ sku: id, name: z.string(), barcodes: z.array(z.string()), active: z.boolean(), price: z.number().finite() }),
  locations: z.looseObject({ id, name: z.string(), priority: z.number().finite(), parentId: nullableString, active: z.boolean() }),
  stockLedger: z.looseObject({ seq, id, commandId: z.string(), sku: id, locationId: id, delta: z.number().finite(), at: time }),
  stockLevels: z.looseObject({ sku: id, locationId: id, onHand: z.number().finite(), reserved: z.number().finite() }),
  reservations: z.looseObject({ id, orderId: id, itemId: id, sku: id, locationId: id, qty: z.number().finite(), status: z.string() }),
  scans: z.looseObject({ seq, at: time, raw: z.string(), type: z.string(), ok: z.boolean() }),
  stateCounts: z.looseObject({ type: z.enum(['product', 'service']), state: z.string(), count: count }),
  // Operators travel with their PIN hash only (never a PIN): a restore signs nobody in.
  operators: z.looseObject({
    id,
    name: z.string().min(1),
    nameKey: z.string().min(1),
    badge: z.string().min(1),
    roles: z.array(z.string()),
    active: z.boolean(),
    pinHash: z.object({ algorithm: z.literal('PBKDF2-SHA256'), iterations: z.number().int().positive(), salt: z.string().regex(/^[0-9a-f]+$/), hash: z.string().regex(/^[0-9a-f]+$/) }),
    createdAt: time,
    updatedAt: time,
  }),
  // Logistics (schema v6).
  carriers: z.looseObject({ id, name: z.string().min(1), pattern: z.string().min(1), check: z.enum(['none', 'ups-1z', 's10', 'mod7']), trackingUrl: z.string(), active: z.boolean() }),
  shipments: z.looseObject({
    id,
    orderId: id,
    orderNumber: z.string(),
    carrierId: id,
    direction: z.enum(['outbound', 'return']),
    trackingNumbers: z.array(z.string()),
    sscc: z.array(z.string()),
    parcels: z.array(z.looseObject({ no: count, trackingNumber: z.string(), sscc: z.string() })),
    state: z.string(),
    stateVersion: count,
    createdAt: time,
  }),
  checkpoints: z.looseObject({ seq, id, shipmentId: id, orderId: id, parcelNo: count, kind: z.string(), from: z.string(), to: z.string(), at: time }),
  exceptions: z.looseObject({ id, orderId: id, shipmentId: id, type: z.string(), state: z.string(), open: z.union([z.literal(0), z.literal(1)]), notes: z.array(z.looseObject({ text: z.string() })), openedAt: time }),
  payments: z.looseObject({
    id,
    orderId: id,
    kind: z.enum(['payment', 'refund', 'reversal']),
    method: z.string(),
    amount: z.number().int().nonnegative(),
    at: time,
  }),
  tills: z.looseObject({ id, deviceId: z.string(), status: z.enum(['open', 'closed']), float: z.number().int().nonnegative(), openedAt: time }),
  signIns: z.looseObject({ seq, operatorId: z.string().nullable(), method: z.enum(['badge', 'pin', 'recovery']), outcome: z.string(), deviceId: z.string(), at: time }),
} as const;

export type BackupTable = keyof typeof rowSchemas;
export const BACKUP_TABLES = Object.keys(rowSchemas) as BackupTable[];

export function isBackupTable(name: string): name is BackupTable {
  return Object.hasOwn(rowSchemas, name);
}

/** Tables whose key the database numbers itself (`++seq`): a backed-up row carries its number. */
const NUMBERED: ReadonlySet<BackupTable> = new Set(['events', 'stockLedger', 'scans', 'signIns', 'checkpoints']);

/**
 * Why a row does not fit its table, in a few words, or null when it fits. A row of a
 * numbered table must carry its number, or a restore would give it a new one (and move it
 * in the ledger's order); only rows a migration made anew (`numbered: false`) have none yet.
 */
export function rowProblem(table: BackupTable, row: unknown, { numbered = true }: { numbered?: boolean } = {}): string | null {
  if (numbered && NUMBERED.has(table) && typeof (row as { seq?: unknown } | null)?.seq !== 'number') return 'seq: the row has lost its number';
  const parsed = rowSchemas[table].safeParse(row);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  return `${issue.path.join('.') || 'row'}: ${issue.message}`;
}
