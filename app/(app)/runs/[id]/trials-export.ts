import "server-only";
import { actorOf, recordAudit } from "@/lib/server/domain/audit";
import type { Caller } from "@/lib/server/domain/caller";
import { getDb } from "@/lib/server/ops/db";
import { textDownload } from "@/lib/server/http/download";
import { AppError } from "@/lib/server/domain/errors";
import { iterateRunTrials } from "@/lib/server/domain/runs/runs";

/** A trial as the exports write it (one row of iterateRunTrials). */
export type ExportTrial =
  ReturnType<typeof iterateRunTrials> extends AsyncGenerator<infer T, unknown, unknown> ? T : never;

/** Rows encoded per pull: enough to keep the stream busy, few enough to keep memory flat. */
const ROWS_PER_CHUNK = 200;

/**
 * Streams a run's trials in the given format for a signed-in caller (the route wrapper has
 * authenticated them): checks the run exists (404) and the role (403) before any byte is sent,
 * records the export in the audit log, then pulls trials in batches.
 */
export async function streamTrialsExport(
  caller: Caller,
  runId: string,
  format: { name: "csv" | "json"; contentType: string; extension: string },
  encode: {
    head: string;
    row: (trial: ExportTrial, index: number) => string;
    tail: string;
  },
): Promise<Response> {
  const db = getDb();
  const trials = iterateRunTrials(caller, db, runId);
  let first: IteratorResult<ExportTrial, unknown>;
  try {
    first = await trials.next();
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") {
      return new Response("That run was not found.", { status: 404 });
    }
    if (error instanceof AppError && error.code === "FORBIDDEN") {
      return new Response("Your role cannot download these trials.", { status: 403 });
    }
    throw error;
  }
  await recordAudit(db, {
    action: "run.exported",
    actor: actorOf(caller),
    targetType: "run",
    targetId: runId,
    detail: { format: format.name },
    ipAddress: caller.ipAddress,
  });

  return textDownload({
    fileName: `crossbench-run-${runId}-trials.${format.extension}`,
    contentType: format.contentType,
    pieces: encodeTrials(first, trials, encode),
  });
}

/** The export's text, one piece per {@link ROWS_PER_CHUNK} trials. */
async function* encodeTrials(
  first: IteratorResult<ExportTrial, unknown>,
  rest: AsyncIterator<ExportTrial, unknown>,
  encode: { head: string; row: (trial: ExportTrial, index: number) => string; tail: string },
): AsyncGenerator<string> {
  let text = encode.head;
  let index = 0;
  try {
    for (let next = first; !next.done; next = await rest.next()) {
      text += encode.row(next.value, index);
      index += 1;
      if (index % ROWS_PER_CHUNK === 0) {
        yield text;
        text = "";
      }
    }
    yield text + encode.tail;
  } finally {
    // Ends the trial query, whether the client read to the end or went away (cancel).
    await rest.return?.(undefined);
  }
}
