// What each reference post-action does (README "Post-actions"), checked on the rows before
// and after a command: the timers it scheduled and their periods, the lines it moved, the
// sheets it closed, the vouchers it issued or changed.
import { expect } from 'vitest';
import type { EntityRef } from '../../../db/rows';
import type { ReferenceRow } from './reference';
import { REFERENCE_PERIODS as PERIOD } from './reference';
import type { Snap } from './scenarios';

const OPEN_SHEET = (state: string | null) => state !== null && !['PFR', 'CCR', 'PCR'].includes(state);

function timersOf(s: Snap, ref: EntityRef, action: string) {
  return s.timers.filter((t) => t.target.kind === ref.kind && t.target.id === ref.id && t.action === action);
}

/** Exactly one pending timer taking `action` on `ref`, due `period` after the command. */
function expectTimer(s: Snap, ref: EntityRef, action: string, period: number, role = 'P') {
  const found = timersOf(s, ref, action);
  expect(found, `one pending "${action}" timer on the ${ref.kind}`).toHaveLength(1);
  expect(found[0]).toMatchObject({ role, dueAt: s.at + period });
}

/** The order state refund_finished / refund_closed lead to (README), from the rows before. */
function orderAfterRefund(kind: 'finished' | 'closed', before: Snap, after: Snap): string | null {
  const states = after.items.map((i) => i.state);
  const allFR = states.every((s) => s === 'FR');
  const allDone = states.every((s) => s === 'FR' || s === 'CR');
  const open = states.includes('WR');
  const ended = before.flags.autoAckEnded === true || before.flags.refundWindowEnded === true;
  if (kind === 'finished') {
    if (before.order === 'HS') return allFR ? 'CT' : 'FP';
    if (allFR) return 'CT';
  } else if (allDone && before.order === 'ST') {
    return 'WA';
  }
  if (!open && ended) {
    // "no more open refund": FS -> ST (transaction_successful: all done -> WA), ST -> WA.
    if (before.order === 'FS') return allDone ? 'WA' : 'ST';
    if (before.order === 'ST') return 'WA';
  }
  return before.order;
}

export function checkPostAction(row: ReferenceRow, before: Snap, after: Snap): void {
  const line = after.items[0]!;
  const sheetOfLine = after.refunds.filter((r) => r.itemId === line.id);
  const openSheet = sheetOfLine.find((r) => OPEN_SHEET(r.state));
  const orderTimer = (action: string) => after.timers.filter((t) => t.target.kind === 'order' && t.action === action);
  const service = row.workflow === 'service';

  switch (row.post) {
    case '':
      return;
    case 'order_created': {
      const t = orderTimer('no payment');
      expect(t, 'order_created schedules "no payment"').toHaveLength(1);
      expect(t[0]).toMatchObject({ role: 'P', dueAt: after.at + PERIOD.payment });
      return;
    }
    case 'order_paid':
      expect(after.items.map((i) => i.state), 'order_paid: every line did "order state changed to FP"').toEqual(after.items.map(() => 'FP'));
      return;
    case 'order_shipped': {
      before.items.forEach((b, i) => {
        // "order state changed to FS": a line waiting for a refund goes back to FP; others stay.
        expect(after.items[i]!.state, `line ${i + 1} after shipping`).toBe(b.state === 'WR' ? 'FP' : b.state);
      });
      for (const sheet of before.refunds.filter((r) => OPEN_SHEET(r.state))) {
        expect(after.refunds.find((r) => r.id === sheet.id)?.state, 'an open pre-shipping refund sheet is closed').toBe('PCR');
      }
      const ack = orderTimer('auto ack reception of order');
      expect(ack, 'auto-confirmation scheduled').toHaveLength(1);
      expect(ack[0]).toMatchObject({ role: 'P', dueAt: after.at + PERIOD.autoAck });
      const window = after.timers.filter((t) => t.target.kind === 'order' && t.setFlag === 'extensionOpen');
      expect(window, 'the extension window opens later').toHaveLength(1);
      expect(window[0]!.dueAt).toBe(after.at + PERIOD.extensionWindow);
      expect(after.flags.extensionOpen, 'not open yet').not.toBe(true);
      return;
    }
    case 'buyer_extend_shipping_ack':
    case 'seller_extend_shipping_ack': {
      const was = before.timers.find((t) => t.action === 'auto ack reception of order')!;
      const now = after.timers.find((t) => t.action === 'auto ack reception of order')!;
      expect(now.dueAt, 'the extension adds its length to the pending auto-confirmation').toBe(was.dueAt + PERIOD.extension);
      expect(after.flags[row.post === 'buyer_extend_shipping_ack' ? 'buyerExtended' : 'sellerExtended']).toBe(true);
      return;
    }
    case 'transaction_successful': {
      const allDone = after.items.every((i) => i.state === 'CR' || i.state === 'FR');
      if (allDone) {
        expect(after.order, 'every line CR or FR: "all items done with refund"').toBe('WA');
        return;
      }
      expect(after.order).toBe('ST');
      const t = orderTimer('no refund request');
      expect(t, 'the refund window is scheduled').toHaveLength(1);
      expect(t[0]).toMatchObject({ role: 'P', dueAt: after.at + PERIOD.refundWindow });
      return;
    }
    case 'seller_no_response':
    case 'refund_seller_no_response':
      expect(openSheet, `${row.post}: line 1 has an open sheet`).toBeDefined();
      expectTimer(after, { kind: 'refund', id: openSheet!.id }, 'seller no response', PERIOD.sellerResponse);
      return;
    case 'buyer_no_response':
      expectTimer(after, { kind: 'refund', id: openSheet!.id }, 'buyer no response', PERIOD.buyerResponse);
      return;
    case 'seller_agree_refund':
      expect(after.order, 'seller_agree_refund: an FP order does "processing refund" (HS)').toBe(before.order === 'FP' ? 'HS' : before.order);
      return;
    case 'refund_sheet_finished':
      if (service) {
        const sheet = before.refunds.find((r) => OPEN_SHEET(r.state))!;
        const used = before.vouchers.filter((v) => v.state === 'Us').length;
        const done = after.refunds.find((r) => r.id === sheet.id)!;
        expect(done.state, 'the service sheet moves as well').toBe('PFR');
        expect(done.amount, 'refund = price - unit price x codes used').toBe(line.price - line.unitPrice * used);
        expect(after.order, used ? '"used service finished refund"' : '"unused service finished refund"').toBe(used ? 'ST' : 'CT');
        expect(after.vouchers.filter((v) => v.state === 'Us')).toHaveLength(used);
        expect(after.vouchers.filter((v) => v.state === 'Un')).toHaveLength(0);
        return;
      }
      expect(line.state, 'refund_sheet_finished: the line does "item finished refund"').toBe('FR');
      return;
    case 'refund_sheet_closed':
      expect(line.state, 'refund_sheet_closed: the line does "item closed refund"').toBe('CR');
      return;
    case 'refund_finished':
      expect(after.order, 'refund_finished moves the order as the README says').toBe(orderAfterRefund('finished', before, after));
      return;
    case 'refund_closed':
      expect(after.order, 'refund_closed moves the order as the README says').toBe(orderAfterRefund('closed', before, after));
      return;
    case 'payment_successful': {
      expect(before.vouchers).toHaveLength(0);
      const codes = after.vouchers.filter((v) => v.itemId === line.id);
      expect(codes, 'one code per use bought').toHaveLength(3);
      for (const v of codes) {
        expect(v.code).toMatch(/^\d{10}$/);
        expect(v.state).toBe('Un');
      }
      return;
    }
    case 'refund_requested': {
      const opened = after.refunds.filter((r) => !before.refunds.some((b) => b.id === r.id));
      expect(opened.map((r) => [r.itemId, r.state]), 'a sheet in PPR for the line').toEqual([[line.id, 'PPR']]);
      return;
    }
    case 'attendance_code_expired': {
      const unused = before.vouchers.filter((v) => v.state === 'Un').map((v) => v.code);
      for (const code of unused) expect(after.vouchers.find((v) => v.code === code)?.state).toBe('Ex');
      const opened = after.refunds.filter((r) => !before.refunds.some((b) => b.id === r.id));
      expect(opened.map((r) => [r.kind, r.state]), 'an expiry refund sheet').toEqual([['expiry', 'PPR']]);
      return;
    }
    default:
      expect.fail(`post-action ${row.post} of the reference has no check here`);
  }
}
