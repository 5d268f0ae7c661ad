// Scan goods' UI state (not database rows): the receipts booked this session, one line per
// product, location and lot; count tallies not yet saved; the quantity key for the next scan.
import { create } from 'zustand';

export type ScanStockMode = 'receive' | 'count';

interface Booked {
  key: number;
  sku: string;
  name: string;
  qty: number;
  /** Scans that make up `qty`. */
  scans: number;
  locationId: string;
  /** Lot from a GS1 code: lots are kept apart on screen. */
  batch?: string;
}

/** The most one scan may stand for (the quantity key times a GS1 count). */
export const MAX_SCAN_QTY = 9999;

interface Tally {
  sku: string;
  name: string;
  locationId: string;
  counted: number;
}

interface ScanStockState {
  mode: ScanStockMode;
  setMode(mode: ScanStockMode): void;
  booked: Booked[];
  /** Adds to the line of the same product, location and lot (moved to the top), or starts one. */
  book(entry: Omit<Booked, 'key' | 'scans'>): Booked;
  /** What the next scan is multiplied by; back to 1 after it. */
  nextQty: number;
  setNextQty(qty: number): void;
  tallies: Tally[];
  tally(sku: string, name: string, locationId: string, qty: number): number;
  clearTallies(keep?: (t: Tally) => boolean): void;
}

let nextKey = 1;

/** UI state only: what this session booked, and tallies not yet saved. Survives leaving the screen. */
export const useScanStockStore = create<ScanStockState>()((set, get) => ({
  mode: 'receive',
  setMode: (mode) => set({ mode }),
  booked: [],
  book: (entry) => {
    const same = (b: Booked) => b.sku === entry.sku && b.locationId === entry.locationId && b.batch === entry.batch;
    const existing = get().booked.find(same);
    const line: Booked = existing ? { ...existing, qty: existing.qty + entry.qty, scans: existing.scans + 1 } : { ...entry, scans: 1, key: nextKey++ };
    set((s) => ({ booked: [line, ...s.booked.filter((b) => !same(b))].slice(0, 50) }));
    return line;
  },
  nextQty: 1,
  setNextQty: (qty) => set({ nextQty: Number.isInteger(qty) && qty >= 1 && qty <= MAX_SCAN_QTY ? qty : 1 }),
  tallies: [],
  tally: (sku, name, locationId, qty) => {
    const existing = get().tallies.find((t) => t.sku === sku && t.locationId === locationId);
    const counted = (existing?.counted ?? 0) + qty;
    set((s) => ({
      tallies: existing ? s.tallies.map((t) => (t === existing ? { ...t, counted } : t)) : [...s.tallies, { sku, name, locationId, counted }],
    }));
    return counted;
  },
  clearTallies: (keep) => set((s) => ({ tallies: keep ? s.tallies.filter(keep) : [] })),
}));
