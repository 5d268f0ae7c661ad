-- Operators of the counters (issue 23): the permission check of every command reads them.
-- The PIN is only ever a PBKDF2 hash inside `row`.
CREATE TABLE operators (
  id text PRIMARY KEY,
  row jsonb NOT NULL,
  change_seq bigint NOT NULL DEFAULT nextval('change_seq')
);
