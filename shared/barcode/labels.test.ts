import { describe, expect, it } from 'vitest';
import { escapeValue, labelPayload, undoCapsLock, unescapeValue } from './labels';
import { parseBarcode } from './parse';
import type { CounterflowLabel } from './types';

const LABELS: CounterflowLabel[] = [
  { kind: 'order', number: 'PO-000123' },
  { kind: 'order', number: 'SO-000045' },
  { kind: 'order', number: 'PO-K2-000123' },
  { kind: 'item', id: '3f2a9c1e-7b4d-4e8a-9f10-2b3c4d5e6f70' },
  { kind: 'refund', id: 'rf_000017' },
  { kind: 'voucher', code: '4831092275' },
  { kind: 'voucher', code: '0000000001' },
  { kind: 'location', id: 'WH1/A-03-2' },
  { kind: 'location', id: 'Entrepôt 50% nord' },
  { kind: 'operator', id: 'op-7' },
  { kind: 'action', action: 'ship the order' },
  { kind: 'action', action: 'confirm reception of order' },
  { kind: 'action', action: 'extend auto acking reception of order' },
  { kind: 'action', action: ' leading and trailing ' },
  { kind: 'role', role: 'B' },
  { kind: 'role', role: 'S' },
  { kind: 'role', role: 'P' },
  { kind: 'role', role: 'A' },
];

describe('Counterflow labels', () => {
  it('prints the documented payloads', () => {
    expect(labelPayload({ kind: 'order', number: 'PO-000123' })).toBe('CF:O:PO-000123');
    expect(labelPayload({ kind: 'item', id: 'it-1' })).toBe('CF:L:it-1');
    expect(labelPayload({ kind: 'refund', id: 'rf-1' })).toBe('CF:R:rf-1');
    expect(labelPayload({ kind: 'voucher', code: '4831092275' })).toBe('4831092275');
    expect(labelPayload({ kind: 'location', id: 'BIN-1' })).toBe('CF:LOC:BIN-1');
    expect(labelPayload({ kind: 'operator', id: 'op-1' })).toBe('CF:OP:op-1');
    expect(labelPayload({ kind: 'action', action: 'ship the order' })).toBe('CF:A:ship the order');
    expect(labelPayload({ kind: 'role', role: 'S' })).toBe('CF:ROLE:S');
  });

  it.each(LABELS)('round-trips $kind %#', (label) => {
    const payload = labelPayload(label);
    expect(payload).toMatch(/^[\x20-\x7e]+$/); // Code 128 subset B / QR alphanumeric-safe
    expect(payload).toBe(payload.trim());
    expect(parseBarcode(payload)).toEqual(label);
    // A keyboard-wedge scanner adds a suffix; parsing trims it.
    expect(parseBarcode(`${payload}\r\n`)).toEqual(label);
  });

  it('reads labels typed with Caps Lock on', () => {
    expect(parseBarcode('cf:o:po-k2-000123')).toEqual({ kind: 'order', number: 'PO-K2-000123' });
    expect(parseBarcode('cf:a:SHIP THE ORDER')).toEqual({ kind: 'action', action: 'ship the order' });
    expect(parseBarcode('cf:role:b')).toEqual({ kind: 'role', role: 'B' });
    // Only a wholly inverted prefix is Caps Lock; a mixed one is not our label.
    expect(parseBarcode('Cf:O:PO-000123')).toMatchObject({ kind: 'product', encoding: 'code128' });
    expect(undoCapsLock('cf:loc:%c3%a9')).toBe('CF:LOC:%C3%A9');
  });

  it('accepts voucher codes with the CF:V: prefix and lower-case order numbers and roles', () => {
    expect(parseBarcode('CF:V:4831092275')).toEqual({ kind: 'voucher', code: '4831092275' });
    expect(parseBarcode('CF:O:po-000123')).toEqual({ kind: 'order', number: 'PO-000123' });
    expect(parseBarcode('CF:ROLE:a')).toEqual({ kind: 'role', role: 'A' });
  });

  it('answers invalid-value for a CF label with bad content', () => {
    for (const raw of ['CF:O:', 'CF:O:123', 'CF:ROLE:', 'CF:ROLE:1A', 'CF:ROLE:S S', 'CF:ROLE:ABCDEFGHI', 'CF:L:', 'CF:A:%00', 'CF:OP:%0A']) {
      expect(parseBarcode(raw), raw).toMatchObject({ kind: 'not-recognised', reason: 'invalid-value' });
    }
    expect(parseBarcode('CF:V:123')).toMatchObject({ kind: 'not-recognised', reason: 'invalid-value' });
    expect(parseBarcode('CF:Z:1')).toMatchObject({ kind: 'not-recognised', reason: 'no-matching-rule' });
  });

  it('refuses to print labels that could not be read back', () => {
    expect(() => labelPayload({ kind: 'order', number: 'order 5' })).toThrow(RangeError);
    expect(() => labelPayload({ kind: 'voucher', code: '12345' })).toThrow(RangeError);
    expect(() => labelPayload({ kind: 'item', id: '' })).toThrow(RangeError);
    expect(() => labelPayload({ kind: 'item', id: 'a\nb' })).toThrow(RangeError);
    expect(() => labelPayload({ kind: 'action', action: 'x'.repeat(101) })).toThrow(RangeError);
    expect(() => labelPayload({ kind: 'location', id: '\ud800' })).toThrow(RangeError);
    expect(() => labelPayload({ kind: 'role', role: 'w!' })).toThrow(RangeError);
  });

  it('escapes only what Code 128 or trimming would lose', () => {
    expect(escapeValue('a b')).toBe('a b');
    expect(escapeValue(' a ')).toBe('%20a%20');
    expect(escapeValue('50%')).toBe('50%25');
    expect(escapeValue('é€😀')).toBe('%C3%A9%E2%82%AC%F0%9F%98%80');
    expect(unescapeValue('%C3%A9%E2%82%AC%F0%9F%98%80')).toBe('é€😀');
    expect(unescapeValue('100% sure %zz %4')).toBe('100% sure %zz %4');
    expect(unescapeValue('%FF%FE')).toBe('\ufffd\ufffd');
  });
});
