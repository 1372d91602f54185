import { streamTrialsExport, type ExportTrial } from "../trials-export";
import { authedRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

function toJson(trial: ExportTrial): string {
  return JSON.stringify({
    id: trial.id.toString(),
    runId: trial.runId,
    targetId: trial.targetId,
    target: trial.targetLabel,
    caseId: trial.caseId,
    repeat: trial.repeat,
    status: trial.status,
    pass: trial.pass,
    score: trial.score,
    output: trial.output,
    assertions: trial.assertions,
    judgeModel: trial.judgeModel,
    judgeReason: trial.judgeReason,
    latencyMs: trial.latencyMs,
    ttftMs: trial.ttftMs,
    outputTokensPerSecond: trial.outputTokensPerSecond,
    inputTokens: trial.inputTokens,
    outputTokens: trial.outputTokens,
    costUsd: trial.costUsd,
    errorKind: trial.errorKind,
    errorMessage: trial.errorMessage,
    servedBy: trial.servedBy,
    attempts: trial.attempts,
    startedAt: trial.startedAt.toISOString(),
    finishedAt: trial.finishedAt.toISOString(),
    simulated: trial.simulated,
  });
}

/** A run's trials as one JSON array, streamed element by element. */
export const GET = authedRoute<{ id: string }>("viewer", (caller, _request, { id: runId }) =>
  streamTrialsExport(
    caller,
    runId,
    { name: "json", contentType: "application/json; charset=utf-8", extension: "json" },
    {
      head: "[\n",
      tail: "\n]\n",
      row: (trial, index) => `${index === 0 ? "" : ",\n"}${toJson(trial)}`,
    },
  ),
);
