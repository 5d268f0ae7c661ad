// Operators in the engine: who may run which command (checked in the pipeline, whatever the
// window sent), sign-in by badge or name + PIN with the wrong-PIN delay, and no PIN stored.
import { describe, expect, it } from 'vitest';
import type { AddOperatorInput, OperatorView } from '../api';
import { importDemo } from '../demo/importDemo';
import serviceOrderJson from '../workflows/service-order.json';
import type { EngineCounter } from './counter';
import { dumpDb, testCounter } from './testing/counter';
import { createOk, order, paidOrder, productOrder } from './testing/flows';

const SECOND = 1000;
const ADA: AddOperatorInput = { name: 'Ada', badge: 'ADA-1', roles: ['A', 'P', 'B'], pin: '9182736450' };
const CLEO: AddOperatorInput = { name: 'Cleo', badge: 'CLEO-1', roles: ['S', 'B'], pin: '7351940268' };

async function added(counter: EngineCounter, input: AddOperatorInput): Promise<OperatorView> {
  const r = await counter.addOperator(input);
  if (!r.ok) expect.fail(`adding ${input.name} was refused: ${r.message}`);
  return r.operator;
}

/** A counter with an admin (A, P, B) and a clerk (S, B); the admin is signed in. */
async function staffed() {
  const t = await testCounter({ pinIterations: 1000 });
  const ada = await added(t.counter, ADA);
  expect(await t.counter.signIn({ badge: ADA.badge })).toMatchObject({ ok: true, operator: { id: ada.id } });
  const cleo = await added(t.counter, CLEO);
  return { ...t, ada, cleo };
}

describe('the PIN is never stored', () => {
  it('no table holds the PIN after adding operators, signing in right and wrong, and changing a PIN', async () => {
    const { counter } = await staffed();
    await counter.signIn({ name: 'Cleo', pin: CLEO.pin });
    await counter.signIn({ name: 'Cleo', pin: '1111111111' });
    await counter.signIn({ name: CLEO.pin, pin: CLEO.pin }); // typed into the name field
    await counter.signIn({ badge: ADA.badge });
    const cleo = (await counter.operators()).find((o) => o.name === 'Cleo')!;
    expect(await counter.updateOperator({ id: cleo.id, pin: '2468013579' })).toMatchObject({ ok: true });
    const text = JSON.stringify(await dumpDb(counter));
    for (const pin of [ADA.pin, CLEO.pin, '1111111111', '2468013579']) expect(text).not.toContain(pin);
    expect(text).toContain('PBKDF2-SHA256');
    // Nor does anything the counter hands out.
    expect(JSON.stringify(await counter.operators())).not.toMatch(/pinHash|PBKDF2/);
  });
});

describe('permissions in the engine', () => {
  it('a clerk with S and B acts as S and B, and is refused P — by act and by a scanned action card — writing nothing', async () => {
    const { counter, cleo } = await staffed();
    const { orderId } = await paidOrder(counter); // paid by the admin, as P
    expect(await counter.signIn({ badge: CLEO.badge })).toMatchObject({ ok: true });
    const mine = await createOk(counter, 'product', { buyerId: 'b2', lines: [{ sku: 'SKU-2', qty: 1, price: 5 }] });
    expect(await counter.act(order(mine), 'B', 'make payment')).toMatchObject({ ok: true });

    const before = await dumpDb(counter);
    const asP = await counter.act(order(mine), 'P', 'payment successful');
    expect(asP).toMatchObject({ ok: false, code: 'role-not-permitted', params: { operator: cleo.id, role: 'P' } });
    expect(await counter.actOnOrder(mine, 'p', 'payment successful')).toMatchObject({ ok: false, code: 'role-not-permitted', params: { role: 'P' } });
    expect(await dumpDb(counter)).toEqual(before);

    expect(await counter.actOnOrder(orderId, 'S', 'ship the order')).toMatchObject({ ok: true, to: 'FS' });
    const events = (await counter.db.events.toArray()).filter((e) => e.orderId === orderId);
    expect(events.at(-1)).toMatchObject({ operator: cleo.id });
  });

  it('role-free commands: a clerk moves stock but may not install a workflow, change a setting or manage operators', async () => {
    const { counter, cleo } = await staffed();
    await counter.signIn({ name: 'cleo', pin: CLEO.pin });
    expect(await counter.receive({ sku: 'SKU-1', locationId: 'main', qty: 3 })).toMatchObject({ ok: true });
    expect(await counter.addProduct({ sku: 'NEW-1', name: 'New' })).toMatchObject({ ok: true });
    const before = await dumpDb(counter);
    const v2 = { ...structuredClone(serviceOrderJson), version: 2 };
    const refusedAs = (role: string) => ({ ok: false, code: 'role-not-permitted', params: { operator: cleo.id, role } });
    expect(await counter.installWorkflow(v2)).toMatchObject(refusedAs('A'));
    expect(await counter.setSetting('devicePrefix', 'K9')).toMatchObject(refusedAs('A'));
    expect(await counter.addOperator({ name: 'Eve', badge: 'EVE', roles: ['A'], pin: '1234' })).toMatchObject(refusedAs('A'));
    expect(await counter.updateOperator({ id: cleo.id, roles: ['S', 'B', 'P'] })).toMatchObject(refusedAs('A'));
    expect(await counter.deactivateOperator(cleo.id)).toMatchObject(refusedAs('A'));
    expect(await dumpDb(counter)).toEqual(before);
  });

  it('a buyer-only operator may not move stock nor redeem codes; the timers still fire', async () => {
    const { counter, clock } = await staffed();
    await added(counter, { name: 'Bo', badge: 'BO', roles: ['B'], pin: '4321' });
    await productOrder(counter); // left unpaid: its payment timer is due later
    await counter.signIn({ badge: 'BO' });
    expect(await counter.receive({ sku: 'SKU-1', locationId: 'main', qty: 1 })).toMatchObject({ code: 'role-not-permitted', params: { role: 'S/A' } });
    expect(await counter.redeemVoucher('1234567890')).toMatchObject({ code: 'role-not-permitted', params: { role: 'S' } });
    clock.advance(400 * 24 * 3_600_000);
    expect(await counter.runDueTimers()).toBeGreaterThan(0);
  });

  it('no one signed in, or a deactivated operator, may do nothing once operators exist', async () => {
    const { counter, cleo } = await staffed();
    expect(await counter.deactivateOperator(cleo.id)).toMatchObject({ ok: true, operator: { active: false } });
    await counter.signOut();
    expect(await counter.signedIn()).toBeNull();
    expect(await counter.receive({ sku: 'SKU-1', locationId: 'main', qty: 1 })).toMatchObject({ code: 'role-not-permitted', params: { operator: 'tester' } });
    expect(await counter.signIn({ badge: CLEO.badge })).toMatchObject({ ok: false, code: 'sign-in-failed', params: { reason: 'inactive' } });
    expect(await counter.createOrder('product', { buyerId: 'b', lines: [{ sku: 'SKU-1', qty: 1 }] })).toMatchObject({ code: 'role-not-permitted', params: { role: 'B' } });
  });
});

describe('work outside the pipeline', () => {
  it('the demo import and retrying a failed timer need their roles too', async () => {
    const { counter } = await staffed();
    await counter.signIn({ badge: CLEO.badge });
    await expect(importDemo(counter, { orders: 1 })).rejects.toThrow(/may not act as A/);
    expect(await counter.retryTimer('no-such-timer')).toMatchObject({ ok: false, code: 'role-not-permitted', params: { role: 'P/A' } });
    await counter.signIn({ badge: ADA.badge });
    expect(await counter.retryTimer('no-such-timer')).toMatchObject({ ok: false, code: 'not-found' });
    expect(await counter.mayRun('import-demo')).toBeUndefined();
  });
});

describe('managing operators', () => {
  it('the first operator must be an admin, and the last active admin stays', async () => {
    const { counter } = await testCounter({ pinIterations: 1000 });
    expect(await counter.addOperator(CLEO)).toMatchObject({ ok: false, code: 'invalid-input', params: { field: 'input.roles' } });
    expect(await counter.db.operators.count()).toBe(0);
    const ada = await added(counter, ADA);
    await counter.signIn({ badge: ADA.badge });
    expect(await counter.deactivateOperator(ada.id)).toMatchObject({ ok: false, message: expect.stringContaining('Admin') });
    expect(await counter.updateOperator({ id: ada.id, roles: ['P'] })).toMatchObject({ ok: false, code: 'invalid-input' });
  });

  it('names (any case) and badges belong to one operator each; the PIN never enters a refusal', async () => {
    const { counter } = await staffed();
    expect(await counter.addOperator({ ...CLEO, badge: 'OTHER' , name: ' CLEO ' })).toMatchObject({ ok: false, params: { field: 'input.name' } });
    expect(await counter.addOperator({ ...CLEO, name: 'Cleo Two' })).toMatchObject({ ok: false, params: { field: 'input.badge' } });
    const bad = await counter.addOperator({ ...CLEO, name: 'Cleo Two', badge: 'C2', pin: '12ab567' });
    expect(bad).toMatchObject({ ok: false, code: 'invalid-input' });
    expect(JSON.stringify(bad)).not.toContain('12ab567');
  });

  it('a retried add with the same command id adds once', async () => {
    const { counter } = await staffed();
    const a = await counter.addOperator({ name: 'Dee', badge: 'DEE', roles: ['S'], pin: '5678' }, { commandId: 'add-dee' });
    const b = await counter.addOperator({ name: 'Dee', badge: 'DEE', roles: ['S'], pin: '5678' }, { commandId: 'add-dee' });
    expect(b).toEqual(a);
    expect((await counter.operators()).filter((o) => o.name === 'Dee')).toHaveLength(1);
  });
});

describe('sign-in', () => {
  it('by badge or name + PIN; later commands carry the operator', async () => {
    const { counter, cleo } = await staffed();
    expect(await counter.signIn({ badge: 'NOBODY' })).toMatchObject({ ok: false, code: 'sign-in-failed', params: { reason: 'unknown-badge' } });
    expect(await counter.signIn({ name: 'Nobody', pin: '1234' })).toMatchObject({ ok: false, code: 'sign-in-failed', params: { reason: 'wrong-name-or-pin' } });
    expect(await counter.signIn({ name: ' CLEO', pin: CLEO.pin })).toMatchObject({ ok: true, operator: { id: cleo.id, roles: ['S', 'B'] } });
    expect(await counter.signedIn()).toMatchObject({ id: cleo.id });
    expect(counter.operator).toBe(cleo.id);
    await counter.receive({ sku: 'SKU-1', locationId: 'main', qty: 1 }, { commandId: 'by-cleo' });
    expect(await counter.db.commands.get('by-cleo')).toMatchObject({ operator: cleo.id, deviceId: 'dev-test' });
    const created = await counter.createOrder('product', { buyerId: 'b', lines: [{ sku: 'SKU-1', qty: 1 }] }, { commandId: 'create-by-cleo' });
    expect(created).toMatchObject({ ok: true });
    expect(await counter.db.commands.get('create-by-cleo')).toMatchObject({ operator: cleo.id, role: 'B' });
    await counter.logScan({ raw: 'CF:OP:CLEO-1', type: 'operator', screen: 'boards', ok: true, message: 'signed in' });
    expect((await counter.db.scans.toArray()).at(-1)).toMatchObject({ operator: cleo.id, deviceId: 'dev-test' });
    expect(await counter.signIn({ name: 'Cleo' } as never)).toMatchObject({ ok: false, code: 'invalid-input' });
  });

  it('wrong PINs wait longer each time, are all logged, and a success resets the wait', async () => {
    const { counter, clock, cleo } = await staffed();
    const wrong = () => counter.signIn({ name: 'Cleo', pin: '0000' });
    expect(await wrong()).toMatchObject({ code: 'sign-in-failed', params: { waitSeconds: 0 } });
    expect(await wrong()).toMatchObject({ code: 'sign-in-failed', params: { waitSeconds: 1 } });
    // Too soon: refused before the PIN is checked, even the right one.
    expect(await counter.signIn({ name: 'Cleo', pin: CLEO.pin })).toMatchObject({ ok: false, code: 'rate-limited', params: { waitSeconds: 1 } });
    clock.advance(SECOND);
    expect(await wrong()).toMatchObject({ params: { waitSeconds: 2 } });
    clock.advance(SECOND);
    expect(await wrong()).toMatchObject({ code: 'rate-limited', params: { waitSeconds: 1 } });
    clock.advance(SECOND);
    expect(await wrong()).toMatchObject({ params: { waitSeconds: 4 } });
    clock.advance(4 * SECOND);
    expect(await counter.signIn({ name: 'Cleo', pin: CLEO.pin })).toMatchObject({ ok: true });
    expect(await wrong()).toMatchObject({ params: { waitSeconds: 0 } });
    const log = (await counter.db.signIns.toArray()).filter((r) => r.operatorId === cleo.id && r.method === 'pin').map((r) => r.outcome);
    expect(log).toEqual(['wrong-pin', 'wrong-pin', 'rate-limited', 'wrong-pin', 'rate-limited', 'wrong-pin', 'ok', 'wrong-pin']);
  });

  it('a wrong PIN for one operator does not slow down another', async () => {
    const { counter } = await staffed();
    for (let i = 0; i < 3; i++) await counter.signIn({ name: 'Cleo', pin: '0000' });
    expect(await counter.signIn({ name: 'Ada', pin: ADA.pin })).toMatchObject({ ok: true });
  });
});

describe('single-operator mode', () => {
  it('with no operators, every command runs as the configured operator', async () => {
    const { counter } = await testCounter();
    expect(await counter.signedIn()).toBeNull();
    expect(counter.operator).toBe('tester');
    await counter.setSetting('devicePrefix', 'K1', { commandId: 'set-1', role: 'A' });
    const { orderId } = await productOrder(counter);
    expect(await counter.act(order(orderId), 'P', 'payment successful')).toMatchObject({ ok: true });
    expect(await counter.db.commands.get('set-1')).toMatchObject({ operator: 'tester' });
  });
});
