// What a scan is once read, and what handling it came to. Plain data (it goes to the log).
import type { ParsedBarcode, ParsedKind } from '../../shared/barcode/index';
import type { CapturedScan } from './capture';

export interface RoutedScan {
  /** Order of arrival in this window (1, 2, ...). */
  id: number;
  /** The code as the scanner sent it (prefix and suffix removed). */
  code: string;
  parsed: ParsedBarcode;
  captured: CapturedScan;
}

/**
 * How the UI knows the result is on screen (for the scan-to-screen measurement):
 * 'commit' = an engine write (wait for Dexie's change notice, then the repaint),
 * 'navigate' = a new screen, 'local' = UI state only.
 */
export type Settle = 'commit' | 'navigate' | 'local' | 'none';

export interface ScanOutcome {
  ok: boolean;
  /** One sentence for the toast and the scan log, in the operator's language. */
  message: string;
  /** A short title for the toast ("Order PO-000123", "Action card"...). */
  title?: string;
  settle?: Settle;
  /** For 'commit': the state the screen must show for the result to be on screen. */
  shows?: { entityId: string; state: string };
  /** Overrides the logged screen (e.g. 'scanner-test'). */
  screen?: string;
  /** No sound, flash or toast (the panel that took the scan shows the result itself). */
  quiet?: boolean;
}

/**
 * A component that wants scans (the stock receive panel, the scanner test panel). It gets
 * each scan first, newest registration first; returning null passes the scan on.
 */
export type ScanHandler = (scan: RoutedScan) => ScanOutcome | null | Promise<ScanOutcome | null>;

export interface ScanTargetOptions {
  /** Only these kinds reach the handler (default: every kind). */
  kinds?: readonly ParsedKind[];
}

/** Fired on the focused element (or its `[data-scan-target]` ancestor) before routing. */
export const SCAN_EVENT = 'counterflow:scan';

export interface ScanEventDetail {
  code: string;
  parsed: ParsedBarcode;
  /** A listener that takes the scan calls preventDefault() and may set the outcome. */
  outcome?: ScanOutcome;
}
