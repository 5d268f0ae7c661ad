// Inventory: products, locations, the stock ledger, reservations and allocation.
export { allocate, rankLocations, type AllocationPart, type AllocationPlan } from './allocate';
export { barcodeForms, barcodeKey, barcodeProblem, MAX_BARCODE_LENGTH } from './barcodes';
export { availableOf, levelOf } from './book';
export { addLocation, addProduct, barcodeOwner, putProduct, type ProductWriteMode } from './catalog';
export * from './csv';
export * from './levels';
export { adjust, count, receive, restock, shipReservation, transfer, type OrderLink } from './movements';
export { isStockRefusal, StockRefusal, type AvailableAt, type InsufficientStockDetails, type StockRefusalCode } from './refusals';
export * from './reservations';
export * from './schemas';
export * from './store';
export * from './work';
