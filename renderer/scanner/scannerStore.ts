// Scanner UI state (never rows): where scanned goods go, which line or refund sheet action
// cards aim at, a profile being tried out in the test panel, sound on/off, and the last
// result for the flash and the status line.
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { EntityRef } from '../../shared/db/rows';
import type { ScanProfile } from './detector';

export interface ScanLocation {
  id: string;
  name: string;
}

/** A line or refund sheet scanned by its label: the next action cards prefer it. */
export interface ScanFocus {
  ref: EntityRef;
  orderId: string;
}

export interface LastScan {
  id: number;
  ok: boolean;
  message: string;
}

interface ScannerState {
  /** Set by scanning a location label; products scanned next are received or counted there. */
  location: ScanLocation | null;
  setLocation(location: ScanLocation | null): void;
  focus: ScanFocus | null;
  setFocus(focus: ScanFocus | null): void;
  /** A profile the test panel is trying (not yet saved); wins over the saved one. */
  trial: ScanProfile | null;
  setTrial(profile: ScanProfile | null): void;
  muted: boolean;
  setMuted(muted: boolean): void;
  last: LastScan | null;
  /** Scans fully handled (routed, logged) in this window. */
  handled: number;
  finished(last: LastScan): void;
}

export const useScannerStore = create<ScannerState>()(
  persist(
    (set) => ({
      location: null,
      setLocation: (location) => set({ location }),
      focus: null,
      setFocus: (focus) => set({ focus }),
      trial: null,
      setTrial: (trial) => set({ trial }),
      muted: false,
      setMuted: (muted) => set({ muted }),
      last: null,
      handled: 0,
      finished: (last) => set((s) => ({ last, handled: s.handled + 1 })),
    }),
    {
      name: 'counterflow.scanner',
      storage: createJSONStorage(() => localStorage),
      version: 1,
      // Only the preferences survive a restart; a location is re-scanned each session.
      partialize: (s) => ({ muted: s.muted }),
    },
  ),
);
