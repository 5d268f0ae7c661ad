-- Devices (issue 22): a counter enrols with a one-time code an admin made and gets a
-- token; only hashes of codes and tokens are kept. Each device has its own order-number
-- prefix, so two counters never make the same number.
CREATE SEQUENCE device_prefix_seq;
CREATE TABLE devices (
  id text PRIMARY KEY,
  name text NOT NULL,
  prefix text NOT NULL UNIQUE,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE TABLE enrolment_codes (
  code_hash text PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_by text REFERENCES devices (id)
);
-- A pull reads the rows changed after a cursor, table by table, in change order.
CREATE INDEX orders_change_seq ON orders (change_seq);
CREATE INDEX items_change_seq ON items (change_seq);
CREATE INDEX refunds_change_seq ON refunds (change_seq);
CREATE INDEX vouchers_change_seq ON vouchers (change_seq);
CREATE INDEX timers_change_seq ON timers (change_seq);
CREATE INDEX events_change_seq ON events (change_seq);
CREATE INDEX commands_change_seq ON commands (change_seq);
CREATE INDEX settings_change_seq ON settings (change_seq);
CREATE INDEX workflows_change_seq ON workflows (change_seq);
CREATE INDEX products_change_seq ON products (change_seq);
CREATE INDEX locations_change_seq ON locations (change_seq);
CREATE INDEX stock_ledger_change_seq ON stock_ledger (change_seq);
CREATE INDEX stock_levels_change_seq ON stock_levels (change_seq);
CREATE INDEX reservations_change_seq ON reservations (change_seq);
CREATE INDEX state_counts_change_seq ON state_counts (change_seq);
