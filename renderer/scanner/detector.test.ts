import { describe, expect, it } from 'vitest';
import { defaultScanProfile, parseScanProfile, ScanDetector, type KeyDecision, type KeyInput } from './detector';
import { mulberry32 } from '../../shared/random';

type Step = { key: string; at: number } & Omit<KeyInput, 'key' | 'time'>;

/** Feeds keys, calling flush() at each step's time first as the UI's timer would. */
function run(detector: ScanDetector, steps: Step[], { timer = true } = {}) {
  const out: Array<{ key: string; decision: KeyDecision } | { flush: string }> = [];
  for (const { key, at, ...flags } of steps) {
    if (timer) {
      const due = detector.deadline();
      if (due !== null && at > due) {
        const flushed = detector.flush(due + 1);
        if (flushed) out.push({ flush: flushed.release });
      }
    }
    out.push({ key, decision: detector.feed({ key, time: at, ...flags }) });
  }
  return out;
}

/** Keys of `text` typed `gap` ms apart from `start`, then `suffix` one gap later. */
function typed(text: string, start: number, gap: number, suffix?: string): Step[] {
  const keys = [...text];
  const steps = keys.map((key, i) => ({ key, at: start + i * gap }));
  if (suffix) steps.push({ key: suffix, at: start + keys.length * gap });
  return steps;
}

/** What ends up in the focused field, given the decisions (held keys suppressed). */
function fieldText(out: ReturnType<typeof run>): string {
  let text = '';
  for (const entry of out) {
    if ('flush' in entry) text += entry.flush;
    else {
      const d = entry.decision;
      if (typeof d === 'object' && 'release' in d) text += d.release;
      const passes = d === 'pass' || (typeof d === 'object' && 'release' in d && d.then === 'pass');
      if (passes && [...entry.key].length === 1) text += entry.key;
    }
  }
  return text;
}

const scans = (out: ReturnType<typeof run>) =>
  out.flatMap((e) => ('decision' in e && typeof e.decision === 'object' && 'scan' in e.decision ? [e.decision.scan] : []));

describe('ScanDetector profile', () => {
  it('validates profiles and fills defaults', () => {
    expect(parseScanProfile({})).toEqual({ ok: true, profile: defaultScanProfile });
    expect(parseScanProfile({ suffix: 'Tab', prefix: '§' })).toEqual({ ok: true, profile: { ...defaultScanProfile, suffix: 'Tab', prefix: '§' } });
    const bad = parseScanProfile({ maxGapMs: -1, minLength: 0.5, suffix: 'enter key', prefix: '\n' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.map((i) => i.path).sort()).toEqual(['$.maxGapMs', '$.minLength', '$.prefix', '$.suffix']);
    expect(parseScanProfile({ suffix: '#', prefix: 'a#' }).ok).toBe(false);
    expect(parseScanProfile(null).ok).toBe(false);
    expect(() => new ScanDetector({ maxGapMs: 0 })).toThrow(RangeError);
  });
});

describe('ScanDetector', () => {
  it('reads a fast sequence ended by Enter as a scan, suppressing every key', () => {
    const d = new ScanDetector();
    const out = run(d, typed('4831092275', 1000, 4, 'Enter'));
    expect(out.slice(0, -1).every((e) => 'decision' in e && e.decision === 'hold')).toBe(true);
    expect(out.at(-1)).toEqual({ key: 'Enter', decision: { scan: { code: '4831092275', startedAt: 1000, endedAt: 1040 } } });
    expect(fieldText(out)).toBe('');
    expect(d.held).toBe('');
  });

  it('lets human typing through, each key given back within maxGapMs', () => {
    const d = new ScanDetector();
    const out = run(d, typed('hello', 0, 150, 'Enter'));
    expect(fieldText(out)).toBe('hello');
    expect(scans(out)).toEqual([]);
    expect(out.at(-1)).toEqual({ key: 'Enter', decision: 'pass' }); // the person's Enter submits
  });

  it('gives a held key back with the next slow key when no timer ran', () => {
    const d = new ScanDetector();
    const out = run(d, typed('ab', 0, 200), { timer: false });
    expect(out).toEqual([
      { key: 'a', decision: 'hold' },
      { key: 'b', decision: { release: 'a', then: 'hold' } },
    ]);
    expect(d.held).toBe('b');
    expect(d.deadline()).toBe(230);
    expect(d.flush(230)).toBeNull(); // not late yet: a gap of exactly maxGapMs is still fast
    expect(d.flush(231)).toEqual({ release: 'b' });
    expect(d.flush(1000)).toBeNull();
  });

  it('never holds whitespace or non-character keys when idle', () => {
    const d = new ScanDetector();
    for (const key of [' ', 'Backspace', 'ArrowLeft', 'F2', 'Escape', 'Enter', 'Tab', 'Unidentified']) {
      expect(d.feed({ key, time: 0 }), key).toBe('pass');
    }
  });

  it('separates a person typing from a scan that follows', () => {
    const d = new ScanDetector();
    const out = run(d, [...typed('PO', 0, 180), ...typed('CF:O:PO-000123', 700, 3, 'Enter')]);
    expect(scans(out).map((s) => s.code)).toEqual(['CF:O:PO-000123']);
    expect(fieldText(out)).toBe('PO');
    // Without a timer the person's last key comes back with the scanner's first.
    const d2 = new ScanDetector();
    const out2 = run(d2, [...typed('PO', 0, 180), ...typed('CF:O:PO-000123', 700, 3, 'Enter')], { timer: false });
    expect(scans(out2).map((s) => s.code)).toEqual(['CF:O:PO-000123']);
    expect(fieldText(out2)).toBe('PO');
    expect(out2[2]).toEqual({ key: 'C', decision: { release: 'O', then: 'hold' } });
  });

  it('reads ten scans in one second as ten scans, in order', () => {
    const d = new ScanDetector();
    const codes = Array.from({ length: 10 }, (_, i) => `40063813${String(i).padStart(5, '0')}`);
    const steps = codes.flatMap((code, i) => typed(code, i * 100, 2, 'Enter')); // 14 keys in 28 ms, every 100 ms
    const out = run(d, steps);
    expect(scans(out).map((s) => s.code)).toEqual(codes);
    expect(fieldText(out)).toBe('');
    // Even back to back with no pause at all, the suffix keeps them apart.
    const d2 = new ScanDetector();
    const tight = codes.flatMap((code, i) => typed(code, i * 28, 2, 'Enter'));
    expect(scans(run(d2, tight)).map((s) => s.code)).toEqual(codes);
  });

  it('keeps spaces and shifted characters inside a scan and ignores modifier keys', () => {
    const d = new ScanDetector();
    const steps: Step[] = [];
    let t = 0;
    for (const ch of 'CF:A:ship the order') {
      if (/[A-Z:]/.test(ch)) steps.push({ key: 'Shift', at: (t += 1) });
      steps.push({ key: ch, at: (t += 2) });
    }
    steps.push({ key: 'Enter', at: (t += 2) });
    expect(scans(run(d, steps))).toEqual([{ code: 'CF:A:ship the order', startedAt: 3, endedAt: t }]);
  });

  it('gives short fast bursts back (minLength)', () => {
    const d = new ScanDetector({ minLength: 4 });
    const out = run(d, typed('abc', 0, 5, 'Enter'));
    expect(out.at(-1)).toEqual({ key: 'Enter', decision: { release: 'abc', then: 'pass' } });
    expect(fieldText(out)).toBe('abc');
    const d2 = new ScanDetector({ minLength: 4 });
    expect(scans(run(d2, typed('abcd', 0, 5, 'Enter')))).toHaveLength(1);
  });

  it('gives the keys back when the suffix comes too late', () => {
    const d = new ScanDetector();
    const out = run(d, [...typed('12345678', 0, 5), { key: 'Enter', at: 200 }], { timer: false });
    expect(out.at(-1)).toEqual({ key: 'Enter', decision: { release: '12345678', then: 'pass' } });
  });

  it('starts over when a gap appears in the middle', () => {
    const d = new ScanDetector();
    const out = run(d, [...typed('1234', 0, 5), ...typed('5678', 100, 5, 'Enter')], { timer: false });
    expect(out[4]).toEqual({ key: '5', decision: { release: '1234', then: 'hold' } });
    expect(scans(out)).toEqual([{ code: '5678', startedAt: 100, endedAt: 120 }]);
  });

  it('supports a Tab suffix (Enter is then an ordinary key)', () => {
    const d = new ScanDetector({ suffix: 'Tab' });
    expect(scans(run(d, typed('SKU-123', 0, 3, 'Tab')))).toEqual([{ code: 'SKU-123', startedAt: 0, endedAt: 21 }]);
    const out = run(d, typed('SKU-123', 100, 3, 'Enter'));
    expect(scans(out)).toEqual([]);
    expect(out.at(-1)).toEqual({ key: 'Enter', decision: { release: 'SKU-123', then: 'pass' } });
    expect(new ScanDetector({ suffix: 'Tab' }).feed({ key: 'Tab', time: 0 })).toBe('pass'); // a person moving focus
  });

  it('supports a character suffix', () => {
    const d = new ScanDetector({ suffix: '#' });
    expect(scans(run(d, typed('12345', 0, 3, '#'))).map((s) => s.code)).toEqual(['12345']);
  });

  describe('with a prefix', () => {
    it('requires the prefix, strips it, and never holds other keys', () => {
      const d = new ScanDetector({ prefix: '§]' });
      expect(scans(run(d, typed('§]4831092275', 0, 3, 'Enter')))).toEqual([{ code: '4831092275', startedAt: 0, endedAt: 36 }]);
      // Same speed without the prefix: not a scan, and nothing was held.
      const out = run(d, typed('4831092275', 100, 3, 'Enter'));
      expect(out.every((e) => 'decision' in e && e.decision === 'pass')).toBe(true);
    });

    it('gives a broken prefix back', () => {
      const d = new ScanDetector({ prefix: '§]' });
      const out = run(d, typed('§x', 0, 3), { timer: false });
      expect(out).toEqual([
        { key: '§', decision: 'hold' },
        { key: 'x', decision: { release: '§', then: 'pass' } },
      ]);
      expect(run(d, [{ key: '§', at: 100 }, { key: 'Enter', at: 102 }]).at(-1)).toEqual({
        key: 'Enter',
        decision: { release: '§', then: 'pass' },
      });
    });

    it('counts minLength without the prefix', () => {
      const d = new ScanDetector({ prefix: '§', minLength: 4 });
      expect(scans(run(d, typed('§123', 0, 3, 'Enter')))).toEqual([]);
      expect(scans(run(d, typed('§1234', 100, 3, 'Enter')))).toHaveLength(1);
    });
  });

  describe('control keys', () => {
    it('gives held keys back before Backspace, arrows, Escape and F-keys, which pass', () => {
      for (const key of ['Backspace', 'ArrowLeft', 'Escape', 'F1', 'Delete', 'Dead', 'Process']) {
        const d = new ScanDetector();
        const out = run(d, [...typed('ab', 0, 5), { key, at: 12 }]);
        expect(out.at(-1), key).toEqual({ key, decision: { release: 'ab', then: 'pass' } });
      }
    });

    it('lets shortcuts through at once (Ctrl+C, Alt+1, Meta+V) but keeps AltGr characters', () => {
      const d = new ScanDetector();
      expect(d.feed({ key: 'c', time: 0, ctrlKey: true })).toBe('pass');
      expect(d.feed({ key: '1', time: 1, altKey: true })).toBe('pass');
      expect(d.feed({ key: 'x', time: 2 })).toBe('hold');
      expect(d.feed({ key: 'v', time: 3, metaKey: true })).toEqual({ release: 'x', then: 'pass' });
      const altGr = run(new ScanDetector(), [
        ...typed('user', 100, 3),
        { key: '@', at: 112, ctrlKey: true, altKey: true },
        ...typed('shop', 115, 3, 'Enter'),
      ]);
      expect(scans(altGr).map((s) => s.code)).toEqual(['user@shop']);
    });

    it('reads FNC1 inside a GS1 scan, sent as Ctrl+] or as a GS character', () => {
      const d = new ScanDetector();
      const steps: Step[] = [...typed('10ABC', 0, 2), { key: ']', at: 10, ctrlKey: true }, ...typed('21X', 12, 2), { key: '\x1d', at: 18 }, ...typed('30', 20, 2, 'Enter')];
      expect(scans(run(d, steps)).map((s) => s.code)).toEqual(['10ABC\x1d21X\x1d30']);
      // Outside a scan both are ordinary keys.
      expect(new ScanDetector().feed({ key: ']', time: 0, ctrlKey: true })).toBe('pass');
      expect(new ScanDetector().feed({ key: '\x1d', time: 0 })).toBe('pass');
    });

    it('treats other control characters and auto-repeat as a person', () => {
      const d = new ScanDetector();
      expect(run(d, [...typed('12', 0, 3), { key: '\x00', at: 7 }]).at(-1)).toEqual({ key: '\x00', decision: { release: '12', then: 'pass' } });
      // Holding a key down repeats it about every 30 ms: never a scan.
      const held = run(new ScanDetector(), [{ key: '1', at: 0 }, ...Array.from({ length: 8 }, (_, i) => ({ key: '1', at: 30 * (i + 1), repeat: true })), { key: 'Enter', at: 270 }]);
      expect(scans(held)).toEqual([]);
      expect(fieldText(held)).toBe('111111111');
    });
  });

  it('hands held keys back on reset (focus change) and survives odd clocks', () => {
    const d = new ScanDetector();
    d.feed({ key: 'a', time: 0 });
    d.feed({ key: 'b', time: 2 });
    expect(d.reset()).toBe('ab');
    expect(d.deadline()).toBeNull();
    expect(d.feed({ key: 'a', time: Number.NaN })).toBe('hold');
    expect(d.feed({ key: 'b', time: Number.NaN })).toEqual({ release: 'a', then: 'hold' });
    const skew = new ScanDetector();
    expect(scans(run(skew, [{ key: '1', at: 10 }, { key: '2', at: 9 }, { key: '3', at: 11 }, { key: '4', at: 12 }, { key: 'Enter', at: 13 }], { timer: false }))).toHaveLength(1);
  });

  it('handles astral characters as one key each and bounds its buffer', () => {
    const d = new ScanDetector({ minLength: 2 });
    expect(scans(run(d, typed('😀😀', 0, 2, 'Enter'))).map((s) => s.code)).toEqual(['😀😀']);
    const long = new ScanDetector();
    const out = run(long, typed('7'.repeat(9000), 0, 0.001, 'Enter'), { timer: false });
    expect(scans(out)).toEqual([]);
    expect(fieldText(out)).toBe('7'.repeat(9000));
  });
});

describe('ScanDetector property test', () => {

  it('recovers every scan in order and every human character, with or without a timer', () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      const rand = mulberry32(seed);
      const int = (n: number) => Math.floor(rand() * n);
      const steps: Step[] = [];
      const expectedScans: string[] = [];
      let human = '';
      let t = 0;
      for (let burst = 0; burst < 20; burst += 1) {
        if (rand() < 0.5) {
          const code = Array.from({ length: 4 + int(20) }, () => String.fromCharCode(0x21 + int(94))).join('');
          t += 40 + int(100);
          steps.push(...typed(code, t, 1 + int(10), 'Enter'));
          t = steps[steps.length - 1].at;
          expectedScans.push(code);
        } else {
          for (let k = int(5); k >= 0; k -= 1) {
            const key = 'abcdefghij 0123456789'[int(21)];
            t += 60 + int(300);
            steps.push({ key, at: t });
            human += key;
          }
        }
      }
      for (const timer of [true, false]) {
        const d = new ScanDetector();
        const out = run(d, steps, { timer });
        const tail = d.flush(t + 1000);
        expect(scans(out).map((s) => s.code), `seed ${seed}`).toEqual(expectedScans);
        expect(fieldText(out) + (tail?.release ?? ''), `seed ${seed}`).toBe(human);
      }
    }
  });
});
