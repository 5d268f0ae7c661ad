import { describe, expect, it } from 'vitest';
import productOrder from '../../shared/workflows/product-order.json';
import serviceOrder from '../../shared/workflows/service-order.json';
import type { WorkflowDefinition } from '../../shared/workflow/schema';
import { actionCards } from './cards';

const product = productOrder as unknown as WorkflowDefinition;
const service = serviceOrder as unknown as WorkflowDefinition;

describe('actionCards', () => {
  it("lists the seller's hand actions of the product order, once each, without system rows", () => {
    const cards = actionCards(product, 'S');
    expect(cards.map((c) => c.action)).toEqual([
      'change shipping fee',
      'ship the order',
      'change shipping addr',
      'extend auto acking reception of order',
      'reject refund',
      'agree refund',
    ]);
    expect(cards.find((c) => c.action === 'agree refund')?.entities).toEqual(['refund']);
  });

  it('leaves out creation and hidden platform rows', () => {
    const buyer = actionCards(product, 'B').map((c) => c.action);
    expect(buyer).not.toContain('create order');
    expect(buyer).toContain('confirm reception of order');
    expect(buyer).toContain('request refund');
    const platform = actionCards(product, 'P').map((c) => c.action);
    expect(platform).toContain('payment successful');
    expect(platform).not.toContain('processing refund');
    expect(actionCards(service, 'A')).toEqual([]);
  });
});
