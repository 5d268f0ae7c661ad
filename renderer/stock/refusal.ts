// Turns an engine refusal into what a form shows: messages beside the fields they are
// about (from the engine's input issues), and the rest as one message above the buttons.
import type { Refused } from '../../shared/api';

export interface FormProblems {
  /** The engine's message when no field took it (e.g. not enough stock). */
  general: string | null;
  fields: Record<string, string>;
}

export const NO_PROBLEMS: FormProblems = { general: null, fields: {} };

function issuesOf(details: unknown): Array<{ path: string; message: string }> {
  const issues = (details as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.filter(
    (i): i is { path: string; message: string } => typeof i?.path === 'string' && typeof i?.message === 'string',
  );
}

/**
 * `fields`: the form's field names, matched against the first part of each issue's path
 * (`barcodes.1` belongs to `barcodes`). Unknown sku / location refusals go to that field.
 */
export function problemsOf(
  refused: Refused,
  fields: readonly string[],
  aliases: Record<string, string> = {},
  /** The refusal in the reader's language (useRefusalText); the engine's English otherwise. */
  text: string = refused.message,
): FormProblems {
  const out: Record<string, string> = {};
  const put = (field: string, message: string) => {
    const name = aliases[field] ?? field;
    if (!fields.includes(name)) return false;
    out[name] = out[name] ? `${out[name]}; ${message}` : message;
    return true;
  };
  let placed = 0;
  const issues = issuesOf(refused.details);
  for (const issue of issues) if (put(issue.path.split('.')[0] ?? '', issue.message)) placed++;
  if (!issues.length && refused.code === 'not-found') {
    const d = (refused.details ?? {}) as Record<string, unknown>;
    const field = typeof d.sku === 'string' ? 'sku' : typeof d.locationId === 'string' ? 'locationId' : null;
    if (field && put(field, text)) placed++;
  }
  const general = placed === 0 || placed < issues.length ? text : null;
  return { general, fields: out };
}
