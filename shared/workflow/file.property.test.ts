// A workflow definition file as people hand it over: saved with a byte order mark or with
// any line breaks it is the same definition; with NUL bytes, in another encoding, or cut
// off it is refused with what is wrong (never parsed into a definition with broken labels).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import productOrder from '../workflows/product-order.json';
import { readWorkflowFile } from './file';

const SEED = Number(process.env.WORKFLOW_FILE_SEED ?? 20261206);
const text = JSON.stringify(productOrder, null, 2);

describe('a workflow definition file', () => {
  it('with a byte order mark and any line breaks reads as the same definition', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.constantFrom('\n', '\r\n', '\r'), (bom, eol) => {
        expect(readWorkflowFile((bom ? '\uFEFF' : '') + text.replaceAll('\n', eol))).toEqual({ ok: true, json: productOrder });
      }),
      { seed: SEED },
    );
  });

  it('with a NUL byte anywhere is refused as not text, on the line that holds it', () => {
    fc.assert(
      fc.property(fc.nat(), (at) => {
        const cut = at % (text.length + 1);
        const read = readWorkflowFile(text.slice(0, cut) + '\u0000' + text.slice(cut));
        expect(read).toEqual({ ok: false, problem: 'binary', line: text.slice(0, cut).split('\n').length });
      }),
      { numRuns: 200, seed: SEED },
    );
    expect(readWorkflowFile(new TextDecoder().decode(Buffer.from(text, 'utf16le')))).toMatchObject({ ok: false, problem: 'binary', line: 1 });
  });

  it('saved in another encoding is refused, never read with broken labels', () => {
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom([0xe9], [0xb2, 0xe8], [0xff]), (at, foreign) => {
        const bytes = Buffer.from(text, 'utf8');
        // Inside a label: after the opening quote of some string.
        const quotes = [...bytes.keys()].filter((i) => bytes[i] === 0x22);
        const q = quotes[at % quotes.length]! + 1;
        const read = readWorkflowFile(new TextDecoder().decode(Buffer.concat([bytes.subarray(0, q), Buffer.from(foreign), bytes.subarray(q)])));
        expect(read).toMatchObject({ ok: false, problem: 'not-utf8' });
      }),
      { numRuns: 200, seed: SEED },
    );
  });

  it('cut off anywhere is refused as not JSON', () => {
    fc.assert(
      fc.property(fc.nat(), (at) => {
        expect(readWorkflowFile(text.slice(0, at % text.length))).toMatchObject({ ok: false, problem: 'not-json', message: expect.any(String) });
      }),
      { numRuns: 300, seed: SEED },
    );
  });
});
