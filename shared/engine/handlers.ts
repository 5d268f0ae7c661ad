// Effects that cannot be said as data, registered by name. A definition naming a handler
// that is not here fails its load check.
import type { EffectHandler } from './decide';
import type { BuiltInHandlerName } from '../workflow/handlerNames';

/** Refund amount of a service line = price - unit price x codes used. */
const serviceRefundAmount: EffectHandler = (work) => {
  // "Used" is the state a redemption moves a code to, as the definition says.
  const usedState = work.wf.definition.vouchers?.redeem.to;
  for (const item of work.itemList()) {
    const sheet = work.openRefundOf(item.id);
    if (!sheet) continue;
    const used = [...work.vouchers.values()].filter((v) => v.itemId === item.id && v.state === usedState).length;
    // Minor units: whole numbers throughout, no rounding needed.
    const amount = Math.max(0, item.price - item.unitPrice * used);
    work.addRefund({ ...sheet, amount, updatedAt: work.meta.at });
    work.event('note', { entity: { kind: 'refund', id: sheet.id }, detail: `refund amount ${amount} minor units (${used} of ${item.serviceTimes * item.qty} used)`,
      // `minor`: the amount is in minor units (events written before that hold decimals).
      data: { reason: 'refund-amount', amount, minor: true, used, total: item.serviceTimes * item.qty },
    });
  }
};

// Typed by the name list in workflow/handlerNames.ts: a handler added here without its
// name there (or the other way round) does not compile.
export const BUILT_IN_HANDLERS: Readonly<Record<BuiltInHandlerName, EffectHandler>> = { serviceRefundAmount };
