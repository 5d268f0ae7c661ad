// The admin recovery code waiting to be written down: shown once, by RecoveryCodeDialog,
// after set-up or after a forgotten PIN was reset with the previous code. Kept here (not in
// the form that got it) because that form goes away once operators exist.
import { create } from 'zustand';

export const useRecoveryCode = create<{ code: string | null; show(code: string): void; done(): void }>()((set) => ({
  code: null,
  show: (code) => set({ code }),
  done: () => set({ code: null }),
}));
