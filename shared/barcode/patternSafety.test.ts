// Nomenclature patterns are typed by people: an accepted pattern must never freeze the
// counter on a hostile scan. Known catastrophic shapes are refused with a message; the
// built-in patterns are accepted; and any accepted pattern runs in a few ms on 10 000 chars.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../limits';
import { compilePattern, defaultNomenclature, parseNomenclature } from './nomenclature';

const errorOf = (pattern: string): string | null => {
  const compiled = compilePattern(pattern);
  return 'error' in compiled ? compiled.error : null;
};

/** Inputs that nearly match typical patterns and then fail at the end, 10 000 chars each. */
const HOSTILE = [
  'a'.repeat(10_000),
  `${'a'.repeat(9_999)}!`,
  `${'1'.repeat(9_999)}x`,
  `${'ab'.repeat(4_999)}a!`,
  `${'a-'.repeat(4_999)}1!`,
  `${'A-1'.repeat(3_333)}!`,
  `CF:${'0'.repeat(9_996)}!`,
];

/** Best of three runs: the regex's own cost, not a busy machine's (V8 also tiers regexps up). */
function worstMs(regex: RegExp): number {
  let worst = 0;
  for (const input of HOSTILE) {
    let best = Infinity;
    for (let run = 0; run < 3; run += 1) {
      const start = performance.now();
      regex.exec(input);
      best = Math.min(best, performance.now() - start);
    }
    worst = Math.max(worst, best);
  }
  return worst;
}

describe('nomenclature patterns that could backtrack catastrophically', () => {
  it.each([
    ['(a+)+$', 'a repeated group may not hold another repeat or a choice ((a+)+)'],
    ['(a*)*', 'a repeated group may not hold another repeat or a choice ((a*)*)'],
    ['(a|a)*', 'a repeated group may not hold another repeat or a choice ((a|a)*)'],
    ['(a|aa)+$', 'a repeated group may not hold another repeat or a choice'],
    ['(?:\\d+)*x', 'a repeated group may not hold another repeat or a choice'],
    ['(\\d{3})+$', 'a repeated group may not hold another repeat or a choice'],
    ['(?:a|b){2}', 'a repeated group may not hold another repeat or a choice'],
    ['(.*a){10}', 'a repeated group may not hold another repeat or a choice'],
    ['.*.*x', 'a pattern may have only one open-ended repeat'],
    ['\\d*\\d*x', 'may not come after one that can end anywhere'],
    ['(a)\\1', 'a pattern may not refer back to a group (\\1)'],
    ['(?<v>a)\\k<v>', 'a pattern may not refer back to a group (\\k<v>)'],
    ['(?<=CF)b', 'a pattern may not look behind'],
    ['(?s:.*\n.*)', 'a pattern may not change flags inside it ((?s:...)'],
    ['(?i:[a-z]+A.*)', 'a pattern may not change flags inside it'],
    ['(?<!CF)b', 'a pattern may not look behind'],
    ['(?=a+)b', 'a lookahead may hold only fixed text'],
    ['(?!(a|b)c)b', 'a lookahead may hold only fixed text'],
    ['a?a?a?a?a?a?a?a?a?a?', `at most ${LIMITS.MAX_BARCODE_PATTERN_CHOICES} ways to match`],
    ['\\d{0,1000}', `at most ${LIMITS.MAX_BARCODE_PATTERN_CHOICES} ways to match`],
  ])('refuses %s', (pattern, message) => {
    expect(errorOf(pattern)).toContain(message);
  });

  it('refuses a pattern that would escape the start anchor', () => {
    expect(errorOf('a)|(?:.*')).not.toBeNull();
    expect(errorOf('a)(b')).not.toBeNull();
  });

  it('refuses overlong patterns, saying the limit', () => {
    expect(errorOf('a'.repeat(LIMITS.MAX_BARCODE_PATTERN_LENGTH + 1))).toBe(`pattern is longer than ${LIMITS.MAX_BARCODE_PATTERN_LENGTH} characters`);
    expect(errorOf('a'.repeat(LIMITS.MAX_BARCODE_PATTERN_LENGTH))).toBeNull();
  });

  it('refuses them in a nomenclature too, at the rule\'s pattern', () => {
    const result = parseNomenclature({ name: 'bad', rules: [{ name: 'evil', type: 'product', encoding: 'any', pattern: '(a+)+$' }] });
    expect(result).toEqual({ ok: false, issues: [{ path: '$.rules.0.pattern', message: expect.stringContaining('(a+)+') }] });
  });

  it('accepts every built-in pattern and usual hand-written ones, and they run fast', () => {
    const usual = ['CF:O:', '\\d{10}$', '(?<value>BIN-\\d+)$', '[A-Z]+-\\d+$', '\\d+-.*', '21.....{NNDDD}', '(?:EAN|UPC)?\\d{8,13}$', 'SKU-(?<value>[A-Z0-9]{3,12})$', '.*\\d{4}$'];
    for (const pattern of [...defaultNomenclature.rules.map((r) => r.pattern), ...usual]) {
      const compiled = compilePattern(pattern);
      if ('error' in compiled) throw new Error(`${pattern} refused: ${compiled.error}`);
      expect(worstMs(compiled.regex)).toBeLessThan(10);
    }
  });
});

// A small regular-expression grammar: characters, classes, groups, choices and repeats.
const { pattern } = fc.letrec<{ atom: string; piece: string; seq: string; pattern: string }>((tie) => ({
  atom: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('a', 'b', '1', '-', '.', '\\d', '[ab]', '[^-]', 'x', 'CF:') },
    { weight: 1, arbitrary: tie('seq').map((s) => `(${s})`) },
    { weight: 1, arbitrary: fc.tuple(tie('seq'), tie('seq')).map(([l, r]) => `(?:${l}|${r})`) },
    { weight: 1, arbitrary: fc.constantFrom('(?!CF:)', '(?=a)', '\\1', '(?<=a)') },
  ),
  piece: fc.tuple(tie('atom'), fc.constantFrom('', '', '', '*', '+', '?', '{2}', '{0,3}', '{1,}', '*?', '{2,5}')).map(([a, q]) => `${a}${q}`),
  seq: fc.array(tie('piece'), { minLength: 1, maxLength: 4 }).map((ps) => ps.join('')),
  pattern: fc.tuple(tie('seq'), fc.boolean()).map(([s, end]) => (end ? `${s}$` : s)),
}));

describe('accepted patterns are fast on hostile input (property)', () => {
  it('never throws, and whatever it accepts runs in a few ms on 10 000 chars', () => {
    let accepted = 0;
    fc.assert(
      fc.property(pattern, (p) => {
        const compiled = compilePattern(p);
        if ('error' in compiled) {
          expect(compiled.error.length).toBeGreaterThan(0);
          return;
        }
        accepted += 1;
        expect(worstMs(compiled.regex)).toBeLessThan(10);
      }),
      { numRuns: 400 },
    );
    expect(accepted).toBeGreaterThan(50); // the grammar does reach accepted patterns
  });

  it('always refuses a repeated group that itself repeats', () => {
    fc.assert(
      fc.property(pattern, fc.constantFrom('*', '+', '{1,}', '{2}'), fc.constantFrom('*', '+', '{2,}'), (p, inner, outer) => {
        expect(errorOf(`(?:(?:${p})${inner})${outer}`)).not.toBeNull();
      }),
      { numRuns: 200 },
    );
  });
});
