// Every limit on what a person, a scanner or a file can hand the engine, in one place.
// Chosen far above what a real counter meets, so only a mistake or an attack reaches
// them; each refusal past a limit says the limit.

/** Order input. */
export const MAX_LINES_PER_ORDER = 500;
/** Units of one line (also the largest single stock movement). */
export const MAX_QTY = 1_000_000;
/** Uses of one service line (attendance codes per unit). */
export const MAX_SERVICE_TIMES = 1_000;
/** Attendance codes one order may issue (lines x units x uses). */
export const MAX_VOUCHERS_PER_ORDER = 10_000;
/** A price, a line total or an order total, in the currency's units. */
export const MAX_AMOUNT = 1_000_000_000;

/** Text fields. */
export const MAX_ID_LENGTH = 100;
export const MAX_NAME_LENGTH = 200;
export const MAX_ADDRESS_LENGTH = 500;
export const MAX_REASON_LENGTH = 200;
export const MAX_ROLE_LENGTH = 32;
export const MAX_ACTION_LENGTH = 100;
export const MAX_VOUCHER_CODE_LENGTH = 64;
/** A scan kept in the scan log. */
export const MAX_SCAN_LENGTH = 4_096;
/** A CSV file handed to an import. */
export const MAX_CSV_BYTES = 20_000_000;

/** Work one command may do: events it appends (transitions, timers, stock, vouchers...). */
export const MAX_EVENTS_PER_COMMAND = 20_000;
/** How deep one action may cascade into others. */
export const MAX_CASCADE_DEPTH = 16;
