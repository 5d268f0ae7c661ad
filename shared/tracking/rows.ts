// Rows of shipments, their checkpoints and parcel exceptions (Dexie tables from schema v6).
import type { CheckpointKind } from './machine';

export type ShipmentDirection = 'outbound' | 'return';

export interface ParcelRow {
  /** 1, 2, ... within the shipment. */
  no: number;
  weightGrams: number | null;
  /** The parcel's tracking number (the shipment's first one when the carrier gave one for all). */
  trackingNumber: string;
  /** Serial Shipping Container Code (18 digits, GS1 check digit): printed as GS1-128 (00). */
  sscc: string;
}

export interface ShipmentRow {
  id: string;
  orderId: string;
  orderNumber: string;
  direction: ShipmentDirection;
  /** A return's refund sheet (the buyer's "ship back"); absent on outbound shipments. */
  refundId?: string | null;
  carrierId: string;
  service: string | null;
  /** Every parcel's tracking number (multi-entry index: a scan finds its shipment). */
  trackingNumbers: string[];
  /** Every parcel's SSCC (multi-entry index). */
  sscc: string[];
  parcels: ParcelRow[];
  workflowId: string;
  workflowVersion: number;
  state: string;
  stateVersion: number;
  /** Who signed for it (a delivery or a pick-up). */
  signedBy: string | null;
  /** The pending "late" timer, cancelled by the next checkpoint. */
  lateTimerId: string | null;
  lastCheckpointAt: number;
  createdAt: number;
  updatedAt: number;
  commandId: string;
  operator: string;
  deviceId: string;
}

/** One scan of one parcel at a place: append-only. */
export interface CheckpointRow {
  seq?: number;
  id: string;
  shipmentId: string;
  orderId: string;
  parcelNo: number;
  trackingNumber: string;
  kind: CheckpointKind;
  /** Where: this counter, a depot, a vehicle (free text, short). */
  place: string;
  from: string;
  to: string;
  signedBy: string | null;
  at: number;
  operator: string;
  deviceId: string;
  commandId: string;
}

export const EXCEPTION_TYPES = ['late', 'damaged', 'lost', 'refused', 'wrong-address'] as const;
export type ExceptionType = (typeof EXCEPTION_TYPES)[number];

export interface ExceptionNote {
  at: number;
  operator: string;
  text: string;
  /** The action taken with it, if any. */
  action: string | null;
}

export interface ExceptionRow {
  id: string;
  orderId: string;
  orderNumber: string;
  shipmentId: string;
  trackingNumber: string;
  type: ExceptionType;
  workflowId: string;
  workflowVersion: number;
  state: string;
  stateVersion: number;
  /** 1 while not closed: an index over open exceptions (IndexedDB cannot index booleans). */
  open: 0 | 1;
  owner: string | null;
  notes: ExceptionNote[];
  /** The shipment a reship made. */
  reshipmentId: string | null;
  openedAt: number;
  updatedAt: number;
  closedAt: number | null;
}
