-- Money on the server (issue 22): the payments ledger (payments, money back, reversals;
-- append-only, never changed) and the till sessions the counters push. Payments are pulled
-- like the other shared rows; till sessions are kept here but stay each counter's own.
CREATE TABLE payments (
  id text PRIMARY KEY,
  order_id text NOT NULL,
  till_id text,
  row jsonb NOT NULL,
  change_seq bigint NOT NULL DEFAULT nextval('change_seq')
);
CREATE INDEX payments_order_id ON payments (order_id);
CREATE INDEX payments_till_id ON payments (till_id);
CREATE INDEX payments_change_seq ON payments (change_seq);
CREATE TABLE tills (
  id text PRIMARY KEY,
  device_id text NOT NULL,
  status text NOT NULL,
  row jsonb NOT NULL,
  change_seq bigint NOT NULL DEFAULT nextval('change_seq')
);
-- One open session per device: the rule says so, and the index keeps it under concurrency.
CREATE UNIQUE INDEX tills_open_per_device ON tills (device_id) WHERE status = 'open';
CREATE INDEX tills_change_seq ON tills (change_seq);
