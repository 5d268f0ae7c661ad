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

  // --- commands: what people, scanners and files hand the engine (shared/engine/input.ts) ---
  /** Order input. */
  MAX_LINES_PER_ORDER: 500,
  /** Units of one line (also the largest single stock movement). */
  MAX_QTY: 1_000_000,
  /** Uses of one service line (attendance codes per unit). */
  MAX_SERVICE_TIMES: 1_000,
  /** Attendance codes one order may issue (lines x units x uses). */
  MAX_VOUCHERS_PER_ORDER: 10_000,
  /** A price, a line total, an order total, a payment or a till count, in the currency's
   *  minor units (cents, fen): 1 000 000 000.00 in a two-decimal currency. */
  MAX_AMOUNT: 100_000_000_000,

  /** Text fields. */
  MAX_ID_LENGTH: 100,
  MAX_NAME_LENGTH: 200,
  MAX_ADDRESS_LENGTH: 500,
  MAX_REASON_LENGTH: 200,
  MAX_ROLE_LENGTH: 32,
  MAX_ACTION_LENGTH: 100,
  MAX_VOUCHER_CODE_LENGTH: 64,
  /** A scan kept in the scan log. */
  MAX_SCAN_LENGTH: 4_096,
  /** A CSV file handed to an import. */
  MAX_CSV_BYTES: 20_000_000,
  /** Problems a refused import lists (the message gives the total): a bad 20 MB file has
   *  millions, and the import screen shows each one as a table row. */
  MAX_FILE_PROBLEMS: 500,

  // --- operators (shared/engine/operatorInput.ts): typed at a sign-in screen or scanned from a badge ---
  /** A PIN is digits only; 4 is the least a shop will accept, 12 the most anyone types. */
  MIN_PIN_LENGTH: 4,
  MAX_PIN_LENGTH: 12,
  /** An operator's display name (also what a name + PIN sign-in matches). */
  MAX_OPERATOR_NAME_LENGTH: 100,
  /** A badge code: the id inside a CF:OP: barcode, short enough to print on a badge label. */
  MAX_BADGE_LENGTH: 64,
  /** Roles one operator may take (the built-in workflows have four). */
  MAX_OPERATOR_ROLES: 16,

  // --- action input: the fields a workflow transition declares (shared/workflow/input.ts) ---
  /** Fields one action may ask for: a form a clerk fills at the counter. */
  MAX_INPUT_FIELDS: 16,
  /** Characters of one text field (a memo is the longest the built-ins ask for). */
  MAX_INPUT_TEXT_LENGTH: 1_000,
  /** Entries of one list field (tracking numbers of one shipment). */
  MAX_INPUT_LIST_ITEMS: 50,
  /** Choices of one choice field (carriers, reasons). */
  MAX_INPUT_CHOICES: 100,
  /** Characters of a field's `pattern` (a regular expression): tracking-number shapes are short. */
  MAX_INPUT_PATTERN_LENGTH: 200,
  /** A field's name: an identifier, like a JSON key a script would send. */
  MAX_INPUT_NAME_LENGTH: 40,

  // --- parcels (shared/tracking/) ---
  /** How long a parcel may go without a checkpoint before it is late (the `parcelLateAfterMs`
   *  setting): at least a second (tests and demos), at most 90 days (longer is never "late"). */
  MIN_PARCEL_LATE_AFTER_MS: 1_000,
  MAX_PARCEL_LATE_AFTER_MS: 90 * 24 * 3_600_000,

  /** Work one command may do: events it appends (transitions, timers, stock, vouchers...). */
  MAX_EVENTS_PER_COMMAND: 20_000,
  /** How deep one action may cascade into others. */
  MAX_CASCADE_DEPTH: 16,
} as const;

export type LimitName = keyof typeof LIMITS;
