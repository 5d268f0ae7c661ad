import { describe, expect, it } from 'vitest';
import { refusedOrderId, refusedParcel } from './syncRefusals';

describe('a refused command as the clerk sees it', () => {
  it('a refused parcel scan names the parcel it scanned; other commands name none', () => {
    expect(refusedParcel({ kind: 'tracking:checkpoint', args: [{ code: '1Z999AA10123456784', kind: 'returned' }] })).toBe('1Z999AA10123456784');
    expect(refusedParcel({ kind: 'tracking:checkpoint', args: [null] })).toBeUndefined();
    expect(refusedParcel({ kind: 'act', args: [{ kind: 'order', id: 'o1' }, 'S', 'ship the order'] })).toBeUndefined();
    expect(refusedOrderId({ kind: 'tracking:checkpoint', args: [{ code: 'X' }] })).toBeUndefined();
  });

  it('a refused payment or money back names its order', () => {
    expect(refusedOrderId({ kind: 'money:take-payment', args: [{ orderId: 'o1', method: 'cash', amount: 100 }] })).toBe('o1');
    expect(refusedOrderId({ kind: 'money:refund-money', args: [{ orderId: 'o2', method: 'cash', amount: 100 }] })).toBe('o2');
    expect(refusedOrderId({ kind: 'money:pay-by-action', args: [{ kind: 'order', id: 'o3' }, 'P', { method: 'cash', amountPaid: 100 }] })).toBe('o3');
    expect(refusedOrderId({ kind: 'money:open-till', args: [{ float: 0 }] })).toBeUndefined();
  });
});
