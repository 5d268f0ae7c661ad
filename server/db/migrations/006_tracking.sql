-- Tracking on the server (issues 22 + 24): carriers, shipments, their checkpoints and parcel
-- exceptions, as the counter's rows (`row`, jsonb) with the key columns the server queries
-- and locks by, and the change_seq a pull reads them in.
CREATE TABLE carriers (
  id text PRIMARY KEY,
  row jsonb NOT NULL,
  change_seq bigint NOT NULL DEFAULT nextval('change_seq')
);
CREATE TABLE shipments (
  id text PRIMARY KEY,
  order_id text NOT NULL,
  created_at bigint NOT NULL,
  row jsonb NOT NULL,
  change_seq bigint NOT NULL DEFAULT nextval('change_seq')
);
CREATE INDEX shipments_order_id ON shipments (order_id);
-- A scan finds its shipment by any parcel's tracking number or SSCC (jsonb arrays of text).
CREATE INDEX shipments_tracking_numbers ON shipments USING gin ((row -> 'trackingNumbers'));
CREATE INDEX shipments_sscc ON shipments USING gin ((row -> 'sscc'));
-- Append-only, as the ledger: seq is the server's order, the counter keeps its own number.
CREATE TABLE checkpoints (
  seq bigserial PRIMARY KEY,
  id text NOT NULL UNIQUE,
  shipment_id text NOT NULL,
  row jsonb NOT NULL,
  change_seq bigint NOT NULL DEFAULT nextval('change_seq')
);
CREATE INDEX checkpoints_shipment_id ON checkpoints (shipment_id, seq);
CREATE TABLE exceptions (
  id text PRIMARY KEY,
  shipment_id text NOT NULL,
  row jsonb NOT NULL,
  change_seq bigint NOT NULL DEFAULT nextval('change_seq')
);
CREATE INDEX exceptions_shipment_id ON exceptions (shipment_id);
CREATE INDEX carriers_change_seq ON carriers (change_seq);
CREATE INDEX shipments_change_seq ON shipments (change_seq);
CREATE INDEX checkpoints_change_seq ON checkpoints (change_seq);
CREATE INDEX exceptions_change_seq ON exceptions (change_seq);
