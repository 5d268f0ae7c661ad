// The shape of a workflow role code. It lives with the barcodes because role codes are
// printed on role cards (`CF:ROLE:<code>`); workflow/schema.ts holds definitions' roles to it.
// Scanners may send them in either case, so a code is upper-case ASCII that needs no
// escaping: a letter, then up to 7 letters or digits (B, S, P, A, W, QA, ...).
import { z } from 'zod';

export const ROLE_CODE = /^[A-Z][A-Z0-9]{0,7}$/;

export const roleCodeSchema = z
  .string()
  .regex(ROLE_CODE, 'a role code is an upper-case letter followed by up to 7 upper-case letters or digits, like B or QA');
