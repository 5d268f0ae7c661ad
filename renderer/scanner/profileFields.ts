// The scanner profile's fields as typed (numbers may be mid-edit strings, a suffix
// character has a field of its own), and the check that turns them into a profile: the
// detector's rules and the stored setting's ranges must both hold.
import { settingSchemas } from '../../shared/settings/settings';
import { parseScanProfile, type ScanProfile } from './detector';

export type SuffixChoice = 'Enter' | 'Tab' | 'other';

export interface ScanProfileFields {
  maxGapMs: number | string;
  minLength: number | string;
  suffix: SuffixChoice;
  suffixChar: string;
  prefix: string;
}

export type FieldErrors = Partial<Record<keyof ScanProfileFields, string>>;
export type ScanProfileFieldsCheck = { ok: true; profile: ScanProfile } | { ok: false; errors: FieldErrors };

export function fieldsOf(profile: ScanProfile): ScanProfileFields {
  const named = profile.suffix === 'Enter' || profile.suffix === 'Tab';
  return {
    maxGapMs: profile.maxGapMs,
    minLength: profile.minLength,
    suffix: named ? (profile.suffix as SuffixChoice) : 'other',
    suffixChar: named ? '' : profile.suffix,
    prefix: profile.prefix ?? '',
  };
}

/** The profile the fields describe, or each field's problem. */
export function checkFields(fields: ScanProfileFields): ScanProfileFieldsCheck {
  const candidate = {
    maxGapMs: Number(fields.maxGapMs),
    minLength: Number(fields.minLength),
    suffix: fields.suffix === 'other' ? fields.suffixChar : fields.suffix,
    ...(fields.prefix ? { prefix: fields.prefix } : {}),
  };
  const errors: FieldErrors = {};
  // A suffix character's problem belongs to the field where it is typed.
  const fieldOf = (name: string | undefined): keyof ScanProfileFields => {
    const field = (name ?? 'maxGapMs') as keyof ScanProfileFields;
    return field === 'suffix' && fields.suffix === 'other' ? 'suffixChar' : field;
  };
  // Both the detector's rules and the stored setting's ranges must hold.
  const detector = parseScanProfile(candidate);
  if (!detector.ok) for (const issue of detector.issues) errors[fieldOf(issue.path.split('.')[1])] ??= issue.message;
  const stored = settingSchemas.scannerProfile.safeParse(candidate);
  if (!stored.success) for (const issue of stored.error.issues) errors[fieldOf(issue.path[0]?.toString())] ??= issue.message;
  if (!detector.ok || Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, profile: detector.profile };
}
