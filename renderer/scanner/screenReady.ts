// Screens load on demand, and a navigation renders as a transition: for a moment the router is
// at the new path while the old screen still shows. A scan that arrives then waits for the new
// screen (for a bounded time), so the screen the clerk just opened takes it, rather than the
// global routing answering "scan it on Scan goods" while Scan goods is what is opening.
import { useLayoutEffect } from 'react';

/** How long a scan waits for a screen before the routing takes it anyway. */
export const SCREEN_WAIT_MS = 5_000;

/** The path of the screen on the page now; null when no screen outlet is mounted. */
let shownPath: string | null = null;
let outletMounted = false;
let waiters: Array<() => void> = [];

/** In the frame around the screens, outside their Suspense boundary. */
export function useScreenOutlet(): void {
  useLayoutEffect(() => {
    outletMounted = true;
    return () => {
      outletMounted = false;
      wake();
    };
  }, []);
}

/**
 * Beside the screen, inside its Suspense boundary: commits together with the screen, so it
 * runs once that path's screen (and its scan targets, whose layout effects follow) is there.
 */
export function useScreenShown(pathname: string): void {
  useLayoutEffect(() => {
    shownPath = pathname;
    wake();
  }, [pathname]);
}

function wake(): void {
  const pending = waiters;
  waiters = [];
  // Resumed as microtasks: after this commit's remaining layout effects have run.
  for (const check of pending) check();
}

/** Resolves once the screen for `currentPath()` shows (or none can), or after `maxMs`. */
export function screenReady(currentPath: () => string, maxMs = SCREEN_WAIT_MS): Promise<void> {
  const ready = () => !outletMounted || shownPath === currentPath();
  if (ready()) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      waiters = waiters.filter((w) => w !== check);
      resolve();
    }, maxMs);
    const check = () => {
      if (!ready()) {
        waiters.push(check);
        return;
      }
      clearTimeout(timer);
      resolve();
    };
    waiters.push(check);
  });
}
