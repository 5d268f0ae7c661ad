// What a person types or scans to add an operator or sign in, checked at the engine's boundary.
// No message ever repeats the value it refuses: it may be a PIN.
import { z } from 'zod';
import { LIMITS } from '../limits';
import { normalRole } from '../operators/permissions';
import { roleSchema, text } from './input';

const { MIN_PIN_LENGTH, MAX_PIN_LENGTH, MAX_OPERATOR_NAME_LENGTH, MAX_BADGE_LENGTH, MAX_OPERATOR_ROLES, MAX_ID_LENGTH } = LIMITS;

export const operatorNameSchema = text('the name', MAX_OPERATOR_NAME_LENGTH);

/** Printed in a Code 128 barcode: plain letters, digits and - _ . only. */
export const badgeSchema = text('the badge', MAX_BADGE_LENGTH).refine((b) => /^[A-Za-z0-9._-]*$/.test(b), {
  error: 'the badge may hold only letters, digits, "-", "_" and "."',
  params: { problem: 'badge-chars' },
});

export const pinSchema = z
  .string({ error: 'the PIN must be text' })
  .refine((p) => /^[0-9]*$/.test(p), { error: 'the PIN may hold digits only', params: { problem: 'digits-only' } })
  .refine((p) => p.length >= MIN_PIN_LENGTH && p.length <= MAX_PIN_LENGTH, { error: `the PIN must have ${MIN_PIN_LENGTH} to ${MAX_PIN_LENGTH} digits`, params: { problem: 'pin-length', min: MIN_PIN_LENGTH, limit: MAX_PIN_LENGTH } });

export const operatorRolesSchema = z
  .array(roleSchema, { error: 'the roles must be a list' })
  .min(1, { error: 'give the operator at least one role' })
  .max(MAX_OPERATOR_ROLES, { error: `an operator has at most ${MAX_OPERATOR_ROLES} roles` })
  .transform((roles) => [...new Set(roles.map(normalRole))]);

export const operatorIdSchema = text('the operator id', MAX_ID_LENGTH);

export const addOperatorSchema = z.object(
  { name: operatorNameSchema, badge: badgeSchema, roles: operatorRolesSchema, pin: pinSchema },
  { error: 'give the operator as { name, badge, roles, pin }' },
);

export const updateOperatorSchema = z.object(
  {
    id: operatorIdSchema,
    name: operatorNameSchema.optional(),
    badge: badgeSchema.optional(),
    roles: operatorRolesSchema.optional(),
    pin: pinSchema.optional(),
    active: z.boolean({ error: 'active must be true or false' }).optional(),
  },
  { error: 'give the change as { id, and the fields to change }' },
);

export const signInSchema = z.union(
  [z.object({ badge: badgeSchema }).strict(), z.object({ name: operatorNameSchema, pin: pinSchema }).strict()],
  { error: 'sign in with { badge } or { name, pin }' },
);

/** The forgotten-admin-PIN form: the admin's name, the recovery code from paper, a new PIN. */
export const recoverPinSchema = z.object(
  { name: operatorNameSchema, code: text('the recovery code', 64), pin: pinSchema },
  { error: 'give the recovery as { name, code, pin }' },
).strict();

export type AddOperatorInput = z.input<typeof addOperatorSchema>;
export type RecoverPinInput = z.input<typeof recoverPinSchema>;
export type UpdateOperatorInput = z.input<typeof updateOperatorSchema>;
export type SignInInput = z.input<typeof signInSchema>;

/** What a name + PIN sign-in matches: case and surrounding space do not matter. */
export const nameKeyOf = (name: string): string => name.trim().normalize('NFC').toLowerCase();
