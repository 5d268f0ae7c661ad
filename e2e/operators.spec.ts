// Operators through the engine worker (the screens: operators-ui.spec.ts): sign-in is per
// window, and a command forged in a role the window's operator lacks is refused.
import { expect, test, type Page } from '@playwright/test';
import { createOrderViaEngine, openApp, seedCatalog } from './support/app';

type Result = { ok: boolean; code?: string; params?: Record<string, unknown>; operator?: { id: string } };

/** Calls one engine method from the window, as any screen (or a forger in devtools) could. */
function call(page: Page, method: string, ...args: unknown[]): Promise<Result> {
  return page.evaluate(
    async ({ method, args }) => {
      const { counter } = (window as unknown as { __counterflowTest: { counter: Record<string, (...a: unknown[]) => Promise<Result>> } }).__counterflowTest;
      return counter[method]!(...args);
    },
    { method, args },
  );
}

test.describe('operators in the engine worker', () => {
  test('a clerk signed in one window cannot act as Platform; another window signs in on its own', async ({ page, context }, testInfo) => {
    const db = await openApp(page, testInfo);
    await seedCatalog(page);
    // Single-operator mode until the first operator exists.
    const { orderId } = await createOrderViaEngine(page, { buyerId: 'C-1', lines: [{ sku: 'TEA-100', qty: 1, unitPrice: 500 }] });

    const ada = await call(page, 'addOperator', { name: 'Ada', badge: 'ADA-1', roles: ['A', 'P'], pin: '918273' });
    expect(ada).toMatchObject({ ok: true });
    expect(await call(page, 'signIn', { badge: 'ADA-1' })).toMatchObject({ ok: true });
    const cleo = await call(page, 'addOperator', { name: 'Cleo', badge: 'CLEO-1', roles: ['S', 'B'], pin: '735194' });
    expect(cleo).toMatchObject({ ok: true });

    expect(await call(page, 'signIn', { name: 'Cleo', pin: '000000' })).toMatchObject({ ok: false, code: 'sign-in-failed' });
    expect(await call(page, 'signIn', { name: 'Cleo', pin: '735194' })).toMatchObject({ ok: true, operator: { id: cleo.operator!.id } });
    const order = { kind: 'order', id: orderId };
    expect(await call(page, 'act', order, 'P', 'payment successful')).toMatchObject({ ok: false, code: 'role-not-permitted', params: { operator: cleo.operator!.id, role: 'P' } });
    expect(await call(page, 'actOnOrder', orderId, 'P', 'payment successful')).toMatchObject({ ok: false, code: 'role-not-permitted' });

    // A second window on the same database has its own engine: no one is signed in there.
    const other = await context.newPage();
    await openApp(other, testInfo, { db });
    expect(await call(other, 'act', order, 'P', 'payment successful')).toMatchObject({ ok: false, code: 'role-not-permitted' });
    expect(await call(other, 'signIn', { badge: 'ADA-1' })).toMatchObject({ ok: true });
    expect(await call(other, 'act', order, 'P', 'payment successful')).toMatchObject({ ok: true });
    // The clerk's window is still the clerk's.
    expect(await call(page, 'act', order, 'S', 'ship the order')).toMatchObject({ ok: true });
    expect(await call(page, 'installWorkflow', {})).toMatchObject({ ok: false, code: 'role-not-permitted' });
  });
});
