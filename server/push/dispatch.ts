// The commands a device may push, by kind: each takes the arguments of the counter's own
// method (in order, without the options) and runs it with the pushed command id. The
// commands check their arguments themselves (the same boundary as on the counter), so
// here they pass through unchecked.
import type { Refused } from '../../shared/api';
import type { PushKind } from '../../shared/sync/pushForm';
import type { DeviceCommands } from '../engine';
import { TRACKING_DISPATCH } from './trackingDispatch';

export type PushResult = { ok: true } | Refused;

type Run = (c: DeviceCommands, args: readonly unknown[], commandId: string) => Promise<PushResult>;

/** An argument the command validates itself at its boundary. */
const arg = <T>(value: unknown): T => value as T;

type Arg<K extends keyof DeviceCommands, I extends number> = Parameters<DeviceCommands[K]>[I];

export const PUSH_KINDS = {
  'create-order': (c, [type, input], commandId) => c.createOrder(type, input, { commandId }),
  act: (c, [ref, role, action, input], commandId) => c.act(ref, role, action, input, { commandId }),
  'act-on-order': (c, [orderId, role, action, prefer], commandId) => c.actOnOrder(orderId, role, action, { commandId, ...(prefer === undefined ? {} : { prefer }) }),
  'redeem-voucher': (c, [code], commandId) => c.redeemVoucher(code, { commandId }),
  'set-setting': (c, [key, value, role], commandId) => c.setSetting(key, value, { commandId, ...(typeof role === 'string' ? { role } : {}) }),
  'install-workflow': (c, [definition], commandId) => c.installWorkflow(definition, { commandId }),
  'stock:add-product': (c, [p], commandId) => c.addProduct(arg<Arg<'addProduct', 0>>(p), { commandId }),
  'stock:update-product': (c, [p], commandId) => c.updateProduct(arg<Arg<'updateProduct', 0>>(p), { commandId }),
  'stock:add-location': (c, [l], commandId) => c.addLocation(arg<Arg<'addLocation', 0>>(l), { commandId }),
  'stock:update-location': (c, [l], commandId) => c.updateLocation(arg<Arg<'updateLocation', 0>>(l), { commandId }),
  'stock:receive': (c, [m], commandId) => c.receive(arg<Arg<'receive', 0>>(m), { commandId }),
  'stock:adjust': (c, [m], commandId) => c.adjust(arg<Arg<'adjust', 0>>(m), { commandId }),
  'stock:count': (c, [m], commandId) => c.count(arg<Arg<'count', 0>>(m), { commandId }),
  'stock:transfer': (c, [m], commandId) => c.transfer(arg<Arg<'transfer', 0>>(m), { commandId }),
  'stock:import-products': (c, [csv], commandId) => c.importProducts(arg<string>(csv), { commandId }),
  'stock:import-stock-levels': (c, [csv], commandId) => c.importStockLevels(arg<string>(csv), { commandId }),
  ...TRACKING_DISPATCH,
  'money:take-payment': (c, [p], commandId) => c.takePayment(p, { commandId }),
  'money:pay-by-action': (c, [ref, role, input], commandId) => c.payByAction(ref, role, input, { commandId }),
  'money:refund-money': (c, [r], commandId) => c.refundMoney(r, { commandId }),
  'money:reverse-payment': (c, [r], commandId) => c.reversePayment(r, { commandId }),
  'money:open-till': (c, [t], commandId) => c.openTill(t, { commandId }),
  'money:close-till': (c, [t], commandId) => c.closeTill(t, { commandId }),
} satisfies Record<PushKind, Run>;

export const PUSH_KIND_NAMES = Object.keys(PUSH_KINDS) as [PushKind, ...PushKind[]];
