// The task monitor's UI state: which timers to show. Rows come from Dexie.
import { create } from 'zustand';
import type { TimerStatus } from '../../shared/db/rows';

export type StatusFilter = TimerStatus | 'all';

interface TaskUiState {
  status: StatusFilter;
  text: string;
  set(patch: Partial<Pick<TaskUiState, 'status' | 'text'>>): void;
}

export const useTaskStore = create<TaskUiState>()((set) => ({
  status: 'pending',
  text: '',
  set: (patch) => set(patch),
}));
