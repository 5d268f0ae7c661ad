// Nomenclature patterns come from people, and JavaScript regular expressions backtrack: a
// pattern like `(a+)+$` can take longer than the age of the universe on a 30-character scan
// and freeze the counter. So a pattern is parsed (regexpp, the parser ESLint uses) and
// accepted only when a match attempt is linear in the code's length:
//   - no backreferences, no lookbehinds; lookaheads hold only fixed text, like `(?!CF:)`;
//   - a repeated group (more than once) holds no repeat and no choice (`(a+)+`, `(a|a)*`);
//   - at most one open-ended repeat (`*`, `+`, `{n,}`) can end in more than one place, and
//     no open-ended repeat comes after it: a repeat followed by a character it cannot match
//     (`\d+-`, `[A-Z]+:`) ends in one place only, so it costs one pass;
//   - the optional parts and choices (`?`, `{m,n}`, `a|b`) multiply to a small number
//     (LIMITS.MAX_BARCODE_PATTERN_CHOICES), bounding the retries per position.
// The rules are stricter than needed for some harmless patterns; a refusal says which rule
// and how to rewrite the pattern. Matching is anchored at the start (compilePattern), so
// there is one start position, not one per character of the code.
import { RegExpParser, visitRegExpAST, type AST } from '@eslint-community/regexpp';
import { LIMITS } from '../limits';

const parser = new RegExpParser({ ecmaVersion: 2025 });

type Branching = AST.Pattern | AST.Group | AST.CapturingGroup | AST.LookaroundAssertion;

/** A repeat directly followed by a character it cannot match ends in exactly one place. */
function endsInOnePlace(q: AST.Quantifier): boolean {
  const el = q.element;
  if (el.type !== 'Character' && el.type !== 'CharacterSet' && el.type !== 'CharacterClass') return false;
  const next = q.parent.elements[q.parent.elements.indexOf(q) + 1];
  return next?.type === 'Character' && !new RegExp(`^(?:${el.raw})$`).test(String.fromCodePoint(next.value));
}

/** Whether a group holds a repeat or an a|b choice anywhere inside. */
function holdsRepeatOrChoice(node: Branching): boolean {
  let found = node.alternatives.length > 1;
  visitRegExpAST(node, {
    onQuantifierEnter: () => void (found = true),
    onGroupEnter: (g) => void (found ||= g.alternatives.length > 1),
    onCapturingGroupEnter: (g) => void (found ||= g.alternatives.length > 1),
  });
  return found;
}

/** Whether a lookahead holds anything but fixed text (characters, classes, a|b of those). */
function holdsRepeatOrGroup(node: AST.LookaroundAssertion): boolean {
  let found = false;
  visitRegExpAST(node, {
    onQuantifierEnter: () => void (found = true),
    onGroupEnter: () => void (found = true),
    onCapturingGroupEnter: () => void (found = true),
    onAssertionEnter: (a) => void (found ||= a !== node && (a.kind === 'lookahead' || a.kind === 'lookbehind')),
  });
  return found;
}

const insideLookaround = (node: AST.Node): boolean => {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'Assertion') return true;
  return false;
};

const SLOW = 'it can take very long to match';

/** Why this regular-expression source could backtrack badly (a message for the person
 *  editing the rule), or null when a match attempt is linear in the code's length. */
export function backtrackingProblem(source: string): string | null {
  let pattern: AST.Pattern;
  try {
    pattern = parser.parsePattern(source, 0, source.length, { unicode: false });
  } catch (e) {
    return e instanceof Error ? e.message : 'invalid pattern';
  }
  let problem: string | null = null;
  const refuse = (message: string) => void (problem ??= message);
  let choices = 1;
  let endsAnywhere = false; // an earlier open-ended repeat can end in many places
  const branch = (node: Branching) => {
    // Lookaheads are atomic in JavaScript: their choices are not retried from outside.
    if (!insideLookaround(node)) choices *= node.alternatives.length;
  };
  // The visitor goes in source order, so "earlier" below means earlier in the pattern.
  visitRegExpAST(pattern, {
    onPatternEnter: branch,
    onGroupEnter: (g) => {
      // (?i:...) and (?s:...) change what a class matches, which endsInOnePlace cannot see.
      if (g.modifiers) refuse(`a pattern may not change flags inside it (${g.raw.slice(0, g.raw.indexOf(':') + 1)}...)`);
      branch(g);
    },
    onCapturingGroupEnter: branch,
    onBackreferenceEnter: (b) => refuse(`a pattern may not refer back to a group (${b.raw}): ${SLOW}`),
    onAssertionEnter: (a) => {
      if (a.kind === 'lookbehind') refuse(`a pattern may not look behind (${a.raw}); match the text itself instead`);
      if (a.kind === 'lookahead' && holdsRepeatOrGroup(a)) refuse(`a lookahead may hold only fixed text, like (?!CF:); ${a.raw} does not`);
    },
    onQuantifierEnter: (q) => {
      const inner = q.element;
      if (inner.type === 'Assertion') return refuse(`a lookahead cannot be repeated (${q.raw})`);
      // `?` runs its group at most once: only its choices count (below). Real repeats may not nest.
      if ((inner.type === 'Group' || inner.type === 'CapturingGroup') && q.max > 1 && holdsRepeatOrChoice(inner))
        return refuse(`a repeated group may not hold another repeat or a choice (${q.raw}), as in (a+)+ or (a|b)*: ${SLOW}; use a character class like [ab]+ instead`);
      const oneEnd = endsInOnePlace(q);
      if (q.max === Infinity) {
        if (endsAnywhere)
          return refuse(
            oneEnd
              ? `an open-ended repeat (${q.raw}) may not come after one that can end anywhere (like .*): put that one last`
              : `a pattern may have only one open-ended repeat (*, + or {n,}) that can end anywhere (${q.raw} is a second): ${SLOW}; put a character it cannot match after the earlier one, as in [A-Z]+-\\d+`,
          );
        if (!oneEnd) endsAnywhere = true;
      } else if (!oneEnd) {
        choices *= q.max - q.min + 1;
      }
    },
  });
  if (problem) return problem;
  if (choices > LIMITS.MAX_BARCODE_PATTERN_CHOICES)
    return `a pattern may have at most ${LIMITS.MAX_BARCODE_PATTERN_CHOICES} ways to match (optional parts, {m,n} ranges and a|b choices multiply); this one has ${choices}`;
  return null;
}
