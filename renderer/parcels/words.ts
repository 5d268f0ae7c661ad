// Parcel words: shipment and exception states. Tracking refusals (a parcel in the wrong state,
// a bad tracking number) are worded where every refusal is, renderer/ui/refusal.ts with the
// `refusal.*` words, so a screen here words them with useRefusalText like any other.
import type { TFunction } from 'i18next';

export function stateWord(t: TFunction, machine: string, state: string): string {
  return t(`parcels.state.${machine}.${state}`, { defaultValue: state });
}
