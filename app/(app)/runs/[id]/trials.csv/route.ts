import { streamTrialsExport } from "../trials-export";
import { formatTrialCsvHeader, formatTrialCsvRow } from "@/lib/report/trial-export";
import { authedRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** A run's trials as CSV (formula-neutralised), streamed. */
export const GET = authedRoute<{ id: string }>("viewer", (caller, _request, { id: runId }) =>
  streamTrialsExport(
    caller,
    runId,
    { name: "csv", contentType: "text/csv; charset=utf-8", extension: "csv" },
    { head: formatTrialCsvHeader(), tail: "", row: (trial) => formatTrialCsvRow(trial) },
  ),
);
