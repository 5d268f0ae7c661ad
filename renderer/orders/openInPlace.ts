// A label scanned on another order's page: that page shows the new order at once, in its own
// synchronous render, and the router's navigation (history.pushState, route matching, the
// routes' re-render and their context changes) follows in a task after that frame. The
// address and the history end as before (a new entry: Back goes to the previous order), one
// frame later; for that frame the previous order's address shows the new order.
import { useSyncExternalStore } from 'react';
import { flushSync } from 'react-dom';

let shown: { from: string; to: string } | null = null;
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};
const snapshot = () => shown;

/** The order the page at `routeId` shows: the route's, or the one a label opens in its place. */
export function useShownOrderId(routeId: string): string {
  const now = useSyncExternalStore(subscribe, snapshot);
  return now && now.from === routeId ? now.to : routeId;
}

/** Shows order `to` on the mounted page of order `from`, rendered now; false when there is none. */
export function showInPlace(from: string, to: string): boolean {
  if (listeners.size === 0 || document.visibilityState === 'hidden') return false;
  shown = { from, to };
  flushSync(() => listeners.forEach((l) => l()));
  return true;
}

/** The router is at the order's own address (or went elsewhere): the route's order again. */
export function endInPlace(): void {
  if (!shown) return;
  shown = null;
  listeners.forEach((l) => l());
}

/** Resolves in a task after the next frame has been drawn. */
export function afterFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
