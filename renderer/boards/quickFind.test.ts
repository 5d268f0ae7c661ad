// Quick find against a real database (fake-indexeddb): any word of the buyer's name, the
// order number, "more than shown", and which order Enter opens.
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { OrderRow } from '../../shared/db/rows';

vi.mock('../db', async () => {
  const { CounterDb } = await import('../../shared/db/database');
  return { db: new CounterDb(`quick-find-${Math.random().toString(36).slice(2)}`) };
});

const { db } = await import('../db');
const { enterChoice, nameMatches, phonePrefixOf, quickFind } = await import('./queries');

let n = 0;
const order = (buyerName: string): OrderRow => {
  n += 1;
  const number = `PO-${String(n).padStart(6, '0')}`;
  return { id: `o${n}`, number, type: 'product', state: 'WP', buyerId: `C${n}`, buyerName, createdAt: n } as unknown as OrderRow;
};

async function add(rows: OrderRow[]): Promise<void> {
  await db.orders.bulkPut(rows);
  // The per-state counts tell quick find that the orders changed (the engine keeps them).
  await db.stateCounts.put({ type: 'product', state: 'WP', count: await db.orders.count() });
}

beforeAll(async () => {
  await add([order('Chen Jie'), order('Wang Fang'), order('Anna van der Berg'), ...Array.from({ length: 10 }, (_, i) => order(`Lee Number${i}`))]);
});

describe('quick find', () => {
  it('finds a buyer by any word of the name, surname too, in any case', async () => {
    expect((await quickFind('jie')).orders.map((o) => o.buyerName)).toEqual(['Chen Jie']);
    expect((await quickFind('Chen')).orders.map((o) => o.buyerName)).toEqual(['Chen Jie']);
    expect((await quickFind('berg')).orders.map((o) => o.buyerName)).toEqual(['Anna van der Berg']);
    expect((await quickFind('van be')).orders.map((o) => o.buyerName)).toEqual(['Anna van der Berg']);
    expect((await quickFind('zzz')).orders).toEqual([]);
  });

  it('picks up a buyer added after the first search', async () => {
    expect((await quickFind('otto')).orders).toEqual([]);
    await add([order('Maria Otto')]);
    expect((await quickFind('otto')).orders.map((o) => o.buyerName)).toEqual(['Maria Otto']);
  });

  it('finds an order by its digits and says when more match than shown', async () => {
    expect((await quickFind('2')).orders[0]?.number).toBe('PO-000002');
    const lee = await quickFind('number');
    expect(lee.orders).toHaveLength(8);
    expect(lee.more).toBe(true);
    expect((await quickFind('number', 20)).more).toBe(false);
  });

  it('finds orders by a prefix of the phone, typed with spaces or dashes; says when more match than shown', async () => {
    const phoned = (name: string, phone: string) => ({ ...order(name), phone }) as OrderRow;
    await add([phoned('Zhou Min', '13800138000'), phoned('Zhou Lei', '13800139999'), ...Array.from({ length: 9 }, (_, i) => phoned(`Phone Person${i}`, `1590000000${i}`))]);
    expect((await quickFind('138 0013 8')).orders.map((o) => o.buyerName)).toEqual(['Zhou Min']);
    expect((await quickFind('138-00')).orders.map((o) => o.buyerName).sort()).toEqual(['Zhou Lei', 'Zhou Min']);
    const many = await quickFind('1590');
    expect(many.orders).toHaveLength(8);
    expect(many.more).toBe(true);
    expect(phonePrefixOf('ann')).toBeNull();
    expect(phonePrefixOf('12')).toBeNull();
    expect(phonePrefixOf('+86 (138) 00')).toBe('+8613800');
  });

  it('Enter opens the order whose number was typed, or the only one found, else none', async () => {
    expect(enterChoice('jie', await quickFind('jie'))).toBe('o1');
    expect(enterChoice('po-000002', await quickFind('po-000002'))).toBe('o2');
    expect(enterChoice('3', await quickFind('3'))).toBe('o3');
    expect(enterChoice('number', await quickFind('number'))).toBeNull();
    expect(enterChoice('zzz', await quickFind('zzz'))).toBeNull();
  });

  it('word matching is a pure prefix test on each word (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 4 }), fc.nat(), fc.nat(), (words, i, cut) => {
        const name = words.join(' ');
        const word = words[i % words.length]!;
        expect(nameMatches(name, [word.slice(0, 1 + (cut % word.length))])).toBe(true);
        expect(nameMatches(name.toUpperCase(), [word])).toBe(true);
        expect(nameMatches(name, [`${word}#`])).toBe(false);
      }),
    );
  });
});
