// What a scan means here, by screen and state. Each rule returns an outcome: ok or not,
// and one sentence the operator reads (toast, status line, scan log).
//
//   order label      open that order, from any screen (also its number as plain text)
//   line / refund    open its order; the next action cards aim at that line or sheet
//   action card      apply the action to the open order as the current role, on the order,
//                    or on the one line / refund sheet where it is possible now
//   role card        switch role
//   product          create-order: add a line (again = qty + 1); stock screens take it
//                    through their scan target (ScanReceivePanel); elsewhere: say where
//   location         the following products go there (receive / count)
//   voucher          redeem it (the engine's message: accepted, already used, expired...)
//   anything else    a clear error (check digit wrong: expected 3, got 7)
import type { TFunction } from 'i18next';
import type { ParsedBarcode } from '../../shared/barcode/index';
import type { EntityRef } from '../../shared/db/rows';
import { currencyOf, minorFromLegacy } from '../../shared/money';
import { db } from '../db';
import { counter } from '../engine/client';
import { permittedRoles, signIn, useSession } from '../operators/session';
import { useDraftStore } from '../orders/createOrderStore';
import { primeOrderByNumber, primeOrderData } from '../orders/useOrderData';
import { afterFrame, endInPlace, showInPlace } from '../orders/openInPlace';
import { currentRole, useRoleStore } from '../state/roleStore';
import { useShownStates } from '../state/shownStates';
import type { Translate } from '../workflow/explain';
import type { CatalogRole } from '../workflow/catalog';
import type { WorkflowWords } from '../workflow/labels';
import { currencyDigits } from '../ui/currencyDigits';
import { refusalText } from '../ui/refusal';
import { findScannedProduct } from './products';
import { normaliseTracking } from '../../shared/tracking/carriers';
import { parcelCode } from '../parcels/parcelsStore';
import { useScannerStore } from './scannerStore';
import type { RoutedScan, ScanOutcome } from './types';

export interface RouteContext {
  pathname(): string;
  navigate(to: string): Promise<void>;
  t: TFunction;
  words(): WorkflowWords;
  /** The installed definitions' roles (the workflow catalog's). */
  roles(): readonly CatalogRole[];
}

/** The screen a path belongs to, as stored in the scan log. */
export function screenOf(pathname: string): string {
  if (pathname === '/orders/new') return 'create-order';
  if (/^\/orders\/[^/]+$/.test(pathname)) return 'order-detail';
  const first = pathname.split('/').filter(Boolean)[0];
  return first ?? 'boards';
}

/** The order open on screen, from the address (`/orders/:id`). */
export function openOrderId(pathname: string): string | null {
  const m = /^\/orders\/([^/]+)$/.exec(pathname);
  return m && m[1] !== 'new' ? decodeURIComponent(m[1]!) : null;
}

const ok = (message: string, extra: Partial<ScanOutcome> = {}): ScanOutcome => ({ ok: true, message, ...extra });
const fail = (message: string, extra: Partial<ScanOutcome> = {}): ScanOutcome => ({ ok: false, message, ...extra });

/** Kinds a parcel's tracking number or SSCC may be read as (a UPS number looks like a
 *  product code, a 10-digit DHL number like an attendance code). */
const PARCEL_KINDS: ReadonlySet<string> = new Set(['product', 'voucher', 'gs1', 'not-recognised', 'bad-check-digit']);

export async function routeScan(scan: RoutedScan, ctx: RouteContext): Promise<ScanOutcome> {
  const { parsed } = scan;
  const { t } = ctx;
  if (PARCEL_KINDS.has(parsed.kind)) {
    const parcel = await openParcelOrder(scan.code, ctx);
    if (parcel) return parcel;
    const typed = await openOrderByItsNumber(scan.code, ctx);
    if (typed) return typed;
  }
  switch (parsed.kind) {
    case 'order':
      return openOrder(parsed.number, ctx);
    case 'item':
    case 'refund':
      return openPart(parsed.kind, parsed.id, ctx);
    case 'action':
      return applyAction(parsed.action, ctx);
    case 'role':
      return switchRole(parsed.role, ctx);
    case 'voucher':
      return redeem(parsed.code, ctx);
    case 'location':
      return setLocation(parsed.id, ctx);
    case 'operator':
      return switchOperator(parsed.id, ctx);
    case 'product':
    case 'weight':
    case 'price':
    case 'gs1':
      return product(parsed, ctx);
    case 'bad-check-digit':
      return fail(t('scan.msg.badCheckDigit', { expected: parsed.expected, got: parsed.got, code: parsed.code }), {
        title: t('scan.head.misread'),
      });
    case 'not-recognised':
      return fail(notRecognised(parsed, t), { title: t('scan.head.unknown') });
  }
}

function notRecognised(parsed: Extract<ParsedBarcode, { kind: 'not-recognised' }>, t: TFunction): string {
  const reason = t(`scan.reason.${parsed.reason}`, { defaultValue: parsed.reason });
  return parsed.raw ? t('scan.msg.notRecognised', { raw: parsed.raw, reason }) : t('scan.msg.notRecognisedEmpty', { reason });
}

/** A scanned tracking number or SSCC opens its order, from any screen; null when no parcel has it. */
async function openParcelOrder(raw: string, ctx: RouteContext): Promise<ScanOutcome | null> {
  const code = normaliseTracking(parcelCode(raw));
  if (code.length < 8) return null;
  const [byTracking, bySscc] = await Promise.all([db.shipments.where('trackingNumbers').equals(code).last(), db.shipments.where('sscc').equals(code).first()]);
  const shipment = byTracking ?? bySscc;
  if (!shipment) return null;
  const outcome = await openOrder(shipment.orderNumber, ctx);
  return outcome.ok ? { ...outcome, message: ctx.t('scan.msg.parcelOpened', { code, message: outcome.message }) } : outcome;
}

/** An order's number as printed under its barcode (`PO-000001`), scanned from a
 *  receipt's text or typed, opens it like the barcode (`CF:O:PO-000001`); null when no
 *  order has that number, so a product code is still a product code. */
async function openOrderByItsNumber(raw: string, ctx: RouteContext): Promise<ScanOutcome | null> {
  const number = raw.trim();
  if (!number || (await db.orders.where('number').equals(number).count()) === 0) return null;
  return openOrder(number, ctx);
}

async function openOrder(number: string, ctx: RouteContext): Promise<ScanOutcome> {
  const { t } = ctx;
  const title = t('scan.head.order', { number });
  // The order's rows are read with the lookup, so its page's first frame is complete.
  const order = (await primeOrderByNumber(number))?.order;
  if (!order) return fail(t('scan.msg.orderMissing', { number }), { title });
  useScannerStore.getState().setFocus(null);
  const current = openOrderId(ctx.pathname());
  const already = current === order.id;
  if (!already) {
    // On another order's page: its head shows this order in this frame, the address follows.
    if (current && showInPlace(current, order.id)) await afterFrame();
    try {
      await ctx.navigate(orderPath(order.id));
    } finally {
      endInPlace();
    }
  }
  return ok(t('scan.msg.orderOpened', { number, state: ctx.words().state('order', order.state) }), {
    title,
    settle: already ? 'none' : 'navigate',
  });
}

/** Opens the order's page with its rows already read, so its first frame is complete. */
async function openOrderPage(orderId: string, ctx: RouteContext): Promise<void> {
  await primeOrderData(orderId);
  await ctx.navigate(orderPath(orderId));
}

const orderPath = (orderId: string) => `/orders/${encodeURIComponent(orderId)}`;

async function openPart(kind: 'item' | 'refund', id: string, ctx: RouteContext): Promise<ScanOutcome> {
  const { t } = ctx;
  const row = kind === 'item' ? await db.items.get(id) : await db.refunds.get(id);
  const title = t(kind === 'item' ? 'scan.head.item' : 'scan.head.refund');
  if (!row) return fail(t(kind === 'item' ? 'scan.msg.itemMissing' : 'scan.msg.refundMissing', { id }), { title });
  const order = await db.orders.get(row.orderId);
  if (!order) return fail(t('scan.msg.orderMissing', { number: row.orderId }), { title });
  const item = kind === 'item' ? (row as { lineNo: number }) : await db.items.get((row as { itemId: string }).itemId);
  useScannerStore.getState().setFocus({ ref: { kind, id }, orderId: order.id });
  const already = openOrderId(ctx.pathname()) === order.id;
  if (!already) await openOrderPage(order.id, ctx);
  return ok(t(kind === 'item' ? 'scan.msg.itemOpened' : 'scan.msg.refundOpened', { number: order.number, line: item?.lineNo ?? '?' }), {
    title,
    settle: already ? 'local' : 'navigate',
  });
}

async function applyAction(action: string, ctx: RouteContext): Promise<ScanOutcome> {
  const { t } = ctx;
  const words = ctx.words();
  const actionLabel = words.action(action);
  const title = t('scan.head.action', { action: actionLabel });
  const orderId = openOrderId(ctx.pathname());
  if (!orderId) return fail(t('scan.msg.actionNoOrder', { action: actionLabel }), { title });
  const role = currentRole(useRoleStore.getState().role, ctx.roles());
  const focus = useScannerStore.getState().focus;
  // One engine call: it finds where the action is possible now (the line scanned before,
  // else the order, else the only line or sheet) and applies it in the same transaction.
  const result = await counter.actOnOrder(orderId, role, action, focus?.orderId === orderId ? { prefer: focus.ref } : {});
  if (!result.ok && result.code === 'ambiguous' && Array.isArray(result.details)) {
    const parts = await Promise.all((result.details as EntityRef[]).map((ref) => partLabel(ref, ctx)));
    return fail(t('scan.msg.actionAmbiguous', { action: actionLabel, parts: parts.join(', ') }), { title });
  }
  if (!result.ok) return fail(refusalText(result, t as Translate, words, { digits: await currencyDigits() }), { title });
  const target = result.target ?? { kind: 'order' as const, id: orderId };
  // Paint the new state now; the page's live query catches up a moment later.
  useShownStates.getState().show(target.id, result);
  const part = await partLabel(target, ctx);
  const family = target.kind === 'order' ? 'order' : target.kind === 'item' ? 'item' : 'refund';
  const state = words.state(family, result.to);
  const message = result.postAction
    ? t('scan.msg.actionDoneWithPost', { action: actionLabel, part, state, post: words.postAction(result.postAction) })
    : t('scan.msg.actionDone', { action: actionLabel, part, state });
  return ok(message, { title, settle: 'commit', shows: { entityId: target.id, state: result.to } });
}

/** "order PO-000123" / "line 2 (SKU-7)" for the result message. */
async function partLabel(ref: EntityRef, ctx: RouteContext): Promise<string> {
  if (ref.kind === 'order') return ctx.t('scan.part.order', { number: (await db.orders.get(ref.id))?.number ?? '' });
  const item = await db.items.get(ref.kind === 'item' ? ref.id : ((await db.refunds.get(ref.id))?.itemId ?? ''));
  return ctx.t('scan.part.line', { line: item?.lineNo ?? '?', sku: item?.sku ?? '' });
}

function switchRole(role: string, ctx: RouteContext): ScanOutcome {
  const { t } = ctx;
  const title = t('scan.head.role');
  const next = role.toUpperCase();
  // A card printed for a workflow that is not installed here (or was removed).
  if (!ctx.roles().some((r) => r.code === next)) {
    return fail(t('scan.msg.roleUnknown', { role: next, roles: ctx.roles().map((r) => r.code).join(', ') }), { title });
  }
  // A role card is no way around the operator's roles (the engine would refuse the commands).
  const session = useSession.getState();
  if (!permittedRoles([{ code: next }], session).length) {
    return fail(t('operators.scan.roleNotYours', { role: ctx.words().role(next), name: session.me?.name ?? '' }), { title });
  }
  useRoleStore.getState().setRole(next);
  return ok(t('scan.msg.roleSwitched', { role: ctx.words().role(next) }), { title, settle: 'local' });
}

/** A badge scanned anywhere switches this window to that operator (the engine checks it). */
async function switchOperator(badge: string, ctx: RouteContext): Promise<ScanOutcome> {
  const { t } = ctx;
  const title = t('scan.head.operator');
  const result = await signIn({ badge });
  if (!result.ok) return fail(refusalText(result, t as Translate, ctx.words(), { digits: await currencyDigits() }), { title, settle: 'none' });
  return ok(t('operators.scan.switched', { name: result.operator.name }), { title, settle: 'local' });
}

async function redeem(code: string, ctx: RouteContext): Promise<ScanOutcome> {
  const { t } = ctx;
  const title = t('scan.head.voucher', { code });
  const result = await counter.redeemVoucher(code);
  if (!result.ok) return fail(refusalText(result, t as Translate, ctx.words(), { digits: await currencyDigits() }), { title, settle: 'none' });
  const { left, order } = result.params;
  const message = left === 0 ? t('scan.msg.voucherLastUse', { code, order }) : t('scan.msg.voucherAccepted', { code, order, count: left });
  return { ok: true, message, title, settle: 'commit' };
}

async function setLocation(id: string, ctx: RouteContext): Promise<ScanOutcome> {
  const { t } = ctx;
  const title = t('scan.head.location');
  const location = await db.locations.get(id);
  if (!location) return fail(t('scan.msg.locationMissing', { id }), { title });
  if (!location.active) return fail(t('scan.msg.locationInactive', { name: location.name, id }), { title });
  useScannerStore.getState().setLocation({ id: location.id, name: location.name });
  return ok(t('scan.msg.locationSet', { name: location.name, id }), { title, settle: 'local' });
}

async function product(parsed: ParsedBarcode, ctx: RouteContext): Promise<ScanOutcome> {
  const { t } = ctx;
  const title = t('scan.head.product');
  const lookup = await findScannedProduct(parsed);
  if ('notProduct' in lookup) {
    return fail(t('scan.msg.notAProduct'), { title: t('scan.head.gs1') });
  }
  if ('missing' in lookup) return fail(t('scan.msg.productMissing', { code: lookup.missing }), { title });
  const { product: p, qty, facts } = lookup.found;
  const name = `${p.sku} · ${p.name}`;
  if (ctx.pathname() === '/orders/new') {
    if (p.active === false) return fail(t('scan.msg.productInactive', { name }), { title });
    const draft = useDraftStore.getState();
    // A price printed in the code (variable-measure goods) is this item's price.
    const priced = facts.price !== undefined;
    // The code's price is a decimal amount; lines keep minor units of the counter's currency.
    const digits = priced ? currencyOf((await db.settings.get('currency'))?.value).digits : undefined;
    const unitPrice = facts.price !== undefined ? minorFromLegacy(facts.price, digits) : p.price;
    const same = (l: { sku: string; unitPrice: number }) => l.sku === p.sku && (!priced || l.unitPrice === unitPrice);
    for (let i = 0; i < qty; i += 1) useDraftStore.getState().addSku(p.sku, unitPrice, priced);
    const line = useDraftStore.getState().lines.find(same);
    const wasThere = draft.lines.some(same);
    return ok(
      wasThere ? t('scan.msg.lineMore', { name, qty: line?.qty ?? qty }) : t('scan.msg.lineAdded', { name, qty: line?.qty ?? qty }),
      { title, settle: 'local' },
    );
  }
  return fail(t('scan.msg.productNowhere', { name }), { title });
}
