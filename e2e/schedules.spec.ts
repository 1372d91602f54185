import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { createScheduleFromForm, queryE2eDatabase } from "./support";

/**
 * Scheduled runs end to end (issue 18): a schedule saved through the form with a one-minute cron
 * is launched by the in-process worker on its own, twice; between the two runs its platform is
 * made worse in the emulator, so the second run's score drop is stored as a regression and sent,
 * signed, to a webhook channel added on the settings page. The schedule page then shows both runs,
 * the regression and a trend chart with two points, and "with previous run" opens Run against run.
 */

const EMULATOR_URL = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100) + 1010}`;
const SECRET = "e2e-webhook-signing-secret-0123456789";

type Received = { headers: IncomingHttpHeaders; body: string };

/** A webhook receiver on loopback that records every POST. */
async function startReceiver(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/hooks/crossbench`, received };
}

/** The schedule's completed runs, oldest first. */
async function completedRuns(scheduleId: string) {
  return queryE2eDatabase<{ id: string; createdAt: Date }>(
    `SELECT id, "createdAt" FROM "EvalRun" WHERE "scheduleId" = $1 AND status = 'completed'
     ORDER BY "createdAt"`,
    [scheduleId],
  );
}

test("a one-minute schedule runs on its own, finds a regression and alerts a signed webhook", async ({
  page,
}) => {
  test.setTimeout(420_000);
  const receiver = await startReceiver();
  let scheduleId: string | null = null;
  let degradedPlatform: string | null = null;
  try {
    // An alert channel to the local receiver (the e2e server allows loopback endpoints).
    await page.goto("/settings/alerts");
    await page.getByLabel("Name").fill("E2E receiver");
    await page.getByLabel("Webhook URL").fill(receiver.url);
    await page.getByLabel("Signing secret (optional)").fill(SECRET);
    await page.getByRole("button", { name: "Add channel" }).click();
    await expect(page.getByText("127.0.0.1", { exact: false }).first()).toBeVisible();

    scheduleId = await createScheduleFromForm(page, {
      name: `Every minute ${Date.now()}`,
      cron: "* * * * *",
    });
    await expect(page.getByText("Every minute (UTC)").first()).toBeVisible();

    // The first run comes on its own.
    await expect
      .poll(async () => (await completedRuns(scheduleId!)).length, { timeout: 180_000 })
      .toBeGreaterThanOrEqual(1);
    const [first] = await completedRuns(scheduleId);
    const [target] = await queryE2eDatabase<{ platformIds: string[] }>(
      `SELECT "platformIds" FROM "RunTarget" WHERE "runId" = $1`,
      [first!.id],
    );
    degradedPlatform = target!.platformIds[0]!;

    // The platform gets worse; the next run launched after that is compared with the one before.
    const degraded = await fetch(`${EMULATOR_URL}/_emulator/degrade/${degradedPlatform}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ qualityDelta: -0.7 }),
    });
    expect(degraded.status).toBe(200);
    const degradedAt = new Date();
    await expect
      .poll(
        async () =>
          (await completedRuns(scheduleId!)).filter((run) => run.createdAt > degradedAt).length,
        { timeout: 180_000 },
      )
      .toBeGreaterThanOrEqual(1);

    // The regression is stored and delivered, signed.
    await expect
      .poll(
        async () =>
          (
            await queryE2eDatabase<{ rule: string }>(
              `SELECT rule FROM "Regression" WHERE "scheduleId" = $1`,
              [scheduleId],
            )
          ).map((row) => row.rule),
        { timeout: 60_000 },
      )
      .toContain("score_drop");
    await expect.poll(() => receiver.received.length, { timeout: 90_000 }).toBeGreaterThan(0);
    const delivery = receiver.received[0]!;
    const timestamp = String(delivery.headers["x-crossbench-timestamp"]);
    const expected = `sha256=${createHmac("sha256", SECRET).update(`${timestamp}.${delivery.body}`).digest("hex")}`;
    expect(delivery.headers["x-crossbench-signature"]).toBe(expected);
    const body = JSON.parse(delivery.body) as {
      kind: string;
      rule: string;
      text: string;
      simulated: boolean;
    };
    expect(body).toMatchObject({ kind: "regression", rule: "score_drop", simulated: true });
    expect(body.text).toContain("Score drop");

    // The schedule page: the runs, the regression, the trend with a point per run.
    await page.goto(`/runs/schedules/${encodeURIComponent(scheduleId)}`);
    const runs = page.getByRole("table", { name: /Runs of this schedule/ });
    await expect(runs.getByRole("row")).not.toHaveCount(2);
    await expect(
      page.getByRole("region", { name: "Regressions" }).getByText("Score drop").first(),
    ).toBeVisible();
    const chart = page.getByTestId("trend-chart").first();
    await expect(chart).toBeVisible();
    expect(Number(await chart.getAttribute("data-points"))).toBeGreaterThanOrEqual(2);

    // "With previous run" on the newest completed run opens Run against run.
    const completed = await completedRuns(scheduleId);
    const newest = completed[completed.length - 1]!;
    await page.goto(`/runs/${encodeURIComponent(newest.id)}`);
    await page.getByRole("link", { name: "Compare with previous run of this schedule" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Run against run" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Score in both runs" })).toBeVisible();
    await expect(page.getByRole("cell", { name: "Different" }).first()).toBeVisible();

    // The delivery is listed on the settings page.
    await page.goto("/settings/alerts");
    await expect(page.getByRole("cell", { name: "Delivered" }).first()).toBeVisible();

    // Paused from its page, it launches nothing more; the run in flight, if any, finishes.
    await page.goto(`/runs/schedules/${encodeURIComponent(scheduleId)}`);
    await page.getByRole("button", { name: "Pause" }).click();
    await expect(page.getByText("Paused", { exact: true }).first()).toBeVisible();
    await expect
      .poll(
        async () =>
          (
            await queryE2eDatabase(
              `SELECT id FROM "EvalRun" WHERE "scheduleId" = $1 AND status IN ('queued', 'running')`,
              [scheduleId],
            )
          ).length,
        { timeout: 120_000 },
      )
      .toBe(0);
  } finally {
    // Nothing of this test keeps firing or stays degraded for the specs after it, even when it
    // failed before pausing the schedule from its page.
    if (scheduleId) {
      await queryE2eDatabase(`UPDATE "RunSchedule" SET "isPaused" = true WHERE id = $1`, [
        scheduleId,
      ]);
    }
    if (degradedPlatform) {
      await fetch(`${EMULATOR_URL}/_emulator/degrade/${degradedPlatform}`, { method: "DELETE" });
    }
    await queryE2eDatabase(`UPDATE "AlertChannel" SET "isEnabled" = false`);
    receiver.server.close();
  }
});
