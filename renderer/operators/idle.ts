// Idle lock: the counter locks after the configured time without a key, click, touch or
// scan. Activity is heard on the window in the capture phase, registered when this module
// loads, so it comes before the scanner's listener (which stops the keys of a scan).
import { useEffect } from 'react';
import { lock, useSession } from './session';

let lastActivity = Date.now();
const touch = () => {
  lastActivity = Date.now();
};
for (const type of ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const) {
  window.addEventListener(type, touch, { capture: true, passive: true });
}

/** Locks this window after `seconds` idle while someone is signed in (0 or undefined: never). */
export function useIdleLock(seconds: number | undefined): void {
  const signedIn = useSession((s) => s.me !== null && s.anyOperators === true);
  useEffect(() => {
    if (!signedIn || !seconds) return;
    touch(); // the time counts from the sign-in, or from this setting's change
    const check = setInterval(() => {
      if (Date.now() - lastActivity >= seconds * 1000) void lock('idle');
    }, 500);
    return () => clearInterval(check);
  }, [signedIn, seconds]);
}
