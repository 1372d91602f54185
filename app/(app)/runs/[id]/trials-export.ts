import "server-only";
import { actorOf, recordAudit } from "@/lib/server/domain/audit";
import type { Caller } from "@/lib/server/domain/caller";
import { getDb } from "@/lib/server/ops/db";
import { textDownload } from "@/lib/server/http/download";
import { AppError } from "@/lib/server/domain/errors";
import {
  openRunTrialsCursor,
  type ExportTrial,
  type RunTrialsCursor,
} from "@/lib/server/domain/runs/trials-cursor";

export type { ExportTrial };

/**
 * Streams a run's trials in the given format for a signed-in caller (the route wrapper has
 * authenticated them): checks the run exists (404) and the role (403) before any byte is sent,
 * records the export in the audit log, then reads one batch of trials from a server-side cursor
 * each time the client pulls a piece, so nothing is read ahead of a slow client.
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
  let cursor: RunTrialsCursor;
  try {
    cursor = await openRunTrialsCursor(caller, db, runId);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") {
      return new Response("That run was not found.", { status: 404 });
    }
    if (error instanceof AppError && error.code === "FORBIDDEN") {
      return new Response("Your role cannot download these trials.", { status: 403 });
    }
    throw error;
  }
  try {
    await recordAudit(db, {
      action: "run.exported",
      actor: actorOf(caller),
      targetType: "run",
      targetId: runId,
      detail: { format: format.name },
      ipAddress: caller.ipAddress,
    });
  } catch (error) {
    await cursor.close();
    throw error;
  }

  return textDownload({
    fileName: `crossbench-run-${runId}-trials.${format.extension}`,
    contentType: format.contentType,
    pieces: encodeTrials(cursor, encode),
  });
}

/** The export's text, one piece per batch the cursor reads. */
async function* encodeTrials(
  cursor: RunTrialsCursor,
  encode: { head: string; row: (trial: ExportTrial, index: number) => string; tail: string },
): AsyncGenerator<string> {
  let index = 0;
  try {
    yield encode.head;
    for (let batch = await cursor.read(); batch; batch = await cursor.read()) {
      const piece: string[] = [];
      for (const trial of batch) {
        piece.push(encode.row(trial, index));
        index += 1;
      }
      yield piece.join("");
    }
    if (encode.tail) yield encode.tail;
  } finally {
    // Ends the query, whether the client read to the end or went away (cancel).
    await cursor.close();
  }
}
