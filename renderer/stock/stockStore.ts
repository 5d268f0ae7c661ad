// The stock screen's UI state: filters, the sku whose ledger is open, and which form is
// open (prefilled from a row). Rows themselves always come from Dexie, never from here.
import { create } from 'zustand';

export type MovementKind = 'receive' | 'adjust' | 'transfer' | 'count';
export type StockDialog =
  | { kind: MovementKind; sku?: string; locationId?: string }
  | { kind: 'product'; sku?: string }
  | { kind: 'location'; change?: boolean }
  | { kind: 'import'; what: 'products' | 'levels' }
  | { kind: 'check' };

interface StockUiState {
  query: string;
  locationId: string | null;
  lowOnly: boolean;
  ledgerSku: string | null;
  dialog: StockDialog | null;
  set(patch: Partial<Pick<StockUiState, 'query' | 'locationId' | 'lowOnly'>>): void;
  openLedger(sku: string | null): void;
  open(dialog: StockDialog | null): void;
}

export const useStockStore = create<StockUiState>()((set) => ({
  query: '',
  locationId: null,
  lowOnly: false,
  ledgerSku: null,
  dialog: null,
  set: (patch) => set(patch),
  openLedger: (ledgerSku) => set({ ledgerSku }),
  open: (dialog) => set({ dialog }),
}));
