// A carrier as Settings edits it, apart from carriers.ts: its pattern check parses regular
// expressions (regexpp, ~86 KB), which the window's start (the database's defaults, the
// scanner's tracking lookup) does not need.
import { z } from 'zod';
import { backtrackingProblem } from '../barcode/patternSafety';
import { LIMITS } from '../limits';
import { CHECK_RULES } from './carriers';

/** A carrier as Settings edits it, checked at the boundary. The pattern must be a regular
 *  expression that matches in linear time (patternSafety); the URL must say where the number goes. */
export const carrierInputSchema = z.strictObject({
  id: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'use up to 32 lower-case letters, digits or dashes'),
  name: z.string().trim().min(1).max(LIMITS.MAX_NAME_LENGTH),
  pattern: z
    .string()
    .min(1)
    .max(LIMITS.MAX_BARCODE_PATTERN_LENGTH)
    .superRefine((p, ctx) => {
      const problem = backtrackingProblem(p);
      if (problem) ctx.addIssue({ code: 'custom', message: `the pattern cannot be used: ${problem}` });
    }),
  check: z.enum(CHECK_RULES),
  trackingUrl: z
    .string()
    .trim()
    .max(LIMITS.MAX_ADDRESS_LENGTH)
    .regex(/^https?:\/\/\S+$/, 'must be a web address starting with http:// or https://')
    .refine((u) => u.includes('{tracking}'), 'must contain {tracking} where the tracking number goes'),
  active: z.boolean().default(true),
});
export type CarrierInput = z.input<typeof carrierInputSchema>;
