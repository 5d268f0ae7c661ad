// Window-wide UI state that is not tied to one screen. Screen-specific state (filters,
// selection) lives in a small store beside the screen. Never put database rows here.
import { create } from 'zustand';

interface UiState {
  /** This window holds the `counterflow-leader` lock and runs the timers. */
  leader: boolean;
  setLeader(leader: boolean): void;
}

export const useUiStore = create<UiState>()((set) => ({
  leader: false,
  setLeader: (leader) => set({ leader }),
}));
