import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getNativeRouter } from "@/lib/catalog/native-routers";
import { routerPoolModelIds } from "@/lib/catalog/served-models";
import type { Db } from "@/lib/server/ops/db-client";
import { evalCli, type CliReport } from "@/lib/testing/eval-cli";
import { freshDatabasePool } from "@/lib/testing/fresh-database";

/**
 * OpenRouter's auto router as a run target, from the command line: `scripts/eval.ts --json` runs
 * `router:openrouter/auto` beside one single model (its own worker and emulator over HTTP, real
 * PostgreSQL), as the clouds' routers run. Every trial of the router says what served it, within
 * the documented pool, and costs unknown: the seed has no offerings on OpenRouter to price it.
 */

const OPENROUTER = "router:openrouter/auto";
const SINGLE = "openai/gpt-5.5@openai";

const pool = freshDatabasePool("openrouter");
let db: Db;
let cli: CliReport;

beforeAll(async () => {
  const fresh = await pool.create("run");
  db = fresh.db;
  const { stdout } = await evalCli(
    ["--suite", "factual-qa", "--targets", `${OPENROUTER},${SINGLE}`, "--repeats", "1", "--json"],
    {
      DATABASE_URL: fresh.url,
      CROSSBENCH_SECRET_KEY: randomBytes(32).toString("base64"),
      // Never the real OpenRouter from a test, whatever the developer's shell holds.
      OPENROUTER_API_KEY: "",
    },
  );
  cli = JSON.parse(stdout) as CliReport;
}, 150_000);

afterAll(async () => {
  await pool.dropAll();
});

describe("OpenRouter's auto router as a run target, from the CLI", () => {
  it("completes, with the router stored as a simulated router target on OpenRouter", async () => {
    expect(cli.status).toBe("completed");
    expect(cli.targets.map((t) => [t.label, t.simulated])).toEqual([
      ["OpenRouter auto router (auto)", true],
      [expect.stringContaining("GPT-5.5"), true],
    ]);
    const stored = await db.runTarget.findMany({
      where: { runId: cli.runId },
      orderBy: { position: "asc" },
    });
    expect(stored.map((t) => [t.kind, t.platformIds, t.isSimulated])).toEqual([
      ["router", ["openrouter"], true],
      ["offering", ["openai"], true],
    ]);
  });

  it("records on every trial the model that served it, from OpenRouter's documented pool", async () => {
    const router = getNativeRouter("openrouter/auto");
    if (!router) throw new Error("no router openrouter/auto");
    const allowed = new Set(routerPoolModelIds(router));
    const target = cli.targets[0]!;
    const trials = await db.trial.findMany({ where: { runId: cli.runId, targetId: target.id } });
    expect(trials.length).toBeGreaterThan(0);
    for (const trial of trials) {
      expect(trial.status).toBe("ok");
      expect(trial.servedModelRaw).toEqual(expect.any(String));
      expect(trial.routerMode).toBe("auto");
      if (trial.servedUnmapped) expect(trial.servedModelId).toBeNull();
      else expect(allowed).toContain(trial.servedModelId);
    }

    const servedBy = target.servedBy ?? {};
    expect(Object.values(servedBy).reduce((sum, n) => sum + n, 0)).toBe(trials.length);
    for (const model of Object.keys(servedBy)) expect(allowed).toContain(model);
    expect(cli.targets[1]!.servedBy).toBeNull();
  });

  it("leaves the router's costs unknown, not 0, as OpenRouter has no offering to price them", async () => {
    expect(await db.platform.findUnique({ where: { id: "openrouter" } })).toMatchObject({
      name: "OpenRouter",
      owner: "OpenRouter",
    });
    expect(await db.offering.count({ where: { platformId: "openrouter" } })).toBe(0);
    const [router, single] = cli.targets;
    const trials = await db.trial.findMany({ where: { runId: cli.runId, targetId: router!.id } });
    for (const trial of trials) {
      expect(trial.servedBy).toBeNull();
      expect(trial.costUsd).toBeNull();
    }
    // The same run prices the single model: unknown is the router's, not the run's.
    const priced = await db.trial.count({
      where: { runId: cli.runId, targetId: single!.id, costUsd: { gt: 0 } },
    });
    expect(priced).toBeGreaterThan(0);
  });
});
