// UI state of the Parcels screen: the scan mode, where and who signed, and this session's
// running list (rows live in Dexie; this is only what was scanned here, newest first).
import { create } from 'zustand';
import type { CheckpointKind } from '../../shared/tracking/machine';

export type ParcelMode = Extract<CheckpointKind, 'handover' | 'depot' | 'pickup'>;

export interface ScannedParcel {
  key: number;
  at: number;
  code: string;
  ok: boolean;
  message: string;
  orderId?: string;
  orderNumber?: string;
  shipmentId?: string;
  parcelNo?: number;
  parcels?: number;
  to?: string;
  mode: ParcelMode;
}

interface ParcelsState {
  mode: ParcelMode;
  place: string;
  signedBy: string;
  entries: ScannedParcel[];
  setMode(mode: ParcelMode): void;
  setPlace(place: string): void;
  setSignedBy(name: string): void;
  add(entry: Omit<ScannedParcel, 'key' | 'at'>): void;
  clear(): void;
}

let nextKey = 1;

export const useParcelsStore = create<ParcelsState>()((set) => ({
  mode: 'handover',
  place: '',
  signedBy: '',
  entries: [],
  setMode: (mode) => set({ mode }),
  setPlace: (place) => set({ place }),
  setSignedBy: (signedBy) => set({ signedBy }),
  add: (entry) => set((s) => ({ entries: [{ ...entry, key: nextKey++, at: Date.now() }, ...s.entries].slice(0, 500) })),
  clear: () => set({ entries: [] }),
}));

/** A scanned code as the engine reads it: no FNC1, an SSCC without its (00). */
export function parcelCode(raw: string): string {
  // FNC1 (ASCII GS) separates GS1 fields; an SSCC alone has none worth keeping.
  const code = raw.split(String.fromCharCode(29)).join('').trim();
  return /^00\d{18}$/.test(code) ? code.slice(2) : code;
}
