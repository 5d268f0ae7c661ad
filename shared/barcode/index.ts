// Barcode reading and label payloads: pure functions, no DOM, no Node.
export * from './types';
export {
  ean13CheckDigit,
  ean8CheckDigit,
  upcaCheckDigit,
  gtin14CheckDigit,
  gs1CheckDigit,
  withCheckDigit,
  verifyCheckDigit,
  toGtin14,
  type CheckDigitVerdict,
} from './checkDigit';
export {
  defaultNomenclature,
  nomenclatureSchema,
  barcodeRuleSchema,
  parseNomenclature,
  compilePattern,
  type BarcodeRule,
  type Nomenclature,
  type NomenclatureCheck,
} from './nomenclature';
export { GS, GS1_SYMBOLOGIES, parseGs1, toElementString, type Gs1ParseOptions } from './gs1';
export { labelPayload, labelSchema, LABEL_TAGS, ORDER_NUMBER, VOUCHER_CODE } from './labels';
export { parseBarcode, MAX_BARCODE_LENGTH, type ParseOptions } from './parse';
export { describeBarcode, type ScanMessage, type ScanMessageKey } from './describe';
