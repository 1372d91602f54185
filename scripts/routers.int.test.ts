import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getNativeRouter } from "@/lib/catalog/native-routers";
import { mapServedModel } from "@/lib/catalog/served-models";
import type { Db } from "@/lib/server/ops/db-client";
import { freshDatabasePool } from "@/lib/testing/fresh-database";

/**
 * Native routers as run targets, from the command line: a run of the Bedrock Anthropic prompt
 * router, the Foundry model router in Cost mode, one single model and the Bedrock Meta router,
 * launched by
 * `scripts/eval.ts --json` (its own worker and emulator over HTTP, real PostgreSQL). Every trial of
 * a router target must say what served it, `servedBy` must account for every trial with models of
 * the router's documented pool only, and a single model's trials carry no served-model fields.
 */

const root = path.resolve(import.meta.dirname, "..");
const BEDROCK = "router:aws-bedrock/anthropic.claude";
const FOUNDRY = "router:azure-foundry/cost";
/** Its pool's Llama 3.1 8B has an offering on Bedrock, so its trials can be priced. */
const LLAMA = "router:aws-bedrock/meta.llama";
const SINGLE = "openai/gpt-5.5@openai";

type CliTarget = {
  id: string;
  label: string;
  simulated: boolean;
  servedBy: Record<string, number> | null;
};
type CliReport = { runId: string; status: string; expectedTrials: number; targets: CliTarget[] };

const pool = freshDatabasePool("routers");
let db: Db;
let cli: CliReport;
const run = promisify(execFile);

/** `scripts/eval.ts` in a child process, as a user runs it. */
function evalCli(args: string[], env: Record<string, string>) {
  return run(process.execPath, ["--import", "tsx", "scripts/eval.ts", ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    maxBuffer: 16 * 1024 * 1024,
  });
}

beforeAll(async () => {
  const fresh = await pool.create("run");
  db = fresh.db;
  const targets = [BEDROCK, FOUNDRY, SINGLE, LLAMA].join(",");
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
  return new Set(
    router.pool.flatMap((member) => {
      const mapped = mapServedModel(router.platformId, member.servedId);
      return mapped.kind === "mapped" ? [mapped.modelId] : [member.servedId];
    }),
  );
}

describe("a run with native routers, from the CLI", () => {
  it("completes, with the routers stored as router targets and labelled simulated", async () => {
    expect(cli.status).toBe("completed");
    expect(cli.targets.map((t) => t.label)).toEqual([
      "Bedrock prompt router (anthropic.claude)",
      "Foundry model router (Cost)",
      expect.stringContaining("GPT-5.5"),
      "Bedrock prompt router (meta.llama)",
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
      ["--suite", "factual-qa", "--targets", "router:openrouter/auto"],
      { DATABASE_URL: "postgresql://unused@127.0.0.1:1/x_test" },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 64 });
    const stderr = (failure as { stderr: string }).stderr;
    expect(stderr).toContain("OpenRouter is not a catalogue platform");
    expect(stderr).toContain("router:azure-foundry/balanced");
  });
});
