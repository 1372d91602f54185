"use server";

import { authedAction } from "@/lib/server/http/action";
import { getDb } from "@/lib/server/ops/db";
import { cellRepeatsSchema, listCellRepeats } from "@/lib/server/domain/runs/run-view-repeats";

/** A grid cell's repeats after the first, fetched when the reader opens them. Read-only. */
export const listCellRepeatsAction = authedAction("viewer", cellRepeatsSchema, (caller, input) =>
  listCellRepeats(caller, getDb(), input),
);
