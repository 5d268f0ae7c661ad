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

/** setSetting messages start with the key ("devicePrefix: use up to 4 ..."): the field shows the rest. */
export function fieldMessage(key: string, message: string): string {
  return message.startsWith(`${key}: `) ? message.slice(key.length + 2) : message;
}
