// The scan flash: a thick coloured frame around the whole window for a moment. Its opacity
// is stepped by timers, not by a CSS animation: while an animation runs on the page, every
// key press (the next scan's keys, 0.5 s later, while a 0.7 s flash still ran) needs a new
// frame, and Chromium holds the page's other work back until that frame is drawn, the
// next scan's IndexedDB answers among it: up to ~10 ms a scan (bench/RESULTS.md).
import { useEffect, useState } from 'react';
import classes from './ScanFeedback.module.css';

/** [opacity, ms] steps. Accepted: on, then off. Refused: blinks twice, it must be noticed. */
const STEPS: Record<'ok' | 'error' | 'reduced', ReadonlyArray<readonly [number, number]>> = {
  ok: [[1, 700]],
  error: [
    [1, 220],
    [0.15, 220],
    [1, 660],
  ],
  reduced: [[1, 1200]],
};

const reducedMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

/** One flash; mount it anew (keyed by the scan) for the next. */
export function ScanFlash({ ok }: { ok: boolean }) {
  const [steps] = useState(() => STEPS[reducedMotion() ? 'reduced' : ok ? 'ok' : 'error']);
  const [index, setIndex] = useState(0);
  useEffect(() => {
    if (index >= steps.length) return;
    const timer = setTimeout(() => setIndex(index + 1), steps[index]![1]);
    return () => clearTimeout(timer);
  }, [index, steps]);
  return <div className={`${classes.flash} ${ok ? classes.ok : classes.error}`} style={{ opacity: steps[index]?.[0] ?? 0 }} data-testid="scan-flash" />;
}
