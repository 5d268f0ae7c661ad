// Every size bound on input from people, files and scanners, in one place, so a reviewer
// sees at once what the app accepts and each check names the same number in its message.
// Add new bounds here (one named constant, one line saying why) rather than in the module
// that checks them.
export const LIMITS = {
  // --- workflow definitions (shared/workflow/check.ts, scripts/workflow-check.ts) ---
  /** Size of a definition as JSON text (characters; the checker measures files in bytes).
   *  The built-ins are ~15 KB; a 10 000-state generated one is ~1.5 MB. */
  MAX_WORKFLOW_BYTES: 4 * 1024 * 1024,
  /** States over all machines of a definition; checking this many takes well under a second. */
  MAX_WORKFLOW_STATES: 10_000,
  /** Transition rows over all machines of a definition. */
  MAX_WORKFLOW_TRANSITIONS: 20_000,
  /** Nesting of a definition's JSON (objects in arrays in objects...). The built-ins nest 9
   *  deep; the bound keeps the schema's recursive parse far from the call-stack limit. */
  MAX_WORKFLOW_NESTING: 32,
  /** Nesting of not/all/any in one guard or `when`. The built-ins need 3; deeper is unreadable. */
  MAX_CONDITION_DEPTH: 8,
  /** Problems listed for one definition; past this a person fixes the first ones and re-checks. */
  MAX_WORKFLOW_PROBLEMS: 500,

  // --- barcode nomenclature patterns (shared/barcode/nomenclature.ts) ---
  /** Characters in one user-supplied rule pattern (Odoo's are a few dozen). */
  MAX_BARCODE_PATTERN_LENGTH: 256,
  /** Ways a pattern may split one code between its bounded choices (`?`, `{m,n}`, `a|b`),
   *  multiplied together: the backtracking a failed match can do per start of the one
   *  unbounded repeat a pattern may have. Keeps every accepted pattern linear in the code. */
  MAX_BARCODE_PATTERN_CHOICES: 32,
} as const;

export type LimitName = keyof typeof LIMITS;
