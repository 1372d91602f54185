import "server-only";

import { notFound } from "next/navigation";

import type { Caller } from "@/lib/server/domain/caller";
import { AppError } from "@/lib/server/domain/errors";
import { getScheduleDetail } from "@/lib/server/domain/schedules/schedules";
import { decodeRouteParam } from "@/lib/server/http/route-params";
import { getDb } from "@/lib/server/ops/db";

/** The schedule a page's `[id]` names, or the 404 page. */
export async function loadSchedule(caller: Caller, rawId: string) {
  const id = decodeRouteParam(rawId);
  if (id === null) notFound();
  try {
    return await getScheduleDetail(caller, getDb(), { id });
  } catch (error) {
    if (error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "INVALID_INPUT"))
      notFound();
    throw error;
  }
}
