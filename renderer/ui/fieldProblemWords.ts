// A bad input's problems (shared/fieldProblems.ts) in the reader's language: each one as
// "<line> <field> <what is wrong, with its bound>", from `refusal.problem.*` and the field's
// name from `refusal.fieldName.*`. A field this build has no name for reads as "this field";
// a problem it has no sentence for, as the field being invalid. Never the engine's English.
// A `pattern` problem says what to type by its rule (`refusal.rule.*`), and how long the
// value was where the rule is a length; a rule this build cannot word reads as "not in the right form".
import type { FieldProblem, RefusalFact } from '../../shared/api';
import type { Translate } from '../workflow/explain';

/** Fields whose bounds are amounts in minor units, shown as money. */
const MONEY_FIELDS = new Set(['price', 'unitPrice', 'amount', 'tendered', 'float', 'counted']);

export function isFieldProblems(value: RefusalFact | undefined): value is readonly FieldProblem[] {
  return Array.isArray(value) && value.every((p) => p !== null && typeof p === 'object' && typeof (p as FieldProblem).code === 'string');
}

/** Which sentence a problem takes. */
function sentenceOf(p: FieldProblem): string {
  if (p.code === 'custom') return p.problem ?? 'invalid';
  const n = p.limit ?? 0;
  switch (p.code) {
    case 'too_small':
      if (p.origin === 'string') return n <= 1 ? 'missing' : 'tooShort';
      if (p.origin === 'array' || p.origin === 'set') return n <= 1 ? 'empty' : 'fewItems';
      return p.inclusive === false ? 'above' : n === 0 ? 'negative' : 'atLeast';
    case 'too_big':
      if (p.origin === 'string') return 'tooLong';
      if (p.origin === 'array' || p.origin === 'set') return 'manyItems';
      return p.inclusive === false ? 'below' : 'atMost';
    case 'invalid_type':
      return p.expected === 'int' ? 'wholeNumber' : p.expected === 'number' ? 'number' : p.expected === 'string' ? 'text' : p.expected === 'array' ? 'list' : p.expected === 'boolean' ? 'yesNo' : 'shape';
    case 'invalid_format':
      return 'format';
    case 'invalid_value':
    case 'invalid_union':
      return 'choice';
    case 'unrecognized_keys':
      return 'unknownKeys';
    default:
      return 'invalid';
  }
}

/** The words for a key, or '' when this build has none (i18next may answer the key itself). */
function tryWords(t: Translate, key: string, options: Record<string, unknown> = {}): string {
  const text = t(key, { ...options, defaultValue: '' });
  return text && text !== key ? text : '';
}

/** A pattern problem's sentence and its rule in words; `format` when the rule has none here. */
function patternOf(p: FieldProblem, t: Translate): { sentence: string; rule: string } {
  const rule = p.rule === undefined ? '' : tryWords(t, `refusal.rule.${p.rule}`);
  if (!rule) return { sentence: 'format', rule };
  return { sentence: p.length === undefined ? 'pattern' : 'patternLength', rule };
}

/** One problem in words. `money` shows a money field's bound as people read amounts. */
export function problemText(p: FieldProblem, t: Translate, money: (minor: number) => string): string {
  const field = tryWords(t, `refusal.fieldName.${p.field}`) || t('refusal.fieldName.unknown');
  const pattern = p.code === 'custom' && p.problem === 'pattern' ? patternOf(p, t) : null;
  const sentence = pattern?.sentence ?? sentenceOf(p);
  const limit = p.limit === undefined ? '' : MONEY_FIELDS.has(p.field) ? money(p.limit) : String(p.limit);
  const facts = { field, limit, min: p.min ?? '', rule: pattern?.rule ?? '', length: p.length ?? '', keys: (p.keys ?? []).join(t('refusal.part.linesList')), interpolation: { escapeValue: false } };
  const text = tryWords(t, `refusal.problem.${sentence}`, facts) || t('refusal.problem.invalid', facts);
  return (p.line === null ? '' : t('refusal.part.line', { line: p.line })) + text;
}

/** Every problem, joined; empty when there are none. */
export function problemsText(problems: readonly FieldProblem[], t: Translate, money: (minor: number) => string): string {
  return problems.map((p) => problemText(p, t, money)).join(t('refusal.part.problemSep'));
}
