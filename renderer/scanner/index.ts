// The scanner, for the rest of the app: mount ScannerProvider once at the root; screens and
// fields opt in to scans with useScanTarget(handler) or a `data-scan-target` attribute.
export { ScannerProvider, useSavedScanProfile, type ScanRouter } from './ScannerProvider';
export { ScannerTestPanel } from './ScannerTestPanel';
export { ScanReceivePanel } from './ScanReceivePanel';
export { useScanStockStore, type ScanStockMode } from './scanStockStore';
export { useScanTarget } from './targets';
export { useScannerStore, type ScanLocation } from './scannerStore';
export { findScannedProduct, type ScannedProduct } from './products';
export { SCAN_EVENT, type RoutedScan, type ScanEventDetail, type ScanHandler, type ScanOutcome } from './types';
