// The boards' filters: UI state, kept for the session (not persisted: a new day starts clean).
import { create } from 'zustand';
import type { OrderType } from '../../shared/db/rows';

export interface BoardFilters {
  type: OrderType;
  /** Column keys to hide; empty shows every column. */
  hiddenColumns: string[];
  buyer: string;
  sku: string;
  /** yyyy-mm-dd from date inputs; '' for open-ended. */
  from: string;
  to: string;
}

interface BoardState extends BoardFilters {
  set(patch: Partial<BoardFilters>): void;
  clear(): void;
}

const EMPTY: Omit<BoardFilters, 'type'> = { hiddenColumns: [], buyer: '', sku: '', from: '', to: '' };

export const useBoardStore = create<BoardState>()((set) => ({
  type: 'product',
  ...EMPTY,
  set: (patch) => set(patch),
  clear: () => set(EMPTY),
}));

export function hasFilters(f: BoardFilters): boolean {
  return f.buyer.trim() !== '' || f.sku.trim() !== '' || f.from !== '' || f.to !== '';
}
