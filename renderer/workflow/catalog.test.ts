import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../shared/workflow/schema';
import productOrder from '../../shared/workflows/product-order.json';
import serviceOrder from '../../shared/workflows/service-order.json';
import { buildCatalog } from './buildCatalog';

const product = productOrder as unknown as WorkflowDefinition;
const service = serviceOrder as unknown as WorkflowDefinition;

function withRoles(def: WorkflowDefinition, version: number, roles: WorkflowDefinition['roles']): WorkflowDefinition {
  return { ...structuredClone(def), version, roles };
}

describe('the catalog of roles', () => {
  it('lists the built-in roles B, S, P, A once, in definition order', () => {
    const catalog = buildCatalog([product, service]);
    expect(catalog.roles).toEqual([
      { code: 'B', label: 'Buyer' },
      { code: 'S', label: 'Seller' },
      { code: 'P', label: 'Platform' },
      { code: 'A', label: 'Admin' },
    ]);
  });

  it('adds a definition with an extra role W after the roles already known, order kept', () => {
    const warehouse = withRoles(product, 2, [...product.roles, { code: 'W', label: 'Warehouse' }]);
    const catalog = buildCatalog([product, service, warehouse]);
    expect(catalog.roles.map((r) => r.code)).toEqual(['B', 'S', 'P', 'A', 'W']);
    expect(catalog.roles.at(-1)).toEqual({ code: 'W', label: 'Warehouse' });
    expect(catalog.isRole('W')).toBe(true);
    expect(catalog.isRole('w')).toBe(true);
    expect(catalog.isRole('Z')).toBe(false);
    expect(buildCatalog([product, service]).isRole('W')).toBe(false);
  });

  it('keeps the first-seen position but takes the label from the newest definition', () => {
    const older = withRoles(product, 1, [
      { code: 'W', label: 'Store' },
      { code: 'S', label: 'Seller' },
    ]);
    const newer = withRoles(product, 3, [
      { code: 'S', label: 'Clerk' },
      { code: 'W', label: 'Warehouse' },
      { code: 'Q', label: 'Quality' },
    ]);
    // Installed newest first: the catalog still reads them oldest first.
    const catalog = buildCatalog([newer, older]);
    expect(catalog.roles).toEqual([
      { code: 'W', label: 'Warehouse' },
      { code: 'S', label: 'Clerk' },
      { code: 'Q', label: 'Quality' },
    ]);
  });

  it("gives each definition's voucher config", () => {
    const catalog = buildCatalog([product, service]);
    expect(catalog.vouchers(service.id, service.version)?.redeem.to).toBe('Us');
    expect(catalog.vouchers(product.id, product.version)).toBeUndefined();
    expect(catalog.vouchers('nope', 1)).toBeUndefined();
  });
});
