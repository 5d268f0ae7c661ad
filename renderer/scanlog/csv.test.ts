import { describe, expect, it } from 'vitest';
import { scansToCsv } from './csv';

describe('scansToCsv', () => {
  it('writes a header and one row per scan, quoting and defusing formulas', () => {
    const csv = scansToCsv([
      { seq: 1, at: Date.UTC(2025, 0, 31, 9, 30), raw: '4006381333931', type: 'product', screen: 'create-order', ok: true, message: 'Added TEA-100 · Green tea.', operator: 'op-1', role: 'S', deviceId: 'D1A2B3' },
      { seq: 2, at: Date.UTC(2025, 0, 31, 9, 31), raw: '=HYPERLINK("x")', type: 'not-recognised', screen: 'boards', ok: false, message: 'Not recognised, "odd"\nline' },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'seq,time,raw,type,screen,result,message,operator,role,device',
      '1,2025-01-31T09:30:00.000Z,4006381333931,product,create-order,ok,Added TEA-100 · Green tea.,op-1,S,D1A2B3',
      `2,2025-01-31T09:31:00.000Z,"'=HYPERLINK(""x"")",not-recognised,boards,failed,"Not recognised, ""odd""\nline",,,`,
      '',
    ]);
  });
});
