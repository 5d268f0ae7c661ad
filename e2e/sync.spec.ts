// Two counters (two browser contexts: two devices, each with its own IndexedDB) against a
// sync server the test starts (embedded PGlite in a temporary folder, a free port): each
// enrols in Settings → Sync with a code; an order made on A shows on B's board; both sell
// the last unit and the one that comes second shows the server's refusal with its reason; a
// payment taken on A shows on B's order page.
import { expect, test, type Page } from '@playwright/test';
import { createOrderViaEngine, engineCall, openApp, seedCatalog } from './support/app';
import { useSyncServer } from './support/syncServer';

test.describe.configure({ mode: 'serial' });

const server = useSyncServer();
const enrol = (page: Page, name: string): Promise<void> => server.enrol(page, name);

async function syncNow(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const { counter } = (window as unknown as { __counterflowTest: { counter: { syncNow(): Promise<{ state: string; message?: string }> } } }).__counterflowTest;
    const r = await counter.syncNow();
    if (r.state !== 'synced') throw new Error(`sync: ${r.state} ${r.message ?? ''}`);
  });
}

test('an order made on counter A shows on counter B; the second sale of the last unit shows the server’s reason', async ({ browser }, testInfo) => {
  const [a, b] = [await (await browser.newContext()).newPage(), await (await browser.newContext()).newPage()];
  await openApp(a, testInfo, { path: '/boards' });
  await openApp(b, testInfo, { path: '/boards' });
  // A counter with no server shows nothing of sync in its header.
  await expect(a.getByRole('banner')).toBeVisible();
  await expect(a.getByTestId('sync-badge')).toHaveCount(0);
  await enrol(a, 'Counter A');
  await enrol(b, 'Counter B');

  await seedCatalog(a, [{ sku: 'LAST-1', name: 'Last unit', price: 10, stock: 1 }]);
  await syncNow(a);
  await syncNow(b);
  await expect(a.getByTestId('sync-badge')).toHaveAttribute('data-state', 'connected');

  // B goes offline (paused), and both sell the last unit.
  await b.getByTestId('sync-pause').click({ force: true });
  await expect(b.getByTestId('sync-state')).toHaveText(/paused/i);
  const fromA = await createOrderViaEngine(a, { buyerId: 'ann', buyerName: 'Ann Sync', lines: [{ sku: 'LAST-1', qty: 1, price: 10 }] });
  const fromB = await createOrderViaEngine(b, { buyerId: 'bob', buyerName: 'Bob Late', lines: [{ sku: 'LAST-1', qty: 1, price: 10 }] });
  expect(fromA.number).toMatch(/^PO-D1-/);
  expect(fromB.number).toMatch(/^PO-D2-/);
  await expect(b.getByTestId('sync-pending')).toContainText('1');
  await expect(b.getByTestId('sync-badge')).toHaveAttribute('data-state', 'paused');
  await syncNow(a);

  // B comes back: its sale is refused by the server and shown with the reason.
  await b.getByTestId('sync-pause').click({ force: true });
  await syncNow(b);
  await expect(b.getByTestId('sync-refusal')).toHaveCount(1);
  await expect(b.getByTestId('sync-refusal')).toContainText(/New order/);
  await expect(b.getByTestId('sync-refusal')).toContainText(/LAST-1|stock/i);
  await expect(b.getByTestId('sync-refusal')).toContainText('Bob Late');
  // …and as a notification, wherever the clerk is.
  await expect(b.getByText(/The server refused: New order for Bob Late/)).toBeVisible();

  // A's order is on B's board; B's own is gone.
  await b.goto(b.url().replace(/#.*$/, '#/boards'));
  await expect(b.getByText(fromA.number).first()).toBeVisible({ timeout: 30_000 });
  await expect(b.getByText(fromB.number)).toHaveCount(0);

  // Money syncs too: a payment taken at A shows on B's page of the order.
  expect(await engineCall(a, 'takePayment', { orderId: fromA.orderId, method: 'card', amount: 5, reference: 'slip e2e' })).toMatchObject({ ok: true });
  await syncNow(a);
  await syncNow(b);
  await b.goto(b.url().replace(/#.*$/, `#/orders/${fromA.orderId}`));
  await expect(b.getByTestId('payment-row')).toHaveCount(1, { timeout: 30_000 });
  await expect(b.getByTestId('payment-row')).toContainText('slip e2e');
});

test('the header badge on every screen: connected, then offline with the commands waiting when the server is gone', async ({ browser }, testInfo) => {
  const page = await (await browser.newContext()).newPage();
  await openApp(page, testInfo, { path: '/boards' });
  await enrol(page, 'Counter C');
  await syncNow(page);
  for (const path of ['#/boards', '#/stock', '#/settings']) {
    await page.goto(page.url().replace(/#.*$/, path));
    await expect(page.getByTestId('sync-badge')).toHaveAttribute('data-state', 'connected');
  }
  // The server stops: a command waits, and the badge says offline with it.
  await server.stop();
  await page.evaluate(async () => {
    const { counter } = (window as unknown as { __counterflowTest: { counter: { receive(m: unknown): Promise<{ ok: boolean }>; syncNow(): Promise<unknown> } } }).__counterflowTest;
    // LAST-1 and MAIN came from the server with the first pull.
    if (!(await counter.receive({ sku: 'LAST-1', locationId: 'MAIN', qty: 2 })).ok) throw new Error('receive refused');
    await counter.syncNow();
  });
  await expect(page.getByTestId('sync-badge')).toHaveAttribute('data-state', 'offline');
  await expect(page.getByTestId('sync-badge')).toContainText(/Offline · \d+ waiting/);
  await page.getByTestId('sync-badge').click();
  await expect(page.getByTestId('sync-error')).toContainText('cannot be reached');
});
