// Keyboard-wedge scan detection: a pure state machine, no DOM. The UI feeds it keydown
// events ({ key, time } plus modifier flags) and obeys its decision for each key.
//
// A USB/Bluetooth scanner "types" a code a few milliseconds per character and ends it
// with a suffix key (Enter by default). A person types 60+ ms apart. So characters that
// arrive at most `maxGapMs` apart form a candidate, and a candidate of at least
// `minLength` characters ended by the suffix (also in time) is a scan.
//
// The first character. Whether a character starts a scan is only known when the next
// one arrives, so a candidate's first character is HELD too (the UI suppresses it) and
// given back, at the latest `maxGapMs` later: either when the next key comes late (the
// decision for that key carries `release`), or when the UI's timer calls `flush(time)`
// at `deadline()`. A person's keystroke is thus delayed by about 30 ms, which nobody
// notices, and no scanned character ever leaks into a field or triggers a shortcut.
// Whitespace never starts a candidate (no barcode starts with it, and Space on a
// focused button must act at once). With a `prefix` in the profile (scanner programmed
// to send e.g. "§" first) only the prefix starts a candidate, so people's keys are
// never held at all.
//
// What the UI does with a decision:
//   'pass'                 let the key do what it normally does
//   'hold'                 preventDefault: the key may belong to a scan
//   { scan }               preventDefault on the suffix and act on scan.code
//   { release, then }      type `release` where the person was typing (they were held
//                          keys after all), then treat this key as `then` says
// Keys are never reordered: released text always precedes the key that released it.
import { z } from 'zod';

export interface ScanProfile {
  /** Largest gap between two keys of one scan, in ms. */
  maxGapMs: number;
  /** Fewest characters a scan has (not counting prefix and suffix). */
  minLength: number;
  /** KeyboardEvent.key that ends a scan: 'Enter', 'Tab', or a single character. */
  suffix: string;
  /** Characters the scanner sends before each code, if it is programmed to. */
  prefix?: string;
}

export const defaultScanProfile: ScanProfile = { maxGapMs: 30, minLength: 4, suffix: 'Enter' };

/** A named key ('Enter', 'F12', 'ArrowLeft') or exactly one character (code point). */
const isKeyValue = (key: string): boolean => /^[A-Z][A-Za-z0-9]+$/.test(key) || [...key].length === 1;

// Unicode's Cc category: C0 controls, DEL and C1 controls.
const CONTROL = /\p{Cc}/u;

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

export interface KeyInput {
  /** KeyboardEvent.key */
  key: string;
  /** KeyboardEvent.timeStamp (ms, monotonic) */
  time: number;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  /** KeyboardEvent.repeat: auto-repeat of a held key is always a person. */
  repeat?: boolean;
}

export interface Scan {
  code: string;
  /** Time of the scan's first key (its prefix, if any). */
  startedAt: number;
  /** Time of the suffix. */
  endedAt: number;
}

export type KeyDecision = 'pass' | 'hold' | { scan: Scan } | { release: string; then: 'pass' | 'hold' };

/** The ASCII group separator (GS1 FNC1). */
const GS = '\x1d';
const MODIFIERS = new Set([
  'Shift',
  'Control',
  'Alt',
  'AltGraph',
  'Meta',
  'OS',
  'Super',
  'Hyper',
  'Fn',
  'FnLock',
  'CapsLock',
  'NumLock',
  'ScrollLock',
  'Symbol',
  'SymbolLock',
]);
/** A DataMatrix holds ~3,100 characters; beyond this it is not a scan. */
const MAX_BUFFER = 8192;

interface Candidate {
  /** Every held character, prefix included, in order: what a release gives back. */
  held: string;
  startedAt: number;
  lastAt: number;
  /** How many characters of the prefix have matched so far. */
  prefixMatched: number;
}

export class ScanDetector {
  readonly profile: Readonly<ScanProfile>;
  private readonly prefix: string[];
  private candidate: Candidate | null = null;
  /** Time of the last key of an over-long burst: it passes untouched until a pause. */
  private spillAt: number | null = null;

  /** Throws a RangeError for an invalid profile; missing fields take the defaults. */
  constructor(profile: Partial<ScanProfile> = {}) {
    const check = parseScanProfile(profile);
    if (!check.ok) throw new RangeError(`invalid scan profile: ${check.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`);
    this.profile = Object.freeze({ ...check.profile });
    this.prefix = [...(check.profile.prefix ?? '')];
  }

  /** The characters currently held back from the UI. */
  get held(): string {
    return this.candidate?.held ?? '';
  }

  /** When `flush` will give held keys back (call it from a timer then), or null. */
  deadline(): number | null {
    return this.candidate ? this.candidate.lastAt + this.profile.maxGapMs : null;
  }

  /** Gives held keys back if the candidate has gone quiet for longer than maxGapMs. */
  flush(time: number): { release: string } | null {
    if (!this.candidate || !(time - this.candidate.lastAt > this.profile.maxGapMs)) return null;
    return { release: this.take() };
  }

  /** Drops the candidate (focus moved, window blurred) and returns what was held. */
  reset(): string {
    this.spillAt = null;
    return this.take();
  }

  feed(input: KeyInput): KeyDecision {
    const { key, time } = input;
    if (typeof key !== 'string' || MODIFIERS.has(key)) return 'pass';
    if (this.spillAt !== null) {
      if (time - this.spillAt <= this.profile.maxGapMs) {
        this.spillAt = time;
        return 'pass';
      }
      this.spillAt = null;
    }

    const current = this.candidate;
    // A late key, or a clock that cannot be compared (NaN), ends the candidate;
    // a key stamped earlier than the previous one (clock skew) counts as in time.
    const inTime = current !== null && time - current.lastAt <= this.profile.maxGapMs;

    const ctrl = input.ctrlKey === true;
    const alt = input.altKey === true;
    // Ctrl+Alt together is AltGr on Windows: a character, not a shortcut.
    const shortcut = input.metaKey === true || ctrl !== alt;
    if (shortcut || input.repeat === true) {
      // Scanners send FNC1 as Ctrl+] (ASCII GS) inside GS1 codes.
      if (ctrl && !alt && key === ']' && current && inTime && !this.inPrefix(current)) return this.append(GS, time);
      return this.end('pass');
    }

    if (key === this.profile.suffix) {
      if (current && inTime && !this.inPrefix(current)) {
        const code = current.held.slice(this.prefix.join('').length);
        if ([...code].length >= this.profile.minLength) {
          this.candidate = null;
          return { scan: { code, startedAt: current.startedAt, endedAt: time } };
        }
      }
      return this.end('pass');
    }

    const isChar = [...key].length === 1 && (key === GS || !CONTROL.test(key));
    if (!isChar) return this.end('pass'); // Backspace, arrows, F-keys, Escape, Dead...

    if (current && inTime) {
      if (!this.inPrefix(current)) return this.append(key, time);
      if (key === this.prefix[current.prefixMatched]) {
        current.prefixMatched += 1;
        return this.append(key, time);
      }
    }
    // This key cannot continue the candidate: give back what was held, and see
    // whether this key starts a new one.
    const released = this.take();
    const then = this.start(key, time) ? 'hold' : 'pass';
    return released ? { release: released, then } : then;
  }

  private inPrefix(c: Candidate): boolean {
    return c.prefixMatched < this.prefix.length;
  }

  private start(key: string, time: number): boolean {
    const starts = this.prefix.length > 0 ? key === this.prefix[0] : key !== GS && key.trim() !== '';
    if (starts) this.candidate = { held: key, startedAt: time, lastAt: time, prefixMatched: this.prefix.length > 0 ? 1 : 0 };
    return starts;
  }

  private append(ch: string, time: number): KeyDecision {
    const c = this.candidate;
    if (!c) return this.end('pass');
    if (c.held.length + ch.length > MAX_BUFFER) {
      this.spillAt = time;
      return this.end('pass');
    }
    c.held += ch;
    c.lastAt = time;
    return 'hold';
  }

  private end(then: 'pass'): KeyDecision {
    const released = this.take();
    return released ? { release: released, then } : then;
  }

  private take(): string {
    const held = this.candidate?.held ?? '';
    this.candidate = null;
    return held;
  }
}
