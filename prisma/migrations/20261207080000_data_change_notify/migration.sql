-- Every committed change to the application's tables is announced on the channel
-- "crossbench_data_changed" (payload: the table's name). The web processes listen and drop
-- the pages they rendered before it (lib/server/ops/data-changes.ts). NOTIFY is transactional:
-- it is delivered when the transaction commits, never for one that rolls back, and the same
-- table written many times in one transaction is announced once.
--
-- Left out: sign-in plumbing that no page shows ("RateLimit", "SignInThrottle",
-- "Verification") and Prisma's own bookkeeping. "EvalWorker" is announced when a worker joins,
-- leaves or changes, but not for its heartbeat (every 2 s): whether a worker is live is read
-- against the clock, like every other time-derived figure, which a cached page holds for at most
-- its lifetime (lib/server/http/page-cache.ts). A table added later needs the trigger too;
-- lib/server/ops/data-changes.int.test.ts fails until it has it.
CREATE FUNCTION "crossbench_notify_data_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('crossbench_data_changed', TG_TABLE_NAME);
  RETURN NULL;
END;
$$;

DO $$
DECLARE
  name text;
BEGIN
  FOR name IN
    SELECT tablename FROM pg_tables
    WHERE schemaname = current_schema()
      AND tablename NOT IN ('_prisma_migrations', 'RateLimit', 'SignInThrottle', 'Verification',
        'EvalWorker')
  LOOP
    EXECUTE format(
      'CREATE TRIGGER "crossbench_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION "crossbench_notify_data_change"()',
      name
    );
  END LOOP;
END;
$$;

CREATE TRIGGER "crossbench_data_changed" AFTER INSERT OR DELETE ON "EvalWorker"
  FOR EACH ROW EXECUTE FUNCTION "crossbench_notify_data_change"();
CREATE TRIGGER "crossbench_data_changed_update" AFTER UPDATE ON "EvalWorker"
  FOR EACH ROW
  WHEN ((OLD."id", OLD."hostname", OLD."pid", OLD."startedAt")
    IS DISTINCT FROM (NEW."id", NEW."hostname", NEW."pid", NEW."startedAt"))
  EXECUTE FUNCTION "crossbench_notify_data_change"();
CREATE TRIGGER "crossbench_data_changed_truncate" AFTER TRUNCATE ON "EvalWorker"
  FOR EACH STATEMENT EXECUTE FUNCTION "crossbench_notify_data_change"();
