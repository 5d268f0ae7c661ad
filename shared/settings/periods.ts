// Timer periods by name. Definitions name the periods they use; their lengths are settings,
// with the production values as the default and a demo preset for trying flows by hand.
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type Periods = Record<string, number>;
export type PeriodPreset = 'production' | 'demo';

export const PERIOD_PRESETS: Record<PeriodPreset, Periods> = {
  production: {
    payment: 24 * HOUR,
    sellerResponse: 3 * DAY,
    buyerResponse: 3 * DAY,
    autoAck: 15 * DAY,
    extensionWindow: 7 * DAY,
    extension: 3 * DAY,
    refundWindow: 7 * DAY,
  },
  demo: {
    payment: 2 * MINUTE,
    sellerResponse: MINUTE,
    buyerResponse: MINUTE,
    autoAck: 3 * MINUTE,
    extensionWindow: MINUTE,
    extension: MINUTE,
    refundWindow: 2 * MINUTE,
  },
};

export function periodLength(periods: Periods, name: string): number {
  const ms = periods[name];
  if (ms === undefined) throw new Error(`No length is set for period "${name}"`);
  return ms;
}
