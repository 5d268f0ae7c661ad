// Every refusal the engine and shared/ can give is worded in both languages the UI speaks:
// each code and situation (shared/refusals.ts) has a sentence in en and in zh-CN that uses
// only the facts the refusal carries, and no reason the sources give is left off the list
// (else a Chinese screen would show the engine's English sentence).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFUSAL_CODES, type Refused } from '../../shared/api';
import { REFUSAL_SITUATIONS } from '../../shared/refusals';
import { reader, RESOURCES, type Words } from './refusalReader.testkit';

const NUMBERS = new Set(['requested', 'available', 'onHand', 'limit', 'lines', 'problems', 'waiting', 'balance', 'amount', 'tendered', 'refundable', 'outstanding', 'expected', 'got', 'waitSeconds', 'version', 'line', 'open']);
const SAMPLES: Record<string, string> = {
  state: 'FP',
  allowed: 'WP,',
  roles: 'S,P',
  role: 'S',
  kind: 'order',
  action: 'ship the order',
  guard: JSON.stringify({ not: { hasRefund: true } }),
  status: 'pending',
  problem: 'too-long',
  verb: 'requested',
  machine: 'shipment',
  outcome: 'damaged',
  date: '2026-12-31',
  field: 'carrier',
};
const sample = (fact: string): string | number => (NUMBERS.has(fact) ? 3 : (SAMPLES[fact] ?? `X-${fact}`));

/** Facts a sentence may use beyond the refusal's own: what refusal.ts derives from them. */
const DERIVED = new Set(['have', 'where', 'ask', 'detail', 'message', 'stateCode', 'context', 'count', 'reason', 'digits']);

/** `reason` values in shared/ that are not refusals: timeline details of timers and events,
 *  the action panel's explanations, money typed in a form, a carrier's verdict, a backup step. */
const NOT_REFUSALS = new Set([
  'entity-gone', 'moved-on', 'flag-set', 'guard-blocked', 'moved', 'no-change', 'left-state', 'order-terminal', 'refund-amount',
  'other-role', 'system-only', 'wrong-state', 'guard-failed',
  'empty', 'not-a-number', 'negative', 'too-many-decimals', 'too-large',
  'pattern', 'check-digit',
  'write-failed',
  // An enrolment's answer (shared/sync/client.ts), worded by Settings → Sync, not a command's refusal.
  'no-device-number',
]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'testing' ? [] : sources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

const ENGLISH = 'ENGLISH FALLBACK';

describe('refusals in the operator language', () => {
  it('one list of codes, and the situations of each', () => {
    expect(Object.keys(REFUSAL_SITUATIONS).sort()).toEqual([...REFUSAL_CODES].sort());
  });

  it('every reason shared/ refuses with is a listed situation', () => {
    const listed = new Set(Object.values(REFUSAL_SITUATIONS).flatMap((s) => Object.keys(s)));
    const found = new Map<string, string>();
    for (const file of sources('shared')) {
      for (const m of readFileSync(file, 'utf8').matchAll(/reason: '([a-z-]+)'/g)) found.set(m[1]!, file);
    }
    expect(found.size).toBeGreaterThan(50);
    const missing = [...found].filter(([reason]) => !listed.has(reason) && !NOT_REFUSALS.has(reason)).map(([r, f]) => `${r} (${f})`);
    expect(missing).toEqual([]);
  });

  for (const lang of ['en', 'zh'] as const) {
    it(`every code and situation is worded in ${lang}, with the facts the refusal carries`, async () => {
      const read = await reader(lang);
      const unworded: string[] = [];
      for (const [code, situations] of Object.entries(REFUSAL_SITUATIONS)) {
        for (const [situation, facts] of Object.entries(situations)) {
          const params: Record<string, string | number> = Object.fromEntries((facts as readonly string[]).map((f) => [f, sample(f)]));
          if (situation !== 'default') params.reason = situation;
          else if (facts.includes('reason' as never)) params.reason = 'disk full';
          const text = read({ code: code as Refused['code'], message: ENGLISH, params });
          // In English a bad field is the engine's own sentence (refusal.invalid-input.bad-field is {{message}}).
          if (lang === 'en' && situation === 'bad-field') continue;
          const where = `${code}.${situation}`;
          if (text === ENGLISH) unworded.push(`${where}: no words`);
          else if (/\{\{|\}\}/.test(text)) unworded.push(`${where}: a fact left unfilled in "${text}"`);
          else if (lang === 'zh' && !/[\u4e00-\u9fff]/.test(text)) unworded.push(`${where}: not Chinese: "${text}"`);
          // The sentences use only the facts the refusal carries (or what refusal.ts derives).
          const node = (RESOURCES[lang].refusal as Words | undefined)?.[code];
          const sentences = typeof node === 'object' ? Object.entries(node).filter(([k]) => k === situation || k.startsWith(`${situation}_`)).map(([, v]) => String(v)) : [];
          for (const s of sentences) {
            for (const [, fact] of s.matchAll(/\{\{(\w+)\}\}/g)) {
              if (!facts.includes(fact as never) && !DERIVED.has(fact!)) unworded.push(`${where}: uses {{${fact}}}, which the refusal does not carry`);
            }
          }
        }
      }
      expect(unworded).toEqual([]);
    });
  }
});
