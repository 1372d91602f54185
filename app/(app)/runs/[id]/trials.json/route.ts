import { streamTrialsExport } from "../trials-export";
import { toTrialJson } from "@/lib/report/trial-export";
import { authedRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** A run's trials as one JSON array, streamed element by element. */
export const GET = authedRoute<{ id: string }>("viewer", (caller, _request, { id: runId }) =>
  streamTrialsExport(
    caller,
    runId,
    { name: "json", contentType: "application/json; charset=utf-8", extension: "json" },
    {
      head: "[\n",
      tail: "\n]\n",
      row: (trial, index) => `${index === 0 ? "" : ",\n"}${JSON.stringify(toTrialJson(trial))}`,
    },
  ),
);
