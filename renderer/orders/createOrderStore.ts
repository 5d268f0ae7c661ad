// The order being written at the counter. UI state (a draft, not a database row), kept in a
// store so a scan routed from anywhere can add a line: scanning a product again adds one more.
import { create } from 'zustand';
import type { OrderType } from '../../shared/db/rows';

export interface DraftLine {
  key: string;
  sku: string;
  qty: number;
  /** Price per unit (product) or per use (service). */
  unitPrice: number;
  /** Service orders: uses bought (one voucher each). */
  serviceTimes: number;
  /** Service orders: yyyy-mm-dd or ''. */
  validUntil: string;
}

export interface Draft {
  type: OrderType;
  buyerId: string;
  buyerName: string;
  address: string;
  lines: DraftLine[];
}

interface DraftState extends Draft {
  set(patch: Partial<Omit<Draft, 'lines' | 'type'>>): void;
  /** Switching type starts the lines again: product and service lines do not mix. */
  setType(type: OrderType): void;
  /**
   * Adds a line for the sku, or one more of it when it is there already. `priced`: the
   * price came from the code itself (a GS1 DataBar, a price barcode), so only a line at that
   * same price takes one more; another price is a line of its own.
   */
  addSku(sku: string, unitPrice: number, priced?: boolean): void;
  updateLine(key: string, patch: Partial<Omit<DraftLine, 'key'>>): void;
  removeLine(key: string): void;
  reset(): void;
}

const EMPTY: Draft = { type: 'product', buyerId: '', buyerName: '', address: '', lines: [] };

let nextKey = 1;

export const useDraftStore = create<DraftState>()((set) => ({
  ...EMPTY,
  set: (patch) => set(patch),
  setType: (type) => set((s) => (s.type === type ? {} : { type, lines: [] })),
  addSku: (sku, unitPrice, priced = false) =>
    set((s) => {
      const existing = s.lines.find((l) => l.sku === sku && (!priced || l.unitPrice === unitPrice));
      if (existing) return { lines: s.lines.map((l) => (l === existing ? { ...l, qty: l.qty + 1 } : l)) };
      const line: DraftLine = { key: String(nextKey++), sku, qty: 1, unitPrice, serviceTimes: 1, validUntil: '' };
      // A service order has exactly one line: a new product replaces it.
      return { lines: s.type === 'service' ? [line] : [...s.lines, line] };
    }),
  updateLine: (key, patch) => set((s) => ({ lines: s.lines.map((l) => (l.key === key ? { ...l, ...patch } : l)) })),
  removeLine: (key) => set((s) => ({ lines: s.lines.filter((l) => l.key !== key) })),
  reset: () => set(EMPTY),
}));
