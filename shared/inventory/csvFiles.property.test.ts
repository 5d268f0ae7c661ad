// Catalogue CSV files as people hand them over, through the import command: a byte order
// mark, line breaks of every kind mixed in one file, NUL bytes, a file saved in another
// encoding (GBK / ANSI read as UTF-8, UTF-16), a cell of megabytes, a file cut off. The
// harmless ones import exactly what the file means; the others are refused in words and
// write nothing; none throws.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineCounter } from '../engine/counter';
import { testCounter } from '../engine/testing/counter';
import { expectWellFormedRefusal, tables } from '../engine/testing/hostile';

const SEED = Number(process.env.CSV_FILES_SEED ?? 20261206);

let counter: EngineCounter;
beforeAll(async () => {
  ({ counter } = await testCounter());
});

interface Line {
  name: string;
  price: number;
}
// Names a spreadsheet writes without quotes: letters of several scripts and spaces inside.
const nameArb = fc
  .array(fc.constantFrom('a', 'B', 'z', '茶', '杯', 'é', 'ü', 'ñ', 'Ж', '😀', '1', ' '), { minLength: 1, maxLength: 20 })
  .map((cs) => `N${cs.join('')}`.trim());
const linesArb = fc.array(fc.record({ name: nameArb, price: fc.integer({ min: 0, max: 99_999 }) }), { minLength: 1, maxLength: 6 });

let run = 0;
const skuOf = (r: number, i: number) => `CSV-${r}-${i}`;
const money = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
function fileOf(r: number, lines: Line[]): string[] {
  return ['sku,name,price', ...lines.map((l, i) => `${skuOf(r, i)},${l.name},${money(l.price)}`)];
}

async function imported(r: number, n: number): Promise<Array<{ name: string; price: number } | undefined>> {
  const rows = await counter.db.products.bulkGet(Array.from({ length: n }, (_, i) => skuOf(r, i)));
  return rows.map((p) => (p ? { name: p.name, price: p.price } : undefined));
}

/** Refused in words, nothing written. */
async function expectRefused(text: string, reason?: string): Promise<void> {
  const before = await tables(counter);
  const result = await counter.importProducts(text);
  expectWellFormedRefusal(result, 'hostile CSV');
  expect(result).toMatchObject({ ok: false, ...(reason ? { params: { reason } } : {}) });
  expect(await tables(counter), 'a refused import wrote nothing').toEqual(before);
}

describe('catalogue CSV files as people hand them over', () => {
  it('a byte order mark and any mix of line breaks import exactly what the file says', async () => {
    await fc.assert(
      fc.asyncProperty(linesArb, fc.boolean(), fc.array(fc.constantFrom('\r\n', '\n', '\r'), { minLength: 7, maxLength: 7 }), fc.boolean(), async (lines, bom, breaks, finalBreak) => {
        const r = ++run;
        const rows = fileOf(r, lines);
        const text = (bom ? '\uFEFF' : '') + rows.map((row, i) => row + (i < rows.length - 1 || finalBreak ? breaks[i]! : '')).join('');
        const result = await counter.importProducts(text);
        expect(result, JSON.stringify(text)).toMatchObject({ ok: true, created: lines.length });
        expect(await imported(r, lines.length)).toEqual(lines);
      }),
      { numRuns: 40, seed: SEED },
    );
  });

  it('a NUL byte anywhere (UTF-16, a workbook, a binary file) is refused whole', async () => {
    await fc.assert(
      fc.asyncProperty(linesArb, fc.nat(), async (lines, at) => {
        const text = fileOf(++run, lines).join('\r\n');
        const cut = at % (text.length + 1);
        await expectRefused(text.slice(0, cut) + '\u0000' + text.slice(cut), 'binary-file');
      }),
      { numRuns: 25, seed: SEED },
    );
    // UTF-16 (as Excel's "Unicode text" saves), and a zip (an .xlsx) read as UTF-8.
    const utf16 = new TextDecoder().decode(Buffer.from('\uFEFF' + fileOf(++run, [{ name: 'Tea', price: 100 }]).join('\r\n'), 'utf16le'));
    await expectRefused(utf16, 'binary-file');
    await expectRefused(new TextDecoder().decode(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0xe9, 0x9c])), 'binary-file');
  });

  it('a file saved in another encoding (GBK, ANSI) is refused, never stored with broken letters', async () => {
    await fc.assert(
      fc.asyncProperty(linesArb, fc.nat(), async (lines, which) => {
        const r = ++run;
        // One name has a letter outside ASCII, saved as a single byte (Latin-1 / ANSI) or as GBK's two.
        const i = which % lines.length;
        const withAccent = lines.map((l, j) => (j === i ? { ...l, name: `Caf${l.name}` } : l));
        const text = fileOf(r, withAccent).join('\r\n');
        const bytes = Buffer.from(text, 'utf8');
        const at = bytes.indexOf(Buffer.from(`Caf${lines[i]!.name}`)) + 3;
        const foreign = Buffer.concat([bytes.subarray(0, at), Buffer.from(which % 2 ? [0xe9] : [0xb2, 0xe8]), bytes.subarray(at)]);
        await expectRefused(new TextDecoder().decode(foreign), 'not-utf8');
        expect(await imported(r, lines.length)).toEqual(lines.map(() => undefined));
      }),
      { numRuns: 25, seed: SEED },
    );
  });

  it('a cell of megabytes, and a file cut off anywhere: refused in words or imported, never half', async () => {
    await expectRefused(`sku,name,price\r\nBIG-1,${'x'.repeat(3_000_000)},1.00\r\n`);
    await expectRefused(`sku,name,price\r\nBIG-2,"${'y'.repeat(1_000_000)}`);
    await fc.assert(
      fc.asyncProperty(linesArb, fc.nat(), async (lines, at) => {
        const r = ++run;
        const text = fileOf(r, lines).join('\r\n');
        const cut = text.slice(0, at % (text.length + 1));
        const before = await tables(counter);
        const result = await counter.importProducts(cut);
        if (!result.ok) {
          expectWellFormedRefusal(result, 'cut-off CSV');
          expect(await tables(counter)).toEqual(before);
          return;
        }
        // Imported: each row is whole as far as the file went (a cut at a line's end is a
        // shorter file); rows past the cut are not there.
        const got = await imported(r, lines.length);
        expect(got.filter(Boolean)).toHaveLength(result.created);
      }),
      { numRuns: 30, seed: SEED },
    );
  });
});
