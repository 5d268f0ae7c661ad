// When a service's "valid until" ends. One function for the redeem check and the expiry
// timer, so a code is never refused by one and still waiting for the other.
//
// A date without a time ("2026-12-31") means the whole of that day at the counter: it
// ends at the last millisecond of that date on the counter's clock. shared/ is pure and
// has no time-zone database, so "the counter's clock" is a fixed UTC offset from the
// settings (`utcOffsetMinutes`, minutes east of UTC: 480 for China); without it, UTC.
// A fixed offset does not follow daylight-saving changes: where the clocks move, the end
// of day is an hour off for the part of the year on the other offset, unless the offset
// is saved again. A date with a time and a zone keeps its exact instant.
import { z } from 'zod';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: true });

/** What an order line accepts: a calendar date, or a date and time with its zone (Z or ±hh:mm). */
export const validUntilSchema = z
  .string()
  .trim()
  .refine(
    (s) => isoDate.safeParse(s).success || isoDateTime.safeParse(s).success,
    { error: 'valid-until must be a date like 2026-12-31 (or a date and time with its zone, like 2026-12-31T18:00:00+08:00)', params: { problem: 'date' } },
  );

/**
 * The last instant (ms since the epoch) at which a code with this valid-until may still be
 * used; null when the text is no date at all (then nothing expires). Lines stored before
 * the input was checked this strictly fall back to `Date.parse`.
 */
export function validUntilEnd(validUntil: string, utcOffsetMinutes = 0): number | null {
  const text = validUntil.trim();
  const day = DATE_ONLY.exec(text);
  if (day) {
    // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
    const nextMidnightUtc = new Date(0).setUTCFullYear(Number(day[1]), Number(day[2]) - 1, Number(day[3]) + 1);
    return nextMidnightUtc - utcOffsetMinutes * 60_000 - 1;
  }
  const instant = Date.parse(text);
  return Number.isNaN(instant) ? null : instant;
}
