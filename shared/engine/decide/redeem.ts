// An attendance code redeemed at the counter; the last use closes the order through its workflow.
import type { RedeemResult, Refused } from '../../api';
import { OrderWork, type OrderSnapshot } from '../work';
import { refused, type EventMeta } from '../command';
import { guarded, type Decision, type EngineEnv } from './env';
import { perform } from './perform';
import { validUntilEnd } from '../validUntil';
import type { WorkflowDefinition } from '../../workflow/schema';

type VoucherConfig = NonNullable<WorkflowDefinition['vouchers']>;

export function decideRedeem(
  env: EngineEnv,
  snapshot: OrderSnapshot,
  meta: EventMeta,
  code: string,
): Decision<RedeemResult> {
  const wf = env.registry.get(snapshot.order.workflowId, snapshot.order.workflowVersion);
  const work = new OrderWork(snapshot, wf, meta, env.newId);
  const cfg = wf.definition.vouchers;
  const decision = guarded(work, (): RedeemResult | Refused => {
    const voucher = work.vouchers.get(code);
    if (!cfg || !voucher) return refused('not-found', unknownVoucherMessage(code), { reason: 'unknown-voucher', code });
    const state = work.order.state ?? '';
    if (cfg.refuseInOrderStates.includes(state)) {
      const label = wf.stateLabel({ kind: 'order', state }, work.context());
      return refused('not-allowed-in-state', `Code ${code} cannot be used: order ${work.order.number} is ${label} (${state}).`, {
        reason: 'voucher-order-state',
        code,
        order: work.order.number,
        state,
      });
    }
    if (!cfg.redeem.from.includes(voucher.state)) {
      return refused('not-allowed-in-state', voucherStateMessage(code, voucher.state, cfg, wf.definition), { reason: 'voucher-state', code, state: voucher.state });
    }
    const item = work.items.get(voucher.itemId);
    const end = item?.validUntil ? validUntilEnd(item.validUntil, env.utcOffsetMinutes) : null;
    if (item?.validUntil && end !== null && meta.at > end) {
      return refused('guard-failed', `Code ${code} expired on ${item.validUntil.slice(0, 10)}; the service was valid until then.`, {
        reason: 'voucher-expired',
        code,
        date: item.validUntil.slice(0, 10),
      });
    }
    work.putVoucher({ ...voucher, state: cfg.redeem.to as typeof voucher.state, updatedAt: meta.at }, false);
    work.event('voucher-redeemed', { entity: { kind: 'item', id: voucher.itemId }, from: voucher.state, to: cfg.redeem.to, detail: code, data: { code } });
    const left = [...work.vouchers.values()].filter((v) => cfg.redeem.from.includes(v.state)).length;
    if (left === 0) {
      perform(env, work, { kind: 'order', id: work.order.id }, cfg.whenAllUsed.role, cfg.whenAllUsed.action, { system: true, depth: 0 });
    }
    return {
      ok: true,
      orderId: work.order.id,
      params: { code, order: work.order.number, left },
      message: left === 0 ? `Code ${code} accepted. That was the last use of order ${work.order.number}.` : `Code ${code} accepted. ${left} use${left === 1 ? '' : 's'} left on order ${work.order.number}.`,
    };
  });
  return decision;
}

export function unknownVoucherMessage(code: string): string {
  return `Code ${code} is not a known attendance code. Check the digits and scan again.`;
}

/**
 * Why a code cannot be redeemed, worded from the voucher machine's state labels: the state a
 * redemption leads to reads "already been used", another final state "has been refunded and
 * can no longer be used", a state the code may still leave "has expired" (a one-word -ed
 * label) or "is on hold and cannot be used now".
 */
export function voucherStateMessage(code: string, state: string, cfg: VoucherConfig, definition: WorkflowDefinition): string {
  const own = definition.machines[cfg.machine]?.states[state];
  if (!own) return `Code ${code} cannot be used now (${state}).`;
  const label = own.display ?? own.label;
  if (state === cfg.redeem.to) return `Code ${code} has already been ${label}.`;
  if (own.terminal) return `Code ${code} has been ${label} and can no longer be used.`;
  return /^[a-z]+ed$/i.test(label) ? `Code ${code} has ${label}.` : `Code ${code} is ${label} and cannot be used now.`;
}
