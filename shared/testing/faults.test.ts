import { describe, expect, it } from 'vitest';
import { CounterDb } from '../db/database';
import { injectFault, InjectedFault } from './faults';

const openDb = async () => {
  const db = new CounterDb(`faults-${Math.random()}`);
  await db.open();
  return db;
};
const setting = (key: string) => ({ key, value: key });

describe('injectFault', () => {
  it('fails only the n-th call, and the transaction it ran in writes nothing', async () => {
    const db = await openDb();
    const fault = injectFault(db.settings, 'bulkPut', 2);
    await db.settings.bulkPut([setting('a')]);
    const second = db.transaction('rw', db.settings, db.sequences, () =>
      Promise.all([db.sequences.put({ name: 's', value: 1 }), db.settings.bulkPut([setting('b')])]),
    );
    await expect(second).rejects.toBeInstanceOf(InjectedFault);
    await expect(second).rejects.toMatchObject({ table: 'settings', method: 'bulkPut', call: 2 });
    await db.settings.bulkPut([setting('c')]);
    expect(fault).toMatchObject({ calls: 3, fired: true });
    expect((await db.settings.toArray()).map((r) => r.key)).toEqual(['a', 'c']);
    expect(await db.sequences.count()).toBe(0);
    db.close();
  });

  it('only counts without a position, touches no other table, and restores the method', async () => {
    const db = await openDb();
    const spy = injectFault(db.settings, 'bulkAdd');
    await db.settings.bulkAdd([setting('a')]);
    await db.settings.bulkPut([setting('b')]);
    await db.sequences.bulkAdd([{ name: 's', value: 1 }]);
    expect(spy).toMatchObject({ calls: 1, fired: false });
    const fault = injectFault(db.settings, 'bulkAdd', 1);
    fault.restore();
    await db.settings.bulkAdd([setting('c')]);
    expect(fault.calls).toBe(0);
    spy.restore();
    expect(Object.prototype.hasOwnProperty.call(db.settings, 'bulkAdd')).toBe(false);
    expect(await db.settings.count()).toBe(3);
    db.close();
  });
});
