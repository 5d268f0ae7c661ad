// A workflow definition file's text, read as a person's editor saved it: a byte order mark
// (Notepad's "UTF-8 with BOM") is not part of the JSON; NUL bytes mean UTF-16 or a binary
// file; U+FFFD means a file saved in another encoding was read as UTF-8, and its labels
// would be installed with those marks in place of letters. Checked before the definition
// itself (shared/workflow/check.ts) so each is refused with what to do about it.
import { fileTextProblem } from '../fileText';

export type WorkflowFile =
  | { ok: true; json: unknown }
  | { ok: false; problem: 'binary' | 'not-utf8'; line: number }
  | { ok: false; problem: 'not-json'; message: string };

export function readWorkflowFile(text: string): WorkflowFile {
  const body = text.replace(/^\uFEFF/, '');
  const encoding = fileTextProblem(body);
  if (encoding) return { ok: false, problem: encoding.problem, line: encoding.row };
  try {
    return { ok: true, json: JSON.parse(body) as unknown };
  } catch (error) {
    return { ok: false, problem: 'not-json', message: error instanceof Error ? error.message : String(error) };
  }
}
