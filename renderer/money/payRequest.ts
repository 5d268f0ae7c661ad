// One way to take a payment: when the current role is offered "payment successful", the
// payment panel does not show a second form of its own; its button asks the action panel to
// open that action's form (the same command), which takes the focus.
import { create } from 'zustand';

interface PayRequest {
  /** Bumped on every request; the action panel opens the form when it changes. */
  seq: number;
  orderId: string | null;
  request: (orderId: string) => void;
}

export const usePayRequest = create<PayRequest>((set) => ({
  seq: 0,
  orderId: null,
  request: (orderId) => set((s) => ({ seq: s.seq + 1, orderId })),
}));
