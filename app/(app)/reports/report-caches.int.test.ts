import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  launchSuiteRun,
  startEvalWorld,
  waitForRunToFinish,
  TEST_OPERATOR,
  type EvalWorld,
} from "@/lib/testing/eval-harness";
import type { Caller } from "@/lib/server/domain/caller";
import { createPrismaClient, type Db } from "@/lib/server/ops/db-client";
import {
  createReport,
  getReportView,
  reportCacheStats,
  updateReport,
} from "@/lib/server/domain/reports/reports";
import {
  createShareLink,
  getSharedReport,
  revokeShareLink,
} from "@/lib/server/domain/reports/share-links";
import { getReportDocument, prepareReportDocument, reportDocumentCacheStats } from "./report-model";

/**
 * The report caches against a real database: a report's frozen snapshot and its prepared
 * document are computed once per version of the report and shared by the report page and its
 * share links; an edit shows on the next view of both; share links and the role check are
 * decided per request, never cached; unrelated writes recompute nothing.
 */

let world: EvalWorld;
let db: Db;
let fresh: Db;
let runId: string;

const ANALYST: Caller = {
  ...TEST_OPERATOR,
  userId: "cache-analyst",
  email: "cache-analyst@example.test",
  role: "analyst",
};
const VIEWER: Caller = { ...TEST_OPERATOR, userId: "viewer-2", email: "viewer", role: "viewer" };
const KEY = randomBytes(32);

async function delta<T>(
  stats: () => { hits: number; misses: number },
  call: () => Promise<T>,
): Promise<{ value: T; hits: number; misses: number }> {
  const before = stats();
  const value = await call();
  const after = stats();
  return { value, hits: after.hits - before.hits, misses: after.misses - before.misses };
}

beforeAll(async () => {
  world = await startEvalWorld("reportcache");
  db = world.db;
  fresh = createPrismaClient(world.url, { max: 2 });
  await db.user.create({
    data: { id: ANALYST.userId, name: "Cache Analyst", email: ANALYST.email, role: "analyst" },
  });
  ({ runId } = await launchSuiteRun(world, {
    suite: "classification",
    platforms: ["aws-bedrock", "openai", "azure-foundry"],
  }));
  const run = await waitForRunToFinish(db, runId);
  expect(run.status).toBe("completed");
}, 120_000);

afterAll(async () => {
  await fresh?.$disconnect();
  await world?.close();
});

describe("report caches", () => {
  it("reads a report once per version for its page and share links, and shows an edit at once", async () => {
    const { id } = await createReport(ANALYST, db, {
      title: "Cached review",
      runIds: [runId],
      modelIds: [],
      platformIds: [],
    });
    const other = await createReport(ANALYST, db, {
      title: "Another review",
      runIds: [runId],
      modelIds: [],
      platformIds: [],
    });
    const link = await createShareLink(ANALYST, db, { reportId: id, days: 7 }, KEY);

    const first = await delta(
      () => reportCacheStats(db),
      () => getReportView(VIEWER, db, id),
    );
    expect(first.misses).toBe(1);
    expect(first.value).toEqual(await getReportView(VIEWER, fresh, id));
    expect(first.value.shareLinks).toHaveLength(1);

    // The analyst and the share link read the same snapshot, not read again.
    const analyst = await delta(
      () => reportCacheStats(db),
      () => getReportView(ANALYST, db, id),
    );
    expect(analyst).toMatchObject({ hits: 1, misses: 0 });
    expect(analyst.value.data).toEqual(first.value.data);
    const shared = await delta(
      () => reportCacheStats(db),
      () => getSharedReport(db, link.token, KEY),
    );
    expect(shared).toMatchObject({ hits: 1, misses: 0 });
    expect(shared.value?.data).toEqual(first.value.data);
    // What is per caller stays per caller: no share links and no author through a share link.
    expect(shared.value?.shareLinks).toEqual([]);
    expect(shared.value?.createdBy).toBeNull();
    await expect(
      getReportView({ ...VIEWER, role: "none" as Caller["role"] }, db, id),
    ).rejects.toThrow();

    // The prepared document: once per version, equal to preparing it afresh. The share page's
    // names no author, so it is kept beside the report page's, and neither evicts the other.
    expect(first.value.createdBy).toBe("Cache Analyst");
    const document = await delta(reportDocumentCacheStats, () => getReportDocument(first.value));
    expect(document.misses).toBe(1);
    expect(document.value).toEqual(prepareReportDocument(first.value));
    const sharedDocument = await delta(reportDocumentCacheStats, () =>
      getReportDocument(shared.value!),
    );
    expect(sharedDocument.misses).toBe(1);
    expect(sharedDocument.value.createdBy).toBeNull();
    for (const view of [analyst.value, shared.value!]) {
      const reused = await delta(reportDocumentCacheStats, () => getReportDocument(view));
      expect(reused).toMatchObject({ hits: 1, misses: 0 });
    }

    // Unrelated writes: another report's edit and another user's settings recompute nothing.
    await updateReport(ANALYST, db, {
      id: other.id,
      title: "Another review, edited",
      annotations: "",
      recommendations: "",
      monthlyRequests: null,
    });
    await db.lockinSettings.create({ data: { userId: "viewer-2", weights: { governance: 2 } } });
    const unrelated = await delta(
      () => reportCacheStats(db),
      () => getReportView(VIEWER, db, id),
    );
    expect(unrelated).toMatchObject({ hits: 1, misses: 0 });
    expect((await getReportDocument(unrelated.value)).title).toBe("Cached review");

    // An edit: the page and the share link show it on the next view.
    await updateReport(ANALYST, db, {
      id,
      title: "Cached review, edited",
      annotations: "Checked with finance.",
      recommendations: "Move the batch jobs.",
      monthlyRequests: 250_000,
    });
    const edited = await delta(
      () => reportCacheStats(db),
      () => getReportView(VIEWER, db, id),
    );
    expect(edited.misses).toBe(1);
    expect(edited.value.title).toBe("Cached review, edited");
    expect(edited.value.annotations).toBe("Checked with finance.");
    expect(edited.value).toEqual(await getReportView(VIEWER, fresh, id));
    const editedDocument = await getReportDocument(edited.value);
    expect(editedDocument.title).toBe("Cached review, edited");
    expect(editedDocument).toEqual(prepareReportDocument(edited.value));
    expect((await getSharedReport(db, link.token, KEY))?.title).toBe("Cached review, edited");

    // A revoked link stops working at once, whatever is cached.
    await revokeShareLink(ANALYST, db, { linkId: link.id });
    expect(await getSharedReport(db, link.token, KEY)).toBeNull();
    const afterRevoke = await getReportView(VIEWER, db, id);
    expect(afterRevoke.shareLinks[0]?.isActive).toBe(false);
  });
});
