// The settings every order command decides with (timer periods, the device's order-number
// prefix, how lines take stock, the counter's UTC offset), read in one request inside the
// command's own transaction.
import type { CounterDb } from '../db/database';
import type { AllocationStrategy } from '../inventory/work';
import { PERIOD_PRESETS, type PeriodPreset, type Periods } from '../settings/periods';
import { settingSchemas } from '../settings/settings';

export interface CommandSettings {
  /** The preset the periods start from (the demo preset also shortens timer retries). */
  preset: PeriodPreset;
  periods: Periods;
  devicePrefix: string;
  strategy: AllocationStrategy;
  /** The counter's UTC offset in minutes (0 = UTC when unset): where a valid-until day ends. */
  utcOffsetMinutes: number;
}

/** The setting keys a command decides with, in the order `commandSettingsOf` takes them. */
export const COMMAND_SETTING_KEYS = ['periodPreset', 'periods', 'devicePrefix', 'allocationStrategy', 'utcOffsetMinutes'] as const;

/** The settings from their stored values (undefined = not set), whatever the storage. */
export function commandSettingsOf(values: ReadonlyArray<{ value: unknown } | undefined>): CommandSettings {
  const [presetRow, custom, prefix, strategy, offset] = values;
  const preset: PeriodPreset = presetRow?.value === 'demo' ? 'demo' : 'production';
  return {
    preset,
    periods: { ...PERIOD_PRESETS[preset], ...((custom?.value as Periods | undefined) ?? {}) },
    devicePrefix: (prefix?.value as string | undefined) ?? '',
    strategy: strategy?.value === 'most-stock' ? 'most-stock' : 'priority',
    utcOffsetMinutes: settingSchemas.utcOffsetMinutes.safeParse(offset?.value).data ?? 0,
  };
}

/** One `bulkGet` (a Dexie promise, so a transaction that awaits it stays its own). */
export function readCommandSettings(db: CounterDb): Promise<CommandSettings> {
  return db.settings.bulkGet([...COMMAND_SETTING_KEYS]).then(commandSettingsOf);
}
