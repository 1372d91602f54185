-- `concurrency` now means calls in flight across the whole run, with an optional cap per
-- platform (issue 19: one pool, so the slowest platform gets the slots the others free).
ALTER TABLE "EvalRun" ADD COLUMN     "platformConcurrency" INTEGER;

-- Runs launched before keep exactly the limits they were launched with: their per-platform
-- figure becomes the per-platform cap, and the run-wide total is that figure times their platforms.
UPDATE "EvalRun" r
SET "platformConcurrency" = r."concurrency",
    "concurrency" = r."concurrency" * GREATEST(1, (
      SELECT count(DISTINCT s."platformId") FROM "EvalSlot" s WHERE s."runId" = r."id"));

-- Every run gets its run-wide slots (platform "*"), as a new run does at launch: one still to
-- finish needs them, and so does a finished one that `npm run eval -- --resume` reopens.
INSERT INTO "EvalSlot" ("runId", "platformId", "slot")
SELECT r."id", '*', g.slot
FROM "EvalRun" r
CROSS JOIN LATERAL generate_series(0, r."concurrency" - 1) AS g(slot);
