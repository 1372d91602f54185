import { streamTrialsExport } from "../trials-export";
import { formatCsvRow } from "@/lib/report/csv";
import { authedRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

const HEADER = [
  "run_id",
  "target_id",
  "target",
  "case_id",
  "repeat",
  "status",
  "pass",
  "score",
  "output",
  "latency_ms",
  "ttft_ms",
  "output_tokens_per_second",
  "input_tokens",
  "output_tokens",
  "cost_usd",
  "error_kind",
  "error_message",
  "served_by",
  "judge_model",
  "judge_reason",
  "assertions_json",
  "attempts",
  "started_at",
  "finished_at",
  "simulated",
];

/** A run's trials as CSV (formula-neutralised), streamed. */
export const GET = authedRoute<{ id: string }>("viewer", (caller, _request, { id: runId }) =>
  streamTrialsExport(
    caller,
    runId,
    { name: "csv", contentType: "text/csv; charset=utf-8", extension: "csv" },
    {
      head: formatCsvRow(HEADER),
      tail: "",
      row: (trial) =>
        formatCsvRow([
          trial.runId,
          trial.targetId,
          trial.targetLabel,
          trial.caseId,
          trial.repeat,
          trial.status,
          trial.pass,
          trial.score,
          trial.output,
          trial.latencyMs,
          trial.ttftMs,
          trial.outputTokensPerSecond,
          trial.inputTokens,
          trial.outputTokens,
          trial.costUsd,
          trial.errorKind,
          trial.errorMessage,
          trial.servedBy,
          trial.judgeModel,
          trial.judgeReason,
          trial.assertions === null ? null : JSON.stringify(trial.assertions),
          trial.attempts,
          trial.startedAt.toISOString(),
          trial.finishedAt.toISOString(),
          trial.simulated,
        ]),
    },
  ),
);
