import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  launchSuiteRun,
  startEvalWorld,
  waitForRunToFinish,
  TEST_OPERATOR,
  type EvalWorld,
} from "@/lib/testing/eval-harness";
import { rejectionOf } from "@/lib/testing/rejection";
import { buildBrief } from "@/lib/report/brief";
import { reportToJson } from "@/lib/report/exports";
import { reportToMarkdown } from "@/lib/report/markdown";
import type { Caller } from "../caller";
import type { Db } from "../../ops/db-client";
import { AppError } from "../errors";
import {
  createReport,
  getReportView,
  listReports,
  recordReportExport,
  updateReport,
} from "./reports";
import { createShareLink, getSharedReport, revokeShareLink } from "./share-links";

let world: EvalWorld;
let db: Db;
let runId: string;

const ANALYST: Caller = { ...TEST_OPERATOR, email: "test analyst", role: "analyst" };
const VIEWER: Caller = { ...TEST_OPERATOR, email: "test viewer", role: "viewer" };
const KEY = randomBytes(32);
const DAY_MS = 24 * 60 * 60 * 1000;

function appError(promise: Promise<unknown>): Promise<AppError> {
  return rejectionOf(promise, AppError);
}

/** Drafts a report titled `title` of the shared run (or of `runIds`), as the analyst. */
function draftReport(title: string, caller: Caller = ANALYST, runIds = [runId]) {
  return createReport(caller, db, { title, runIds, modelIds: [], platformIds: [] });
}

/** The token with one character of `part` (0: secret, 1: signature) changed. */
function tamper(token: string, part: 0 | 1): string {
  const parts = token.split(".");
  const text = parts[part]!;
  const changed = text[5] === "A" ? "B" : "A";
  parts[part] = `${text.slice(0, 5)}${changed}${text.slice(6)}`;
  return parts.join(".");
}

beforeAll(async () => {
  world = await startEvalWorld("reports");
  db = world.db;
  ({ runId } = await launchSuiteRun(world, {
    suite: "classification",
    platforms: ["aws-bedrock", "openai", "azure-foundry"],
  }));
  const run = await waitForRunToFinish(db, runId);
  expect(run.status).toBe("completed");
});

afterAll(() => world?.close());

describe("reports from a real run", () => {
  it("drafts a frozen snapshot with a summary, recommendations and provenance", async () => {
    const { id } = await draftReport("  Q4 platform review ");
    const view = await getReportView(VIEWER, db, id);
    expect(view.title).toBe("Q4 platform review");
    expect(view.isSimulated).toBe(true);
    expect(view.shareLinks).toEqual([]);
    const { data } = view;
    expect(data.runs.map((run) => run.id)).toEqual([runId]);
    expect(data.runs[0]!.suite.name).toBeTruthy();
    expect(data.runs[0]!.finishedAt).not.toBeNull();
    expect(data.compare?.runId).toBe(runId);
    expect(data.compare?.targets).toHaveLength(3);
    expect(data.compare?.pairs.length).toBeGreaterThan(0);
    expect(data.lockin.platforms.length).toBeGreaterThan(0);
    expect(data.routing?.policies.some((p) => p.kind === "threshold")).toBe(true);
    expect(data.routingReason).toBeNull();
    expect(data.methodology.lockinWeights).toHaveLength(10);
    expect(data.methodology.routingPolicies.length).toBe(data.routing?.policies.length);
    expect(data.summary.length).toBeGreaterThanOrEqual(2);
    const routingSentence = data.summary.find((s) => s.text.includes("quality per dollar"));
    expect(routingSentence?.text).toContain("simulated");
    expect(view.recommendations).toContain("simulated");

    const edited = await updateReport(ANALYST, db, {
      id,
      title: "Q4 review",
      annotations: "Checked by finance.",
      recommendations: "- Keep Bedrock.",
    });
    expect(edited.id).toBe(id);
    const after = await getReportView(VIEWER, db, id);
    expect([after.title, after.annotations, after.recommendations]).toEqual([
      "Q4 review",
      "Checked by finance.",
      "- Keep Bedrock.",
    ]);
    expect(after.data).toEqual(data);
    expect((await listReports(VIEWER, db)).map((r) => r.id)).toContain(id);
    const actions = await db.auditEvent.findMany({ where: { targetId: id } });
    expect(actions.map((a) => a.action).sort()).toEqual(["report.created", "report.updated"]);
  });

  it("prices the brief's monthly cost at a volume entered on the report, and refuses a bad one", async () => {
    const { id } = await draftReport("Volume check");
    const before = await getReportView(VIEWER, db, id);
    expect(before.monthlyRequests).toBeNull();
    expect(buildBrief(before.data).monthlyCost?.assumption ?? "").not.toContain("entered");

    await updateReport(ANALYST, db, {
      id,
      title: "Volume check",
      monthlyRequests: "1,200,000",
    });
    const after = await getReportView(VIEWER, db, id);
    expect(after.monthlyRequests).toBe(1_200_000);
    const markdown = reportToMarkdown(after);
    expect(markdown).toContain("Volume entered on the report: 1,200,000 requests a month");
    const brief = buildBrief(after.data, { monthlyRequests: after.monthlyRequests });
    for (const row of brief.monthlyCost?.rows ?? []) expect(markdown).toContain(row.perMonth);
    expect(JSON.parse(reportToJson(after)).monthlyRequests).toBe(1_200_000);

    const bad = await appError(
      updateReport(ANALYST, db, { id, title: "Volume check", monthlyRequests: "12.5" }),
    );
    expect(bad.code).toBe("INVALID_INPUT");
    expect(bad.fieldErrors?.monthlyRequests?.[0]).toBe(
      "Monthly requests: enter a whole number, or leave it empty.",
    );
    // Emptied: back to the workload profile.
    await updateReport(ANALYST, db, { id, title: "Volume check", monthlyRequests: "" });
    expect((await getReportView(VIEWER, db, id)).monthlyRequests).toBeNull();
  });

  it("refuses an unknown run and a missing title, naming the field", async () => {
    const unknown = await appError(draftReport("x", ANALYST, ["no-such-run"]));
    expect(unknown.code).toBe("INVALID_INPUT");
    expect(unknown.fieldErrors?.runIds?.[0]).toContain("no-such-run");
    const untitled = await appError(draftReport(" "));
    expect(untitled.code).toBe("INVALID_INPUT");
    expect(Object.keys(untitled.fieldErrors ?? {})).toEqual(["title"]);
  });

  it("lets a viewer read but not create, edit or share", async () => {
    const { id } = await draftReport("Viewer check");
    const refusals = await Promise.all([
      appError(draftReport("v", VIEWER)),
      appError(updateReport(VIEWER, db, { id, title: "v", annotations: "", recommendations: "" })),
      appError(createShareLink(VIEWER, db, { reportId: id }, KEY)),
    ]);
    expect(refusals.map((e) => e.code)).toEqual(["FORBIDDEN", "FORBIDDEN", "FORBIDDEN"]);
    const link = await createShareLink(ANALYST, db, { reportId: id }, KEY);
    expect((await appError(revokeShareLink(VIEWER, db, { linkId: link.id }))).code).toBe(
      "FORBIDDEN",
    );
    expect(await db.report.count({ where: { title: "v" } })).toBe(0);
  });
});

describe("share links", () => {
  it("open one report, store only a hash, and refuse tampering, expiry and revocation", async () => {
    const { id } = await draftReport("Shared review");
    const before = Date.now();
    const link = await createShareLink(ANALYST, db, { reportId: id }, KEY);
    expect(link.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 14 * DAY_MS);
    expect(link.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 14 * DAY_MS);

    const shared = await getSharedReport(db, link.token, KEY);
    expect(shared?.id).toBe(id);
    expect(shared?.title).toBe("Shared review");
    expect(shared?.shareLinks).toEqual([]);
    expect(shared?.createdBy).toBeNull();

    const stored = await db.shareLink.findUniqueOrThrow({ where: { id: link.id } });
    const [secret, signature] = link.token.split(".");
    expect(stored.tokenHash).not.toContain(secret!);
    expect(JSON.stringify(stored)).not.toContain(signature!);

    expect(await getSharedReport(db, tamper(link.token, 0), KEY)).toBeNull();
    expect(await getSharedReport(db, tamper(link.token, 1), KEY)).toBeNull();
    expect(await getSharedReport(db, `${secret}.`, KEY)).toBeNull();
    expect(await getSharedReport(db, link.token, randomBytes(32))).toBeNull();
    expect(
      await getSharedReport(db, link.token, { current: randomBytes(32), previous: [KEY] }),
    ).not.toBeNull();

    const justBefore = new Date(link.expiresAt.getTime() - 1);
    expect(await getSharedReport(db, link.token, KEY, justBefore)).not.toBeNull();
    expect(await getSharedReport(db, link.token, KEY, link.expiresAt)).toBeNull();
    expect(
      await getSharedReport(db, link.token, KEY, new Date(link.expiresAt.getTime() + DAY_MS)),
    ).toBeNull();

    const short = await createShareLink(ANALYST, db, { reportId: id, days: 1 }, KEY);
    expect(short.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(DAY_MS);
    expect(
      (await appError(createShareLink(ANALYST, db, { reportId: id, days: 91 }, KEY))).fieldErrors
        ?.days,
    ).toBeTruthy();

    await revokeShareLink(ANALYST, db, { linkId: link.id });
    expect(await getSharedReport(db, link.token, KEY)).toBeNull();
    expect(await getSharedReport(db, short.token, KEY)).not.toBeNull();
    const view = await getReportView(ANALYST, db, id);
    expect(view.shareLinks.map((l) => [l.id, l.isActive, l.revokedAt !== null]).sort()).toEqual(
      [
        [link.id, false, true],
        [short.id, true, false],
      ].sort(),
    );

    await recordReportExport(null, db, id, "pdf", "share");
    const events = await db.auditEvent.findMany({
      where: { targetId: id },
      orderBy: { at: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual([
      "report.created",
      "share_link.created",
      "share_link.created",
      "share_link.revoked",
      "report.exported",
    ]);
    expect(events.at(-1)?.detail).toEqual({ format: "pdf", via: "share" });
    expect(JSON.stringify(events)).not.toContain(secret!);
  });
});
