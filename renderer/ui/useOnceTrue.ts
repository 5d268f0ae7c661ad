import { useState } from 'react';

/**
 * True from the first render where `when` is true, and for good after. For a dialog loaded
 * on demand (React.lazy): nothing is fetched until it is first wanted, and once there it
 * stays mounted, so it closes with its transition instead of vanishing.
 */
export function useOnceTrue(when: boolean): boolean {
  const [ever, setEver] = useState(when);
  // Setting this component's own state while rendering: React re-renders it at once.
  if (when && !ever) setEver(true);
  return ever || when;
}
