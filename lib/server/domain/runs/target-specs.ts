import { parseRouterTargetSpec } from "@/lib/eval/router-targets";
import { CliUsageError, splitTargetList } from "./target-syntax";
import type { RunTargetInput } from "@/lib/schemas/runs";
import type { Db } from "../../ops/db-client";
import type { PlatformConnections } from "../../ops/router-setup";
import { chooseApiStyle } from "./runs";

// The syntax checks need no database and load fast: the commands run them before anything else.
export { checkRouterTargets, CliUsageError, splitTargetList } from "./target-syntax";

/**
 * The command lines' target syntax (`npm run eval`, `npm run schedule`): offerings as
 * `<model id>@<platform id>` or `<platform id>:<native id>`, a model on every platform as
 * `<model id>@*` (expanded when each run is launched), routing policies as
 * `fallback(a|b)`, `cheapest(…)`, `fastest(…)`, and model routers as `router:<platform>/<mode>`.
 */

const UsageError = CliUsageError;

export async function resolveOffering(
  db: Db,
  spec: string,
  connections: PlatformConnections,
): Promise<string> {
  const byId = await db.offering.findUnique({ where: { id: spec } });
  if (byId) return byId.id;
  let candidates: Awaited<ReturnType<Db["offering"]["findMany"]>>;
  if (spec.includes("@")) {
    const at = spec.lastIndexOf("@");
    candidates = await db.offering.findMany({
      where: {
        modelId: spec.slice(0, at),
        platformId: spec.slice(at + 1),
        lifecycle: { not: "retired" },
        withdrawnAt: null,
      },
      orderBy: { id: "asc" },
    });
  } else if (spec.includes(":")) {
    const colon = spec.indexOf(":");
    candidates = await db.offering.findMany({
      where: { platformId: spec.slice(0, colon), nativeId: spec.slice(colon + 1) },
    });
  } else {
    candidates = [];
  }
  const runnable = candidates.find(
    (o) =>
      chooseApiStyle(o.platformId, o.apiStyles, connections[o.platformId]?.simulated ?? false) !==
      null,
  );
  if (!runnable) {
    throw new UsageError(
      `no runnable offering matches "${spec}" (use <model id>@<platform id>, e.g. openai/gpt-5.5@azure-foundry, or <platform id>:<native id>)`,
    );
  }
  return runnable.id;
}

export async function resolveTargets(
  db: Db,
  list: string,
  connections: PlatformConnections,
): Promise<RunTargetInput[]> {
  const targets: RunTargetInput[] = [];
  for (const part of splitTargetList(list)) {
    if (part.startsWith("router:")) {
      const parsed = parseRouterTargetSpec(part);
      if (!parsed.ok) throw new UsageError(parsed.message);
      targets.push({ kind: "router", ...parsed.choice });
      continue;
    }
    // "<model id>@*": the model on every platform that can run it when the run is launched.
    if (part.endsWith("@*")) {
      const modelId = part.slice(0, -2);
      if (!(await db.model.findUnique({ where: { id: modelId }, select: { id: true } }))) {
        throw new UsageError(`no model "${modelId}" in the catalogue (for <model id>@*)`);
      }
      targets.push({ kind: "model", modelId });
      continue;
    }
    const policy = /^(fallback|cheapest|fastest)\((.*)\)$/.exec(part);
    if (policy) {
      const members = (policy[2] ?? "")
        .split("|")
        .map((m) => m.trim())
        .filter(Boolean);
      targets.push({
        kind: "policy",
        policy: policy[1] as "fallback" | "cheapest" | "fastest",
        offeringIds: await Promise.all(members.map((m) => resolveOffering(db, m, connections))),
      });
    } else {
      targets.push({ kind: "offering", offeringId: await resolveOffering(db, part, connections) });
    }
  }
  if (targets.length === 0) throw new UsageError("--targets names no target");
  return targets;
}
