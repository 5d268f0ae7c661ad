// The chunk reader.ts loads: what reads a scanned code. Its own module so the chunk has a
// name of its own (codeReader-*.js), which e2e/scan-while-loading.spec.ts holds back.
export { parseBarcode } from '../../shared/barcode/parse';
