import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import {
  addToPromptfooMetrics,
  emptyPromptfooMetrics,
  formatTrialCsvHeader,
  formatTrialCsvRow,
  toPromptfooResult,
  toTrialJson,
  type PromptfooCaseInfo,
  type PromptfooMetrics,
} from "@/lib/report/trial-export";
import {
  formatNamedMetricsTable,
  namedMetricsExport,
  type NamedMetricExport,
} from "@/lib/views/named-metrics";
import type { Caller } from "../domain/caller";
import { listRunNamedMetrics } from "../domain/runs/run-view-named-metrics";
import { iterateRunTrials, type RunView } from "../domain/runs/runs";
import { loadSuiteCases } from "../domain/runs/suites";
import type { OutputFormat } from "./cli-output-format";
import type { Db } from "./db-client";

/**
 * `npm run eval -- --output <file>`: a finished run's trials written to a file whose extension
 * picks the format, as promptfoo's `-o` does: `.csv` (the run page's CSV download), `.jsonl` (one
 * trial per line, the JSON download's objects) or `.json` (promptfoo's results file). Trials are
 * read in pages and written as they come, so a large run does not sit in memory.
 */

export { OUTPUT_FORMATS, outputFormatOf, type OutputFormat } from "./cli-output-format";

/** A finished run's named metrics as `npm run eval` prints them. */
export type CliNamedMetrics = {
  /** A target's named metrics for the `--json` document (empty when it has none). */
  forTarget(targetId: string): NamedMetricExport[];
  /** The "Named metrics" table to print after the summary, or "" when the run has none. */
  text: string;
};

/** Run `view`'s named metrics per target (promptfoo's `metric`), for the summary and `--json`. */
export async function getCliNamedMetrics(
  caller: Caller,
  db: Db,
  view: RunView,
): Promise<CliNamedMetrics> {
  const named = await listRunNamedMetrics(caller, db, view.id);
  const table = formatNamedMetricsTable(view.targets, named);
  return {
    forTarget: (targetId) => namedMetricsExport(named, targetId),
    text: table ? `\n${table}\n` : "",
  };
}

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, "drain");
}

/** The promptfoo description of a case: the test's description when it came from one. */
function describeCase(tags: readonly string[], id: string, isPromptfoo: boolean): string {
  return isPromptfoo ? (tags[1] ?? id) : id;
}

/** Writes the run's trials to `file` in `format`; returns how many trials were written. */
export async function writeRunOutput(
  caller: Caller,
  db: Db,
  view: RunView,
  file: string,
  format: OutputFormat,
): Promise<number> {
  const stream = createWriteStream(file, { encoding: "utf8" });
  const failed = once(stream, "error").then(([error]) => {
    throw error;
  });
  failed.catch(() => undefined);
  let count = 0;
  const work = (async () => {
    if (format === "csv") {
      await write(stream, formatTrialCsvHeader());
      for await (const trial of iterateRunTrials(caller, db, view.id)) {
        await write(stream, formatTrialCsvRow(trial));
        count += 1;
      }
    } else if (format === "jsonl") {
      for await (const trial of iterateRunTrials(caller, db, view.id)) {
        await write(stream, `${JSON.stringify(toTrialJson(trial))}\n`);
        count += 1;
      }
    } else {
      count = await writePromptfooJson(stream, caller, db, view);
    }
    stream.end();
    await once(stream, "finish");
  })();
  await Promise.race([work, failed]);
  return count;
}

/**
 * promptfoo's results file (`promptfoo eval -o results.json`): `{ evalId, results: { version,
 * timestamp, prompts, results, stats }, config, shareableUrl }`. Each Crossbench target is one
 * promptfoo provider column; `config` describes the run (Crossbench has no promptfoo config to
 * echo) and says whether it was simulated, as does each result's metadata.
 */
async function writePromptfooJson(
  stream: WriteStream,
  caller: Caller,
  db: Db,
  view: RunView,
): Promise<number> {
  const suite = await db.suite.findUnique({
    where: { id: view.suite.id },
    select: { format: true },
  });
  const isPromptfoo = suite?.format === "promptfoo";
  const cases = new Map<string, PromptfooCaseInfo>();
  (await loadSuiteCases(db, view.suite.id)).forEach((testCase, index) => {
    cases.set(testCase.id, {
      index,
      description: describeCase(testCase.tags, testCase.id, isPromptfoo),
      vars: testCase.vars ?? {},
      prompt: testCase.messages.filter((m) => m.role === "user").at(-1)?.content ?? "",
      assertions: testCase.assertions,
    });
  });
  const columns = new Map(view.targets.map((target, index) => [target.id, index]));
  const metrics = new Map(view.targets.map((target) => [target.id, emptyPromptfooMetrics()]));
  const stats = { successes: 0, failures: 0, errors: 0 };
  const tokenUsage = { total: 0, prompt: 0, completion: 0, cached: 0, numRequests: 0 };

  await write(
    stream,
    `{"evalId":${JSON.stringify(view.id)},"results":{"version":3,"timestamp":${JSON.stringify(view.createdAt.toISOString())},"results":[`,
  );
  let count = 0;
  for await (const trial of iterateRunTrials(caller, db, view.id)) {
    const result = toPromptfooResult(
      trial,
      cases.get(trial.caseId),
      columns.get(trial.targetId) ?? 0,
    );
    const column = metrics.get(trial.targetId);
    if (column) addToPromptfooMetrics(column, result);
    if (result.failureReason === 2) stats.errors += 1;
    else if (result.success) stats.successes += 1;
    else stats.failures += 1;
    tokenUsage.prompt += result.tokenUsage.prompt;
    tokenUsage.completion += result.tokenUsage.completion;
    tokenUsage.total += result.tokenUsage.total;
    tokenUsage.numRequests += 1;
    await write(stream, `${count === 0 ? "" : ","}\n${JSON.stringify(result)}`);
    count += 1;
  }
  const prompts = view.targets.map((target) => ({
    raw: view.suite.name,
    label: target.label,
    provider: target.label,
    metrics: metrics.get(target.id) ?? (emptyPromptfooMetrics() as PromptfooMetrics),
  }));
  const config = {
    description: view.name,
    providers: view.targets.map((target) => ({ id: target.id, label: target.label })),
    crossbench: {
      runId: view.id,
      status: view.status,
      suite: view.suite,
      simulated: view.isSimulated,
      expectedTrials: view.expectedTrials,
      storedTrials: view.storedTrials,
      note: view.isSimulated
        ? "SIMULATED: outputs, latencies and costs come from the Crossbench emulator, not a real provider."
        : null,
    },
  };
  await write(
    stream,
    `\n],"prompts":${JSON.stringify(prompts)},"stats":${JSON.stringify({ ...stats, tokenUsage })}},"config":${JSON.stringify(config)},"shareableUrl":null}\n`,
  );
  return count;
}
