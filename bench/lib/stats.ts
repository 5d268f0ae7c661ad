// Small statistics and formatting helpers shared by the Node and browser sides of the bench.
// Pure functions only: the browser bench page imports this file too.

export function quantile(values: readonly number[], q: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest-rank on the sorted sample (p95 of 20 values is the 19th), stable for small n.
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);
export const p95 = (values: readonly number[]): number => quantile(values, 0.95);
export const mean = (values: readonly number[]): number => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN);
export const max = (values: readonly number[]): number => (values.length ? Math.max(...values) : NaN);

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
  mean: number;
}

export function summarize(values: readonly number[]): Summary {
  return { n: values.length, p50: median(values), p95: p95(values), min: values.length ? Math.min(...values) : NaN, max: max(values), mean: mean(values) };
}

/** 1234567 -> "1 234 567"; 12.345 -> "12.3" (3 significant digits under 100). */
export function fmt(value: number, digits?: number): string {
  if (!Number.isFinite(value)) return String(value);
  const d = digits ?? (Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 3);
  const [int, frac] = value.toFixed(d).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return frac ? `${grouped}.${frac}` : grouped;
}
