// Scan targets: screens and fields that want scans before the global routing does.
//
// - A hook: `useScanTarget(handler, { kinds })` while a component is mounted (newest first).
//   The handler returns an outcome, or null to let the scan go on to the routing.
// - An attribute on a field: `data-scan-target="insert"` types the scanned code into that
//   field when it has focus (a barcode field in a product form). Any other value makes the
//   scanner fire a cancelable `counterflow:scan` CustomEvent on it (detail: code, parsed);
//   a listener that calls preventDefault() takes the scan (and may set detail.outcome).
import { useLayoutEffect, useRef } from 'react';
import type { RoutedScan, ScanHandler, ScanOutcome, ScanTargetOptions } from './types';

interface Registration {
  handler: { current: ScanHandler };
  options: { current: ScanTargetOptions };
}

const registrations: Registration[] = [];

/** Gives `scan` to registered targets, newest first; null when none took it. */
export async function offerToTargets(scan: RoutedScan): Promise<ScanOutcome | null> {
  for (const reg of [...registrations].reverse()) {
    const kinds = reg.options.current.kinds;
    if (kinds && !kinds.includes(scan.parsed.kind)) continue;
    const outcome = await reg.handler.current(scan);
    if (outcome) return outcome;
  }
  return null;
}

/** Receive scans while mounted. The handler may change between renders; no need to memoise. */
export function useScanTarget(handler: ScanHandler, options: ScanTargetOptions = {}): void {
  const handlerRef = useRef(handler);
  const optionsRef = useRef(options);
  useLayoutEffect(() => {
    handlerRef.current = handler;
    optionsRef.current = options;
  });
  // Registered before the screen paints, so a target that shows can take the next scan.
  useLayoutEffect(() => {
    const reg: Registration = { handler: handlerRef, options: optionsRef };
    registrations.push(reg);
    return () => {
      const i = registrations.indexOf(reg);
      if (i >= 0) registrations.splice(i, 1);
    };
  }, []);
}
