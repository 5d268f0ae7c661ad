// Reading a scan: parseBarcode per kind of code, in Node (the same function the window runs
// on every scan before it routes it). Prints one line per code: the median and p95 of
// batches of 1 000 parses, in microseconds per parse.
//   tsx bench/node-parse.ts [batches]
import { GS, parseBarcode, withCheckDigit } from '../shared/barcode/index';
import { median, p95 } from './lib/stats';

const GTIN = '09501101530003';
const CODES: Array<[string, string]> = [
  ['order label', 'CF:O:PO-K2-000123'],
  ['action card', 'CF:A:ship the order'],
  ['EAN-13', '4006381333931'],
  ['price EAN-13', withCheckDigit('239876501999')],
  ['SKU label (Code 128)', 'SKU-123'],
  ['GS1-128 GTIN+expiry+lot+serial', `]C101${GTIN}17251231` + `10ABC${GS}21XYZ${GS}3012`],
  ['GS1 DataBar with price (392n)', `]e001${GTIN}3922001299`],
  ['GS1 logistics label (SSCC, content, count)', `]C100106141411234567897${GS}02${GTIN}3724`],
  ['GS1 DataMatrix (pharmacy)', `]d201${GTIN}17261231` + `10LOT42${GS}21SER123`],
  ['bracketed GS1', `(01)${GTIN}(17)250100(10)AB-1`],
  ['not GS1, marked (refused)', `]C199${'X'.repeat(40)}`],
];

// A first scan: every parse a code not read before (a new serial each time).
const FRESH: Array<[string, (i: number) => string]> = [
  ['GS1 DataMatrix (pharmacy), each one new', (i) => `]d201${GTIN}17261231` + `10LOT42${GS}21S${i}`],
];

const batches = Number(process.argv[2] ?? 200);
const PER_BATCH = 1000;
let sink = 0;
for (const [label, code] of CODES) {
  // Warm up: the first thousand calls run before the JIT has settled.
  for (let i = 0; i < 5 * PER_BATCH; i += 1) sink += parseBarcode(code, undefined, { referenceYear: 2026 }).kind.length;
  const samples: number[] = [];
  for (let b = 0; b < batches; b += 1) {
    const t0 = performance.now();
    for (let i = 0; i < PER_BATCH; i += 1) sink += parseBarcode(code, undefined, { referenceYear: 2026 }).kind.length;
    samples.push(((performance.now() - t0) * 1000) / PER_BATCH);
  }
  const kind = parseBarcode(code, undefined, { referenceYear: 2026 }).kind;
  console.log(`${label.padEnd(44)} ${kind.padEnd(15)} p50 ${median(samples).toFixed(2).padStart(6)} µs  p95 ${p95(samples).toFixed(2).padStart(6)} µs`);
}
for (const [label, make] of FRESH) {
  let n = 0;
  const samples: number[] = [];
  for (let b = 0; b < batches + 5; b += 1) {
    const codes = Array.from({ length: PER_BATCH }, () => make(n++));
    const t0 = performance.now();
    for (const code of codes) sink += parseBarcode(code, undefined, { referenceYear: 2026 }).kind.length;
    if (b >= 5) samples.push(((performance.now() - t0) * 1000) / PER_BATCH);
  }
  console.log(`${label.padEnd(44)} ${'gs1'.padEnd(15)} p50 ${median(samples).toFixed(2).padStart(6)} µs  p95 ${p95(samples).toFixed(2).padStart(6)} µs`);
}
if (sink < 0) console.log(sink);
