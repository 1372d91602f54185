import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoreOutput } from "@/lib/eval/assertions";
import { testCaller } from "@/lib/testing/test-callers";
import { requireTestDatabaseUrl } from "@/lib/testing/test-database";
import { createPrismaClient, type Db } from "../../ops/db-client";
import { importSuiteFiles, loadSuiteCases } from "./suites";

/**
 * promptfoo's test-level threshold (YAML `threshold`, CSV `__threshold`) goes through storage: an
 * imported case keeps it, and the case loaded back for a run passes or fails by it as promptfoo
 * decides (src/assertions/assertionsResult.ts: pass = score >= threshold).
 */

const suffix = randomBytes(4).toString("hex");
const OPERATOR = testCaller({
  role: "operator",
  email: `threshold-${suffix}@example.test`,
  name: "threshold probe",
});
let db: Db;

const upload = (fileName: string, text: string) => ({
  fileName,
  bytes: new TextEncoder().encode(text),
});

beforeAll(() => {
  db = createPrismaClient(requireTestDatabaseUrl(), { max: 2 });
});

afterAll(async () => {
  await db.$disconnect();
});

describe("a promptfoo test threshold", () => {
  it("is stored with its case and decides the case's verdict when the case is scored", async () => {
    const config = [
      "prompts: ['Name a city in {{country}}.']",
      "tests:",
      "  - vars: { country: Australia }",
      "    threshold: 0.5",
      "    assert:",
      "      - type: icontains",
      "        value: sydney",
      "      - type: icontains",
      "        value: melbourne",
      "  - vars: { country: France }",
      "    assert:",
      "      - type: icontains",
      "        value: paris",
      "      - type: icontains",
      "        value: lyon",
      "",
    ].join("\n");
    // promptfoo's CSV test file, referenced from a config: `__threshold` per row.
    const csvConfig = `prompts: ['Name a city in {{country}}.']\ntests: file://cases-${suffix}.csv\n`;
    const csv = ["country,__expected1,__threshold", "Japan,icontains:tokyo,0.4", ""].join("\n");
    const imported = await importSuiteFiles(OPERATOR, db, [
      upload(`threshold-${suffix}.yaml`, config),
    ]);
    const cases = await loadSuiteCases(db, imported.id);
    expect(cases.map((c) => c.threshold)).toEqual([0.5, undefined]);

    // Half the assertions pass: at threshold 0.5 the case passes; without one it fails.
    const output = "Sydney is the largest city.";
    const scored = await Promise.all(
      cases.map((c) => scoreOutput(c, output, { costUsd: null, latencyMs: null })),
    );
    expect(scored.map((s) => s.pass)).toEqual([true, false]);

    const fromCsv = await importSuiteFiles(OPERATOR, db, [
      upload(`threshold-csv-${suffix}.yaml`, csvConfig),
      upload(`cases-${suffix}.csv`, csv),
    ]);
    expect((await loadSuiteCases(db, fromCsv.id)).map((c) => c.threshold)).toEqual([0.4]);
  });
});
