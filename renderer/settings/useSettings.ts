// The device's settings, read live from Dexie (the engine writes them with setSetting).
import { useLiveQuery } from 'dexie-react-hooks';
import type { SettingKey, SettingValue } from '../../shared/settings/settings';
import { db } from '../db';

export type StoredSettings = { [K in SettingKey]?: SettingValue<K> };

const KEYS: SettingKey[] = ['periodPreset', 'periods', 'deviceName', 'devicePrefix', 'allocationStrategy', 'sscc', 'parcelLateAfterMs'];

export function useSettings(): StoredSettings | undefined {
  return useLiveQuery(async () => {
    const rows = await db.settings.bulkGet(KEYS);
    const out: Record<string, unknown> = {};
    rows.forEach((row, i) => {
      if (row) out[KEYS[i]!] = row.value;
    });
    return out as StoredSettings;
  }, []);
}
