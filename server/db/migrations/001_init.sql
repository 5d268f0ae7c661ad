-- The counter's tables on PostgreSQL: each row's key columns (what the server queries and
-- locks by) and the row itself as the shared types define it (`row`, jsonb). Every write
-- takes the next value of one global sequence (change_seq): a pull reads the rows changed
-- after a cursor, in the order they were written.
CREATE SEQUENCE change_seq;

CREATE TABLE orders (
  id text PRIMARY KEY,
  number text NOT NULL UNIQUE,
  type text NOT NULL,
  state text,
  row jsonb NOT NULL,
  change_seq bigint NOT NULL DEFAULT nextval('change_seq')
);
CREATE TABLE items (
  id text PRIMARY KEY,
  order_id text NOT NULL,
  sku text NOT NULL,
  row jsonb NOT NULL,
  change_seq bigint NOT NULL DEFAULT nextval('change_seq')
);
CREATE INDEX items_order_id ON items (order_id);
CREATE TABLE refunds (
  id text PRIMARY KEY,
  order_id text NOT NULL,
  row jsonb NOT NULL,
  change_seq bigint NOT NULL DEFAULT nextval('change_seq')
);
CREATE INDEX refunds_order_id ON refunds (order_id);
CREATE TABLE vouchers (
  code text PRIMARY KEY,
  order_id text NOT NULL,
  row jsonb NOT NULL,
  change_seq bigint NOT NULL DEFAULT nextval('change_seq')
);
CREATE INDEX vouchers_order_id ON vouchers (order_id);
CREATE TABLE timers (
  id text PRIMARY KEY,
  order_id text NOT NULL,
  status text NOT NULL,
  due_at bigint NOT NULL,
  row jsonb NOT NULL,
  change_seq bigint NOT NULL DEFAULT nextval('change_seq')
);
CREATE INDEX timers_order_id ON timers (order_id);
CREATE INDEX timers_due ON timers (status, due_at);
-- One row per command and order (EventBatchRow), append-only; seq is the row's number.
CREATE TABLE events (
  seq bigserial PRIMARY KEY,
  order_id text NOT NULL,
  command_id text NOT NULL,
  row jsonb NOT NULL,
  change_seq bigint NOT NULL DEFAULT nextval('change_seq')
);
CREATE INDEX events_order_id ON events (order_id, seq);
-- A command applied once: its stored result answers a repeat.
CREATE TABLE commands (
  id text PRIMARY KEY,
  kind text NOT NULL,
  device_id text NOT NULL,
  row jsonb NOT NULL,
  change_seq bigint NOT NULL DEFAULT nextval('change_seq')
);
CREATE TABLE settings (
  key text PRIMARY KEY,
  row jsonb NOT NULL,
  change_seq bigint NOT NULL DEFAULT nextval('change_seq')
);
CREATE TABLE workflows (
  id text NOT NULL,
  version integer NOT NULL,
  row jsonb NOT NULL,
  change_seq bigint NOT NULL DEFAULT nextval('change_seq'),
  PRIMARY KEY (id, version)
);
CREATE TABLE sequences (
  name text PRIMARY KEY,
  row jsonb NOT NULL,
  change_seq bigint NOT NULL DEFAULT nextval('change_seq')
);
CREATE TABLE products (
  sku text PRIMARY KEY,
  row jsonb NOT NULL,
  change_seq bigint NOT NULL DEFAULT nextval('change_seq')
);
CREATE INDEX products_barcodes ON products USING gin ((row -> 'barcodes'));
CREATE TABLE locations (
  id text PRIMARY KEY,
  row jsonb NOT NULL,
  change_seq bigint NOT NULL DEFAULT nextval('change_seq')
);
-- Append-only movements; seq is the ledger's order.
CREATE TABLE stock_ledger (
  seq bigserial PRIMARY KEY,
  id text NOT NULL UNIQUE,
  command_id text NOT NULL,
  sku text NOT NULL,
  location_id text NOT NULL,
  row jsonb NOT NULL,
  change_seq bigint NOT NULL DEFAULT nextval('change_seq')
);
CREATE INDEX stock_ledger_sku ON stock_ledger (sku, seq);
CREATE TABLE stock_levels (
  sku text NOT NULL,
  location_id text NOT NULL,
  row jsonb NOT NULL,
  change_seq bigint NOT NULL DEFAULT nextval('change_seq'),
  PRIMARY KEY (sku, location_id)
);
CREATE TABLE reservations (
  id text PRIMARY KEY,
  order_id text NOT NULL,
  status text NOT NULL,
  row jsonb NOT NULL,
  change_seq bigint NOT NULL DEFAULT nextval('change_seq')
);
CREATE INDEX reservations_order_id ON reservations (order_id);
-- Per-state order counts, changed by deltas (two commands moving orders into one state
-- at once both count); `row` is kept beside the count so a pull reads it like any other.
CREATE TABLE state_counts (
  type text NOT NULL,
  state text NOT NULL,
  count integer NOT NULL,
  row jsonb NOT NULL,
  change_seq bigint NOT NULL DEFAULT nextval('change_seq'),
  PRIMARY KEY (type, state)
);
