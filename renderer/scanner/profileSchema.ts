// The scan profile's rules as zod words them, for the settings form and its test panel
// (profileFields.ts): each problem with its field. The detector itself reads profiles with
// readScanProfile (detector.ts), which keeps zod out of the window's entry.
import { z } from 'zod';
import { CONTROL, defaultScanProfile, isKeyValue, type ScanProfile } from './detector';

export const scanProfileSchema = z
  .object({
    maxGapMs: z.number().positive().max(1000),
    minLength: z.number().int().min(1).max(4096),
    suffix: z.string().min(1).refine(isKeyValue, 'must be a key name like Enter or Tab, or one character'),
    prefix: z
      .string()
      .min(1)
      .max(16)
      .refine((p) => !CONTROL.test(p), 'must be printable characters')
      .optional(),
  })
  .refine((p) => p.prefix === undefined || !p.prefix.includes(p.suffix), {
    message: 'the prefix must not contain the suffix',
    path: ['prefix'],
  });

export type ScanProfileCheck = { ok: true; profile: ScanProfile } | { ok: false; issues: Array<{ path: string; message: string }> };

/** Validates a profile from settings; missing fields take the defaults. */
export function parseScanProfile(input: unknown): ScanProfileCheck {
  const merged = typeof input === 'object' && input !== null ? { ...defaultScanProfile, ...input } : input;
  const result = scanProfileSchema.safeParse(merged);
  if (result.success) return { ok: true, profile: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((i) => ({ path: ['$', ...i.path.map(String)].join('.'), message: i.message })),
  };
}
