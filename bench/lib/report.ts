// Figures: what every benchmark returns, printed as it goes and gathered into the final
// table and the --json file. A target is printed next to its figure; nothing fails on time.
import { fmt } from './stats';

export interface Target {
  /** The figure should be at most this (times, ratios, memory)... */
  max?: number;
  /** ...or at least this. */
  min?: number;
  /** How the issue states it, e.g. "<= 0.1" or "p95 <= 50 ms". */
  text: string;
}

export interface Figure {
  /** Stable id for the JSON file, e.g. "interpreter.ratio". */
  key: string;
  /** Which benchmark (1..8; 8 is sync) and what it measures, as printed. */
  bench: number;
  label: string;
  /** null when the figure cannot be taken (say why in `note`). */
  value: number | null;
  unit: string;
  target?: Target;
  /**
   * The key of the figure this one is the floor of: the same work done by the platform alone
   * (e.g. the import's rows written by IndexedDB without Dexie or the engine). The README
   * shows it under that figure, so a miss is read beside what it could be at best.
   */
  floorOf?: string;
  /**
   * For a ratio: the keys of the figure and of its floor it divides. The README shows the
   * two under the ratio; the ratio carries the target, so it holds on any machine.
   */
  ratioOf?: { figure: string; floor: string };
  note?: string;
  /** Anything else worth keeping in the JSON (samples, sizes, raw numbers). */
  detail?: Record<string, unknown>;
}

export type Verdict = 'meets' | 'MISSES' | '' | 'n/a';

export function verdict(f: Figure): Verdict {
  if (f.value === null) return 'n/a';
  if (!f.target) return '';
  if (f.target.max !== undefined && f.value > f.target.max) return 'MISSES';
  if (f.target.min !== undefined && f.value < f.target.min) return 'MISSES';
  return 'meets';
}

export function formatValue(f: Figure): string {
  if (f.value === null) return 'n/a';
  return `${fmt(f.value)} ${f.unit}`.trim();
}

export function printFigure(f: Figure): void {
  const target = f.target ? `  (target ${f.target.text}: ${verdict(f)})` : '';
  const note = f.note ? `  — ${f.note}` : '';
  console.log(`    ${f.label.padEnd(52)} ${formatValue(f).padStart(14)}${target}${note}`);
}

export function table(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [String(f.bench), f.label, formatValue(f), f.target?.text ?? '', verdict(f)]);
  const head = ['#', 'figure', 'value', 'target', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The same table as Markdown, for bench/RESULTS.md and the README. */
export function markdownTable(figures: readonly Figure[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const out = ['| # | Figure | Value | Target | | Note |', '|---|---|---:|---|---|---|'];
  for (const f of figures) out.push(`| ${f.bench} | ${esc(f.label)} | ${esc(formatValue(f))} | ${esc(f.target?.text ?? '')} | ${verdict(f)} | ${esc(f.note ?? '')} |`);
  return out.join('\n');
}

/**
 * The figures that have a target, without notes: the README's summary. A ratio is followed
 * by the figure and the floor it divides; any other figure by its floors.
 */
export function headlineTable(figures: readonly Figure[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const out = ['| # | Figure | Value | Target | |', '|---|---|---:|---|---|'];
  const sub = (f: Figure, prefix: string) => out.push(`| ${f.bench} | ↳ ${prefix}${esc(f.label)} | ${esc(formatValue(f))} | | |`);
  for (const f of figures.filter((x) => x.target)) {
    out.push(`| ${f.bench} | ${esc(f.label)} | ${esc(formatValue(f))} | ${esc(f.target!.text)} | ${verdict(f)} |`);
    if (f.ratioOf) {
      const { figure, floor } = f.ratioOf;
      for (const x of figures.filter((y) => y.key === figure)) sub(x, '');
      for (const x of figures.filter((y) => y.key === floor)) sub(x, 'floor: ');
    } else for (const floor of figures.filter((x) => x.floorOf === f.key)) sub(floor, 'floor: ');
  }
  return out.join('\n');
}

/** A ratio figure over two figures of the same run (null when either is missing). */
export function ratioFigure(o: { key: string; bench: number; label: string; figure: Figure; floor: Figure; max: number; note?: string }): Figure {
  const { figure, floor } = o;
  const value = figure.value !== null && floor.value !== null && floor.value > 0 ? figure.value / floor.value : null;
  return {
    key: o.key,
    bench: o.bench,
    label: o.label,
    value,
    unit: '',
    target: { max: o.max, text: `<= ${o.max}` },
    ratioOf: { figure: figure.key, floor: floor.key },
    note: `${formatValue(figure)} / ${formatValue(floor)}${o.note ? `; ${o.note}` : ''}`,
  };
}
