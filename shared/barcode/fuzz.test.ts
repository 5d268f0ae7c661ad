// Property tests: parseBarcode never throws and always answers a known kind, whatever
// it is given. Seeded so a failure names the seed and case that reproduce it.
import { describe, expect, it } from 'vitest';
import { withCheckDigit } from './checkDigit';
import { describeBarcode } from './describe';
import { GS } from './gs1';
import { labelPayload } from './labels';
import { parseBarcode } from './parse';
import { PARSED_KINDS, type CounterflowLabel, type ParsedBarcode } from './types';
import { mulberry32 } from '../random';


const SEED = 0xc0ffee;
const rand = mulberry32(SEED);
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
const stringOf = (length: number, char: () => string) => Array.from({ length }, char).join('');

const randomBytes = () => stringOf(int(64), () => String.fromCharCode(int(256)));
const randomCodeUnits = () => stringOf(int(64), () => String.fromCharCode(int(0x10000))); // lone surrogates included
const randomPrintable = () => stringOf(int(40), () => String.fromCharCode(0x20 + int(95)));
const randomDigits = () => stringOf(1 + int(20), () => String(int(10)));

const VALID = [
  '4006381333931',
  '036000291452',
  '96385074',
  withCheckDigit('211234512345'),
  withCheckDigit('239876501999'),
  '4831092275',
  'CF:O:PO-K2-000123',
  'CF:A:ship the order',
  'CF:ROLE:S',
  'CF:LOC:%E2%82%AC%20bin',
  `]C10109501101530003172512311` + `0ABC${GS}21XYZ${GS}3012`,
  '(01)09501101530003(17)250100(10)AB-1',
  `]d2${GS}00106141411234567897${GS}3103001250`,
  'SKU-123',
];
const NOISE = ['\r', '\n', '\t', GS, ']', 'C', '1', '(', ')', ':', '%', '0', '9', 'é', '\ud800', '\udc00', '\u0000', ' ', '{', '\\'];

function mutate(code: string): string {
  let s = code;
  for (let n = 1 + int(3); n > 0; n -= 1) {
    const at = int(s.length + 1);
    switch (int(6)) {
      case 0: s = s.slice(0, at) + pick(NOISE) + s.slice(at); break; // insert
      case 1: s = s.slice(0, at) + s.slice(at + 1); break; // delete
      case 2: s = s.slice(0, at) + String(int(10)) + s.slice(at + 1); break; // replace with digit
      case 3: s = s.slice(0, at) + s.slice(at + 1, at + 2) + s.slice(at, at + 1) + s.slice(at + 2); break; // swap
      case 4: s = pick([']C1', ']d2', ']Q3', ']e0', ']E0', GS, 'cf:', 'CF:', '(01)']) + s; break; // prefix
      default: s = s.slice(0, at) + s.slice(at).toLowerCase(); // case noise
    }
  }
  return s;
}

function check(raw: string, where: string): ParsedBarcode {
  let result: ParsedBarcode | undefined;
  expect(() => {
    result = parseBarcode(raw, undefined, { referenceYear: 2025 });
  }, where).not.toThrow();
  const parsed = result as ParsedBarcode;
  expect(PARSED_KINDS, where).toContain(parsed.kind);
  if (parsed.kind === 'not-recognised') expect(parsed.reason, where).not.toBe('internal-error');
  expect(() => describeBarcode(parsed), where).not.toThrow();
  expect(JSON.parse(JSON.stringify(parsed)), where).toEqual(parsed); // plain data: storable, postMessage-safe
  return parsed;
}

const LABEL_KINDS = new Set<string>(['order', 'item', 'refund', 'voucher', 'location', 'operator', 'action', 'role']);

describe(`parseBarcode fuzz (seed ${SEED.toString(16)})`, () => {
  const generators: Array<[string, () => string]> = [
    ['random bytes', randomBytes],
    ['random UTF-16 code units', randomCodeUnits],
    ['random printable ASCII', randomPrintable],
    ['random digits', randomDigits],
    ['mutated valid code', () => mutate(pick(VALID))],
  ];

  for (const [name, generate] of generators) {
    it(`never throws on ${name}`, () => {
      for (let i = 0; i < 3000; i += 1) {
        const raw = generate();
        const parsed = check(raw, `${name} #${i}: ${JSON.stringify(raw)}`);
        // Anything read as a Counterflow label prints back to a payload that reads the same.
        if (LABEL_KINDS.has(parsed.kind)) {
          expect(parseBarcode(labelPayload(parsed as CounterflowLabel)), JSON.stringify(raw)).toEqual(parsed);
        }
      }
    });
  }

  it('never throws on huge strings', () => {
    check('1'.repeat(1_000_000), 'a million digits');
    check(`]C101${'0'.repeat(4000)}`, 'long GS1');
    check(`CF:A:${'%E2%82%AC'.repeat(400)}`, 'long escaped action');
    check('\ud800'.repeat(5000), 'lone surrogates');
  });

  it('round-trips random labels', () => {
    const kinds = ['item', 'refund', 'location', 'operator', 'action'] as const;
    let checked = 0;
    for (let i = 0; i < 2000; i += 1) {
      const value = stringOf(1 + int(30), () => String.fromCodePoint(pick([0x20 + int(95), 0xa0 + int(0x2000), 0x1f600 + int(50)])));
      if (value.trim().length === 0) continue;
      const kind = pick(kinds);
      const label: CounterflowLabel = kind === 'action' ? { kind, action: value } : { kind, id: value };
      const payload = labelPayload(label);
      expect(payload, JSON.stringify(label)).toMatch(/^[\x20-\x7e]+$/);
      expect(parseBarcode(payload), JSON.stringify(label)).toEqual(label);
      checked += 1;
    }
    for (let i = 0; i < 500; i += 1) {
      const label: CounterflowLabel = { kind: 'voucher', code: stringOf(10, () => String(int(10))) };
      expect(parseBarcode(labelPayload(label))).toEqual(label);
      const order: CounterflowLabel = { kind: 'order', number: `${pick(['PO', 'SO'])}-${pick(['', 'K2-', 'D14-'])}${stringOf(6, () => String(int(10)))}` };
      expect(parseBarcode(labelPayload(order))).toEqual(order);
    }
    expect(checked).toBeGreaterThan(1500);
  });
});
