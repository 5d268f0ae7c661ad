// What a counter sends the server for a command it applied: the command's kind and the
// arguments of the counter's own method, in order (the server calls the same method with
// them: server/push/dispatch.ts). One list of kinds for both sides. Commands that stay on
// the counter are not sent: operators and sign-ins (each counter's own), the demo import,
// timer firings (the server fires its own; the firing's id makes both the same), and the
// settings of one device (its prefix, name, period preset).
import { SHARED_SETTING_KEYS } from './tables';
import { TRACKING_PUSH_KINDS } from './trackingSync';

export const PUSH_KINDS = [
  'create-order',
  'act',
  'act-on-order',
  'redeem-voucher',
  'set-setting',
  'install-workflow',
  'stock:add-product',
  'stock:update-product',
  'stock:add-location',
  'stock:update-location',
  'stock:receive',
  'stock:adjust',
  'stock:count',
  'stock:transfer',
  'stock:import-products',
  'stock:import-stock-levels',
  ...TRACKING_PUSH_KINDS,
  // Money (issue 22): payments, money back and reversals are the shop's books; till
  // sessions are one drawer's, but the server keeps them so a payment names the same till there.
  'money:take-payment',
  'money:pay-by-action',
  'money:refund-money',
  'money:reverse-payment',
  'money:open-till',
  'money:close-till',
] as const;

export type PushKind = (typeof PUSH_KINDS)[number];

export interface PushForm {
  kind: PushKind;
  args: unknown[];
}

const isPushKind = (kind: string): kind is PushKind => (PUSH_KINDS as readonly string[]).includes(kind);
const field = (payload: unknown, key: string): unknown => (typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>)[key] : undefined);

/** The push form of a command as the pipeline ran it (its kind, payload and role); undefined
 *  for a command that stays on this counter. */
export function pushFormOf(kind: string, payload: unknown, role?: string): PushForm | undefined {
  if (!isPushKind(kind)) return undefined;
  const f = (key: string) => field(payload, key);
  switch (kind) {
    case 'create-order':
      return { kind, args: [f('type'), f('input')] };
    case 'act':
      return { kind, args: [f('ref'), f('role'), f('action'), f('input') ?? null] };
    case 'act-on-order': {
      const prefer = f('prefer');
      return { kind, args: prefer === null || prefer === undefined ? [f('orderId'), f('role'), f('action')] : [f('orderId'), f('role'), f('action'), prefer] };
    }
    case 'redeem-voucher':
      return { kind, args: [f('code')] };
    case 'money:pay-by-action':
      return { kind, args: [f('ref'), f('role'), f('input') ?? null] };
    case 'set-setting':
      // The role it was taken in goes along: the server checks a live setting's Admin role too.
      return (SHARED_SETTING_KEYS as readonly unknown[]).includes(f('key')) ? { kind, args: role === undefined ? [f('key'), f('value')] : [f('key'), f('value'), role] } : undefined;
    default:
      // Workflow definitions, stock and money inputs and CSV texts are the payload itself.
      return { kind, args: [payload] };
  }
}
