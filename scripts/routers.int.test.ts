import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getNativeRouter } from "@/lib/catalog/native-routers";
import { routerPoolModelIds } from "@/lib/catalog/served-models";
import type { Db } from "@/lib/server/ops/db-client";
import { getRoutingView } from "@/lib/server/domain/comparisons/routing";
import { draftReportData } from "@/lib/server/domain/reports/reports";
import { escapeMarkdownInline } from "@/lib/report/escape-markdown";
import { reportToMarkdown } from "@/lib/report/markdown";
import { describeRouterAudits } from "@/lib/views/router-audit";
import type { Caller } from "@/lib/server/domain/caller";
import { TEST_OPERATOR } from "@/lib/testing/eval-harness";
import { evalCli, type CliReport } from "@/lib/testing/eval-cli";
import { freshDatabasePool } from "@/lib/testing/fresh-database";

/**
 * Native routers as run targets, from the command line: a run of the Bedrock Anthropic prompt
 * router, the Foundry model router in Cost mode, one single model and the Bedrock Meta router,
 * launched by
 * `scripts/eval.ts --json` (its own worker and emulator over HTTP, real PostgreSQL). Every trial of
 * a router target must say what served it, `servedBy` must account for every trial with models of
 * the router's documented pool only, and a single model's trials carry no served-model fields.
 */

const BEDROCK = "router:aws-bedrock/anthropic.claude";
const FOUNDRY = "router:azure-foundry/cost";
/** Its pool's Llama 3.1 8B has an offering on Bedrock, so its trials can be priced. */
const LLAMA = "router:aws-bedrock/meta.llama";
const SINGLE = "openai/gpt-5.5@openai";
/** Two models of the Foundry router's pool as single targets: the pool replay needs two. */
const FOUNDRY_POOL_SINGLES = [
  "openai/gpt-5-mini@azure-foundry",
  "openai/gpt-4.1-mini@azure-foundry",
];

const pool = freshDatabasePool("routers");
let db: Db;
let cli: CliReport;

beforeAll(async () => {
  const fresh = await pool.create("run");
  db = fresh.db;
  const targets = [BEDROCK, FOUNDRY, SINGLE, LLAMA, ...FOUNDRY_POOL_SINGLES].join(",");
  const { stdout } = await evalCli(
    ["--suite", "factual-qa", "--targets", targets, "--repeats", "1", "--json"],
    { DATABASE_URL: fresh.url, CROSSBENCH_SECRET_KEY: randomBytes(32).toString("base64") },
  );
  cli = JSON.parse(stdout) as CliReport;
}, 150_000);

afterAll(async () => {
  await pool.dropAll();
});

/** The catalogue model ids a router's documented pool maps to. */
function poolModels(routerId: string): Set<string> {
  const router = getNativeRouter(routerId);
  if (!router) throw new Error(`no router ${routerId}`);
  return new Set(routerPoolModelIds(router));
}

describe("a run with native routers, from the CLI", () => {
  it("completes, with the routers stored as router targets and labelled simulated", async () => {
    expect(cli.status).toBe("completed");
    expect(cli.targets.map((t) => t.label)).toEqual([
      "Bedrock prompt router (anthropic.claude)",
      "Foundry model router (Cost)",
      expect.stringContaining("GPT-5.5"),
      "Bedrock prompt router (meta.llama)",
      expect.stringContaining("GPT-5 mini"),
      expect.stringContaining("GPT-4.1 mini"),
    ]);
    const stored = await db.runTarget.findMany({
      where: { runId: cli.runId },
      orderBy: { position: "asc" },
    });
    expect(stored.map((t) => [t.kind, t.platformIds, t.isSimulated])).toEqual([
      ["router", ["aws-bedrock"], true],
      ["router", ["azure-foundry"], true],
      ["offering", ["openai"], true],
      ["router", ["aws-bedrock"], true],
      ["offering", ["azure-foundry"], true],
      ["offering", ["azure-foundry"], true],
    ]);
  });

  it("records on every router trial what served it, in the router's mode", async () => {
    for (const [position, routerId, mode] of [
      [0, "aws-bedrock/anthropic.claude", "default"],
      [1, "azure-foundry/model-router", "cost"],
      [3, "aws-bedrock/meta.llama", "default"],
    ] as const) {
      const target = cli.targets[position]!;
      const trials = await db.trial.findMany({ where: { runId: cli.runId, targetId: target.id } });
      expect(trials.length).toBeGreaterThan(0);
      const allowed = poolModels(routerId);
      for (const trial of trials) {
        expect(trial.status).toBe("ok");
        expect(trial.servedModelRaw).toEqual(expect.any(String));
        expect(trial.routerMode).toBe(mode);
        // Mapped to a pool model, or kept verbatim and flagged: never both, never neither.
        if (trial.servedUnmapped) expect(trial.servedModelId).toBeNull();
        else expect(allowed).toContain(trial.servedModelId);
      }
    }
  });

  it("reports servedBy per router target: it sums to the trials and names pool models only", async () => {
    for (const [position, routerId] of [
      [0, "aws-bedrock/anthropic.claude"],
      [1, "azure-foundry/model-router"],
      [3, "aws-bedrock/meta.llama"],
    ] as const) {
      const target = cli.targets[position]!;
      const trials = await db.trial.count({ where: { runId: cli.runId, targetId: target.id } });
      const servedBy = target.servedBy ?? {};
      expect(Object.values(servedBy).reduce((sum, n) => sum + n, 0)).toBe(trials);
      const allowed = poolModels(routerId);
      for (const model of Object.keys(servedBy)) expect(allowed).toContain(model);
    }
  });

  it("prices router trials at the served model's offering on the router's platform", async () => {
    const routers = [cli.targets[0]!, cli.targets[1]!, cli.targets[3]!];
    const trials = await db.trial.findMany({
      where: { runId: cli.runId, targetId: { in: routers.map((t) => t.id) } },
    });
    const priced = trials.filter((trial) => trial.costUsd !== null);
    expect(priced.length).toBeGreaterThan(0);
    for (const trial of trials) {
      const platformId = trial.targetId === routers[1]!.id ? "azure-foundry" : "aws-bedrock";
      // The trial names the served model's offering when the catalogue has one on that platform.
      const offering = trial.servedBy
        ? await db.offering.findUnique({ where: { id: trial.servedBy } })
        : null;
      if (trial.servedModelId) {
        const any = await db.offering.findFirst({
          where: { platformId, modelId: trial.servedModelId, lifecycle: { not: "retired" } },
        });
        expect(offering === null).toBe(any === null);
      }
      // No priced offering of the served model on the router's platform: unknown, not 0.
      if (!offering || offering.inputPrice === null || offering.outputPrice === null) {
        expect(trial.costUsd).toBeNull();
        continue;
      }
      expect([offering.platformId, offering.modelId]).toEqual([platformId, trial.servedModelId]);
      const expected =
        (trial.inputTokens! * Number(offering.inputPrice) +
          trial.outputTokens! * Number(offering.outputPrice)) /
        1e6;
      expect(trial.costUsd).toBeCloseTo(expected, 12);
    }
  });

  it("leaves a single model's trials without served-model fields", async () => {
    const single = cli.targets[2]!;
    expect(single.servedBy).toBeNull();
    const trials = await db.trial.findMany({ where: { runId: cli.runId, targetId: single.id } });
    expect(trials.length).toBeGreaterThan(0);
    for (const trial of trials) {
      expect(trial.servedModelRaw).toBeNull();
      expect(trial.servedModelId).toBeNull();
      expect(trial.servedUnmapped).toBe(false);
      expect(trial.routerMode).toBeNull();
    }
  });

  it("refuses an unknown router target with the list of valid ones", async () => {
    // Refused before any database work: the URL points nowhere.
    const failure = await evalCli(
      ["--suite", "factual-qa", "--targets", "router:aws-bedrock/nope"],
      { DATABASE_URL: "postgresql://unused@127.0.0.1:1/x_test" },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 64 });
    const stderr = (failure as { stderr: string }).stderr;
    expect(stderr).toContain('"router:aws-bedrock/nope" is not a router target');
    expect(stderr).toContain("router:azure-foundry/balanced");
    expect(stderr).toContain("router:openrouter/auto");
  });
});

describe("the measured neutrality audit of the run's routers", () => {
  const VIEWER: Caller = { ...TEST_OPERATOR, email: "test viewer", role: "viewer" };

  it("accounts for every router call by provider group, within the router's pool", async () => {
    const view = await getRoutingView(VIEWER, db, cli.runId);
    expect(view.audit.map((a) => a.label)).toEqual([
      cli.targets[0]!.label,
      cli.targets[1]!.label,
      cli.targets[3]!.label,
    ]);
    for (const audit of view.audit) {
      const trials = await db.trial.count({ where: { runId: cli.runId, targetId: audit.id } });
      expect(audit.calls).toBe(trials);
      const grouped = audit.shares.reduce((sum, s) => sum + s.calls, 0);
      expect(grouped + audit.unmappedCalls).toBe(trials);
      expect(audit.shares.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1, 12);
      // Every group a router served is a group of its documented pool.
      for (const share of audit.shares) expect(audit.pool.groups).toContain(share.group);
      expect(audit.ownerShare!.low).toBeLessThanOrEqual(audit.ownerShare!.rate);
      expect(audit.ownerShare!.high).toBeGreaterThanOrEqual(audit.ownerShare!.rate);
    }
    // Bedrock's Anthropic router can only pick Anthropic models, and Amazon is tied to Anthropic:
    // measured, every call went to the Amazon group, and its pool alone could do nothing else.
    const bedrock = view.audit[0]!;
    expect(bedrock.ownerGroup).toBe("Amazon group");
    expect(bedrock.shares.map((s) => [s.group, s.isOwnerGroup])).toEqual([["Amazon group", true]]);
    expect(bedrock.pool.groups).toEqual(["Amazon group"]);
  });

  it("compares each router with the threshold policy replayed on the same cases, with intervals", async () => {
    const view = await getRoutingView(VIEWER, db, cli.runId);
    const threshold = view.simulation.policies.find((p) => p.kind === "threshold")!;
    expect(threshold).toBeDefined();
    for (const audit of view.audit) {
      expect(audit.versus?.referenceKind).toBe("replayed");
      const { quality } = audit.versus!;
      expect(quality.n).toBeGreaterThan(0);
      expect(quality.n).toBeLessThanOrEqual(view.simulation.n);
      expect(quality.low).toBeLessThanOrEqual(quality.difference);
      expect(quality.high).toBeGreaterThanOrEqual(quality.difference);
      expect(quality.difference).toBeCloseTo(quality.routerMean - quality.referenceMean, 12);
    }
    // Three models of the Foundry router's pool ran as single targets: the pool replay runs.
    const foundry = view.audit[1]!;
    expect(foundry.pool.measured).toBe(3);
    const replay = foundry.pool.counterfactual!;
    expect(replay.n).toBe(view.simulation.n);
    expect(replay.shares.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1, 12);
    // Matched on spend when some router call has a known price, else on quality.
    const priced = await db.trial.count({
      where: { runId: cli.runId, targetId: foundry.id, costUsd: { not: null } },
    });
    expect(replay.matchedOn).toBe(priced > 0 ? "cost" : "quality");
    // The Llama router's pool ran as no single target: a reason, not a number.
    expect(view.audit[2]!.pool.counterfactual).toBeNull();
    expect(view.audit[2]!.pool.reason).toMatch(/ran as a single target/);
  });

  it("freezes the same audit into a report, and writes the same sentences there", async () => {
    const view = await getRoutingView(VIEWER, db, cli.runId);
    const analyst: Caller = { ...VIEWER, role: "analyst" };
    const data = await draftReportData(analyst, db, {
      runIds: [cli.runId],
      modelIds: [],
      platformIds: [],
    });
    expect(data.routerAudit).toEqual(JSON.parse(JSON.stringify(view.audit)));
    const sentences = describeRouterAudits(view.audit, true);
    const markdown = reportToMarkdown({
      id: "r1",
      title: "Routers",
      annotations: "",
      recommendations: "",
      isSimulated: true,
      createdAt: new Date(),
      createdBy: null,
      data,
    });
    for (const audit of sentences) {
      expect(audit.headline).toContain("simulated");
      expect(markdown).toContain(`**${escapeMarkdownInline(audit.headline)}**`);
    }
  });
});
