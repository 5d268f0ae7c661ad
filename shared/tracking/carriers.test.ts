import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { carrierInputSchema } from './carrierInput';
import { carriersFor, checkTracking, DEFAULT_CARRIERS, mod7CheckDigit, normaliseTracking, s10CheckDigit, trackingLink, upsCheckDigit } from './carriers';

const carrier = (id: string) => ({ ...DEFAULT_CARRIERS.find((c) => c.id === id)!, updatedAt: 0 });
const UPS = carrier('ups');
const POST = carrier('chinapost');
const DHL = carrier('dhl');

const upsBody = fc.stringMatching(/^[0-9A-Z]{15}$/);
const s10Serial = fc.stringMatching(/^\d{8}$/);
const letters2 = fc.stringMatching(/^[A-Z]{2}$/);

describe('carrier check digits', () => {
  it('accepts published examples', () => {
    expect(checkTracking(UPS, '1Z999AA10123456784')).toEqual({ ok: true, code: '1Z999AA10123456784' });
    expect(checkTracking(POST, 'RA123456785CN').ok).toBe(true);
  });

  it('names the expected and the scanned digit when one is wrong', () => {
    expect(checkTracking(UPS, '1Z999AA10123456785')).toEqual({ ok: false, reason: 'check-digit', code: '1Z999AA10123456785', expected: 4, got: 5 });
    expect(checkTracking(POST, 'RA123456784CN')).toMatchObject({ ok: false, reason: 'check-digit', expected: 5, got: 4 });
  });

  it('refuses a code of another shape by its pattern', () => {
    expect(checkTracking(UPS, 'RA123456785CN')).toMatchObject({ ok: false, reason: 'pattern' });
    expect(checkTracking(DHL, '12345')).toMatchObject({ ok: false, reason: 'pattern' });
  });

  it('reads a number typed with spaces, dashes or in lower case', () => {
    expect(normaliseTracking(' 1z 999-aa1 0123456784 ')).toBe('1Z999AA10123456784');
    expect(checkTracking(UPS, '1z999aa1 0123456784').ok).toBe(true);
  });

  it('UPS: every body with its computed digit passes, every other digit fails', () => {
    fc.assert(
      fc.property(upsBody, fc.integer({ min: 0, max: 9 }), (body, d) => {
        const digit = upsCheckDigit(body);
        expect(checkTracking(UPS, `1Z${body}${d}`).ok).toBe(d === digit);
      }),
    );
  });

  it('S10: every serial with its computed digit passes, every other digit fails', () => {
    fc.assert(
      fc.property(letters2, s10Serial, letters2, fc.integer({ min: 0, max: 9 }), (a, serial, b, d) => {
        expect(checkTracking(POST, `${a}${serial}${d}${b}`).ok).toBe(d === s10CheckDigit(serial));
      }),
    );
  });

  it('S10: a serial with one digit changed fails unless its digit collides (11 - r maps 0 and 6 both to 5)', () => {
    fc.assert(
      fc.property(s10Serial, fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 9 }), (serial, at, bump) => {
        const changed = serial.slice(0, at) + String((Number(serial[at]) + bump) % 10) + serial.slice(at + 1);
        expect(checkTracking(POST, `RA${changed}${s10CheckDigit(serial)}CN`).ok).toBe(s10CheckDigit(changed) === s10CheckDigit(serial));
      }),
    );
  });

  it('DHL: the tenth digit is the first nine mod 7', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (body) => {
        expect(mod7CheckDigit(body)).toBe(Number(BigInt(body) % 7n));
        expect(checkTracking(DHL, `${body}${mod7CheckDigit(body)}`).ok).toBe(true);
      }),
    );
  });

  it('never throws on any text a scanner or a person sends', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (raw) => {
        for (const c of DEFAULT_CARRIERS) expect(typeof checkTracking(c, raw).ok).toBe('boolean');
      }),
    );
  });
});

describe('carriers as data', () => {
  it('finds the carriers a scanned code fits', () => {
    expect(carriersFor([UPS, POST, DHL], '1Z999AA10123456784').map((c) => c.id)).toEqual(['ups']);
    expect(carriersFor([UPS, { ...POST, active: false }], 'RA123456785CN')).toEqual([]);
  });

  it('builds the customer link with the number escaped', () => {
    expect(trackingLink({ trackingUrl: 'https://t.example/?n={tracking}' }, 'RA123456785CN')).toBe('https://t.example/?n=RA123456785CN');
  });

  it('refuses a pattern that could freeze the counter and a URL without {tracking}', () => {
    const base = { id: 'x', name: 'X', check: 'none', trackingUrl: 'https://x.example/{tracking}' } as const;
    expect(carrierInputSchema.safeParse({ ...base, pattern: '(a+)+$' }).success).toBe(false);
    expect(carrierInputSchema.safeParse({ ...base, pattern: 'X\\d{8}', trackingUrl: 'https://x.example/' }).success).toBe(false);
    expect(carrierInputSchema.safeParse({ ...base, pattern: 'X\\d{8}' }).success).toBe(true);
  });

  it('every default carrier passes its own input schema', () => {
    for (const c of DEFAULT_CARRIERS) expect(carrierInputSchema.safeParse(c).success).toBe(true);
  });
});
