import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../workflow/schema';
import serviceOrder from '../../workflows/service-order.json';
import { voucherStateMessage } from './redeem';

const service = serviceOrder as unknown as WorkflowDefinition;
const cfg = service.vouchers!;

describe('why a code cannot be redeemed', () => {
  it("keeps today's sentences for the built-in service order", () => {
    expect(voucherStateMessage('123', 'Us', cfg, service)).toBe('Code 123 has already been used.');
    expect(voucherStateMessage('123', 'Re', cfg, service)).toBe('Code 123 has been refunded and can no longer be used.');
    expect(voucherStateMessage('123', 'Ex', cfg, service)).toBe('Code 123 has expired.');
    expect(voucherStateMessage('123', 'Zz', cfg, service)).toBe('Code 123 cannot be used now (Zz).');
  });

  it("words a custom definition's states from its own labels", () => {
    const def = structuredClone(service);
    const voucher = def.machines[cfg.machine]!;
    voucher.states = {
      New: { label: 'new' },
      Done: { label: 'redeemed', terminal: true },
      Void: { label: 'voided', terminal: true },
      Hold: { label: 'on hold' },
    };
    const custom = { ...cfg, issueState: 'New', redeem: { from: ['New'], to: 'Done' } };
    expect(voucherStateMessage('9', 'Done', custom, def)).toBe('Code 9 has already been redeemed.');
    expect(voucherStateMessage('9', 'Void', custom, def)).toBe('Code 9 has been voided and can no longer be used.');
    expect(voucherStateMessage('9', 'Hold', custom, def)).toBe('Code 9 is on hold and cannot be used now.');
  });
});
