-- Commands the server's rules refused (issue 22): kept with their reason, so a repeat of
-- the same command id is answered with the same refusal and has no effect, as a repeat of
-- an applied command is answered from `commands`. Server-only: counters learn a refusal
-- from the push's answer. A refusal that may pass later (the database was busy) is not kept.
CREATE TABLE refused_commands (
  id text PRIMARY KEY,
  device_id text NOT NULL,
  kind text NOT NULL,
  digest text NOT NULL,
  result jsonb NOT NULL,
  refused_at timestamptz NOT NULL DEFAULT now()
);
