// The workflow definition format: plain JSON, validated by zod. Shape only; the
// whole-definition checks (unknown states, ambiguity, reachability...) live in check.ts.
import { z } from 'zod';
import type { Condition } from '../db/rows';
import { roleCodeSchema } from '../barcode/roleCode';
import { inputDeclarationSchema } from './input';

const code = z.string().min(1);
const stateList = z.array(code).min(1);

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ stateIn: stateList }),
    z.strictObject({ orderIn: stateList }),
    z.strictObject({ allItemsIn: stateList }),
    z.strictObject({ anyItemIn: stateList }),
    z.strictObject({ noItemIn: stateList }),
    z.strictObject({ flag: code }),
    z.strictObject({ hasRefund: z.boolean() }),
    z.strictObject({ anyVoucherIn: stateList }),
    z.strictObject({ not: conditionSchema }),
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
  ]),
);

/** The kinds of refund sheet (RefundKind). */
export const refundKindSchema = z.enum(['refund_only', 'refund_with_return', 'service', 'expiry']);

/** Who an effect acts on, seen from the entity whose transition ran it. */
export const targetSchema = z.enum(['self', 'order', 'items', 'item', 'refund']);
export type EffectTarget = z.infer<typeof targetSchema>;

const when = conditionSchema.optional();

export const effectSchema = z.discriminatedUnion('kind', [
  // Do an action on other entities (or self) now, as a role; rows that do not apply are skipped.
  z.strictObject({ kind: z.literal('cascade'), target: targetSchema, role: code, action: code, when }),
  // Schedule a durable timer: perform `action` (or set `setFlag`) after a named period, or at
  // the order line's valid-until date. It fires only if the target is still in the state it
  // was in when scheduled; if `guard` fails at that moment it is skipped and `onBlockedFlag` set.
  z.strictObject({
    kind: z.literal('schedule'),
    target: targetSchema,
    key: code,
    role: code,
    action: code.optional(),
    setFlag: code.optional(),
    after: code.optional(),
    at: z.literal('validUntil').optional(),
    guard: conditionSchema.optional(),
    onBlockedFlag: code.optional(),
    when,
  }),
  // Push a pending timer (by key) back by a named period, once per party (`onceFlag`).
  z.strictObject({ kind: z.literal('extendTimer'), key: code, by: code, onceFlag: code, when }),
  z.strictObject({ kind: z.literal('setFlag'), flag: code, when }),
  // Open a refund sheet for the item (self when run by an item; the order's single line otherwise).
  // `amount`: the money field of the action's input that sets the sheet's amount; the line's
  // price when the action was taken without it (absent: the sheet has no amount yet).
  z.strictObject({ kind: z.literal('openRefund'), refundKind: refundKindSchema, state: code, amount: code.optional(), when }),
  // Close the order's open refund sheets (those in `inStates`) directly, without their post-actions.
  z.strictObject({ kind: z.literal('closeRefunds'), inStates: stateList, to: code, when }),
  z.strictObject({ kind: z.literal('issueVouchers'), when }),
  z.strictObject({ kind: z.literal('setVouchers'), from: stateList, to: code, when }),
  // Stock effects on the order's lines (target order) or one line (target self on an item).
  z.strictObject({ kind: z.literal('stock'), op: z.enum(['reserve', 'commit', 'release', 'restock']), when }),
  // A shipment from what the action carried, in the same command: the input fields naming
  // its carrier, its tracking number(s) (text or list) and, optionally, its parcel count.
  // Taken without carrier and tracking number, the action makes no shipment.
  z.strictObject({ kind: z.literal('shipment'), direction: z.enum(['outbound', 'return']), carrier: code, trackingNumbers: code, parcels: code.optional(), when }),
  // A refund sheet's action may switch the sheet's kind (refund only <-> refund with return):
  // `field` names a choice of the row's input whose values are refund kinds; the sheet then
  // goes on in the machine of the chosen kind. Taken without it, the sheet keeps its kind.
  z.strictObject({ kind: z.literal('setRefundKind'), field: code, when }),
  // Anything that cannot be said as data: a handler registered in code by name.
  z.strictObject({ kind: z.literal('handler'), name: code, when }),
]);
export type Effect = z.infer<typeof effectSchema>;

export const transitionSchema = z.strictObject({
  role: z.union([code, z.array(code).min(1)]),
  action: code,
  /** States the row applies in; null = creation ("no state yet"). */
  from: z.union([stateList, z.null()]),
  to: code,
  /** System-only: never shown in an action panel, refused when a person asks for it. */
  hidden: z.boolean().optional(),
  guard: conditionSchema.optional(),
  /** Effects of the row itself, run before the post-action. */
  effects: z.array(effectSchema).optional(),
  postAction: code.optional(),
  /** The data the action carries (carrier, tracking number, refund amount...): the engine
   *  checks it, stores it on the transition's event, and effects and handlers may use it. */
  input: inputDeclarationSchema.optional(),
  /** The action panel asks once more before it is taken (cancelling, refunding). */
  confirm: z.boolean().optional(),
});
export type Transition = z.infer<typeof transitionSchema>;

export const stateSchema = z.strictObject({
  label: z.string().min(1),
  /** What people see where it differs from the label (HS is shown as "finished payment"). */
  display: z.string().min(1).optional(),
  terminal: z.boolean().optional(),
});

export const machineSchema = z.strictObject({
  entity: z.enum(['order', 'item', 'refund', 'voucher']),
  label: z.string().min(1),
  states: z.record(code, stateSchema),
  /** States entities are created in by effects (refund sheets, vouchers). */
  initial: z.array(code).optional(),
  transitions: z.array(transitionSchema),
});
export type Machine = z.infer<typeof machineSchema>;

export const definitionSchema = z.strictObject({
  id: code,
  version: z.number().int().positive(),
  label: z.string().min(1),
  orderType: z.enum(['product', 'service']),
  roles: z.array(z.strictObject({ code: roleCodeSchema, label: z.string().min(1) })).min(1),
  /** Named periods this definition uses; their lengths come from settings. */
  periods: z.array(code),
  machines: z.record(code, machineSchema),
  /** Which refund machine drives a sheet, chosen at each step: first matching rule wins. */
  refundMachines: z
    .array(z.strictObject({ machine: code, when: conditionSchema.optional(), kind: z.array(code).optional() }))
    .optional(),
  postActions: z.record(code, z.array(effectSchema)),
  vouchers: z
    .strictObject({
      machine: code,
      /** State new vouchers start in, and the move a redemption makes. */
      issueState: code,
      redeem: z.strictObject({ from: stateList, to: code }),
      refuseInOrderStates: stateList,
      whenAllUsed: z.strictObject({ role: code, action: code }),
    })
    .optional(),
  /** Order lines per order: a service order has exactly one. */
  maxLines: z.number().int().positive().optional(),
});
export type WorkflowDefinition = z.infer<typeof definitionSchema>;
