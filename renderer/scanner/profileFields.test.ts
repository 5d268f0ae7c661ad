import { describe, expect, it } from 'vitest';
import { defaultScanProfile } from './detector';
import { checkFields, fieldsOf, type ScanProfileFields } from './profileFields';

const fields = (patch: Partial<ScanProfileFields> = {}): ScanProfileFields => ({ ...fieldsOf(defaultScanProfile), ...patch });

describe('scanner profile fields', () => {
  it('round-trip a profile with a named suffix, and one ended by a character with a prefix', () => {
    expect(checkFields(fieldsOf(defaultScanProfile))).toEqual({ ok: true, profile: defaultScanProfile });
    const custom = { maxGapMs: 60, minLength: 6, suffix: '#', prefix: '§' };
    expect(fieldsOf(custom)).toEqual({ maxGapMs: 60, minLength: 6, suffix: 'other', suffixChar: '#', prefix: '§' });
    expect(checkFields(fieldsOf(custom))).toEqual({ ok: true, profile: custom });
  });

  it('take numbers still typed as text', () => {
    const check = checkFields(fields({ maxGapMs: '45', minLength: '8' }));
    expect(check).toEqual({ ok: true, profile: { ...defaultScanProfile, maxGapMs: 45, minLength: 8 } });
  });

  it('hold each problem at the field where it is typed', () => {
    // The stored setting allows 5-200 ms; the detector alone would take 500.
    expect(checkFields(fields({ maxGapMs: 500 }))).toMatchObject({ ok: false, errors: { maxGapMs: expect.any(String) } });
    expect(checkFields(fields({ maxGapMs: '' }))).toMatchObject({ ok: false, errors: { maxGapMs: expect.any(String) } });
    expect(checkFields(fields({ minLength: 0 }))).toMatchObject({ ok: false, errors: { minLength: expect.any(String) } });
    expect(checkFields(fields({ minLength: 2.5 }))).toMatchObject({ ok: false, errors: { minLength: expect.any(String) } });
    // "Another character" with none typed: the character's field, not the choice.
    const noChar = checkFields(fields({ suffix: 'other', suffixChar: '' }));
    expect(noChar.ok).toBe(false);
    if (!noChar.ok) expect(Object.keys(noChar.errors)).toEqual(['suffixChar']);
    expect(checkFields(fields({ suffix: 'other', suffixChar: 'ab' }))).toMatchObject({ ok: false, errors: { suffixChar: expect.any(String) } });
    // A prefix may not hold the suffix, nor control characters.
    expect(checkFields(fields({ suffix: 'other', suffixChar: '#', prefix: 'A#' }))).toMatchObject({ ok: false, errors: { prefix: expect.any(String) } });
    expect(checkFields(fields({ prefix: '\x1d' }))).toMatchObject({ ok: false, errors: { prefix: expect.any(String) } });
  });
});
