// The built-in shipment and exception workflows (data in shared/workflows/), checked whole
// once: a broken built-in is a bug, so it throws.
import exceptionJson from '../workflows/exception.json';
import shipmentJson from '../workflows/shipment.json';
import { compileTracking, type TrackingMachine } from './machine';

let cache: { shipment: TrackingMachine; exception: TrackingMachine } | null = null;

export function trackingMachines(): { shipment: TrackingMachine; exception: TrackingMachine } {
  cache ??= { shipment: compileTracking(shipmentJson), exception: compileTracking(exceptionJson) };
  return cache;
}
