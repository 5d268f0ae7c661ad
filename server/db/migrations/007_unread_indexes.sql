-- Indexes every push wrote and nothing reads (issue 22; bench/RESULTS.md → "Indexes the push
-- wrote for nobody"). No server query looks up events, ledger movements or shipments by
-- these columns: an order's timeline, its ledger and its shipments are read on the counter
-- (Dexie), and the server reads events, the ledger and shipments only by change_seq (pull),
-- by id / primary key, or by a parcel's codes (the GIN indexes). Kept: every primary key,
-- the unique ids of ledger movements and checkpoints (the counter's `&id` rule, and what a
-- pulled row is matched by), the indexes the commands read (checkpoints and exceptions of a
-- shipment, payments of an order or till, the open till of a device) and each *_change_seq.
DROP INDEX IF EXISTS events_order_id;
DROP INDEX IF EXISTS stock_ledger_sku;
DROP INDEX IF EXISTS shipments_order_id;
