// Clock and durations. One shared ticker drives every countdown on screen, so a board with
// fifty cards re-renders once a second, not fifty times at random moments.
import { DEFAULT_CURRENCY, formatMoney as plainMoney, type CurrencyDigits } from '../../shared/money';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALE, type Language } from '../i18n';
import { remembering } from './remembering';

const listeners = new Set<() => void>();
let now = Date.now();
let ticker: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!ticker) {
    ticker = setInterval(() => {
      now = Date.now();
      listeners.forEach((l) => l());
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (!listeners.size && ticker) {
      clearInterval(ticker);
      ticker = null;
    }
  };
}

/** The current time, updated every second while anything is watching. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}

// Intl formatters are costly to build (~0.1 ms each) and every card on a board formats a
// few values each second: build each (locale, options) once.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

type Unit = 'day' | 'hour' | 'minute' | 'second';

// "23 hr": a board formats the same few amounts for every card, each second.
const unitText = remembering((locale: string, unit: Unit, value: number) =>
  numberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 0 }).format(value),
);

const STEPS: Array<[Unit, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/**
 * "23 hr", "2 days", "5 min", "40 sec": the largest unit, and a second one when it helps
 * (unless `compact`, for tight places such as board cards).
 */
export function formatDuration(ms: number, locale: string, compact = false): string {
  const abs = Math.max(0, Math.abs(ms));
  const fmt = (value: number, unit: Unit) => unitText(locale, unit, value);
  for (let i = 0; i < STEPS.length; i++) {
    const [unit, size] = STEPS[i]!;
    if (abs >= size || unit === 'second') {
      const whole = Math.floor(abs / size);
      const next = STEPS[i + 1];
      // "1 day 4 hr" reads better than "1 day" when the remainder matters.
      if (next && whole < 3 && !compact) {
        const rest = Math.floor((abs - whole * size) / next[1]);
        if (rest > 0) return `${fmt(whole, unit)} ${fmt(rest, next[0])}`;
        return fmt(whole, unit);
      }
      // A single large unit: round, so 6 days 23 hours reads "7 days", not "6 days".
      return fmt(Math.round(abs / size), unit);
    }
  }
  return fmt(0, 'second');
}

export function useLocale(): { lang: Language; locale: string } {
  const { i18n } = useTranslation();
  const lang: Language = i18n.resolvedLanguage === 'zh' ? 'zh' : 'en';
  return { lang, locale: LOCALE[lang] };
}

export function formatDateTime(at: number, locale: string): string {
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(at);
}

/** Minor units (shared/money.ts) as a person reads them in their locale ("1,234.50").
 *  Intl is handed the exact decimal text, never a division that could round. */
export function formatMoney(minor: number, locale: string, digits: CurrencyDigits = DEFAULT_CURRENCY.digits): string {
  const text = plainMoney(minor, digits) as `${number}`;
  return numberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(text);
}
