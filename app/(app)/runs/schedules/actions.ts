"use server";

import { revalidatePath } from "next/cache";
import {
  saveScheduleFormSchema,
  scheduleIdSchema,
  scheduleInputFromForm,
} from "@/lib/schemas/schedules";
import { authedAction } from "@/lib/server/http/action";
import { getDb } from "@/lib/server/ops/db";
import { enqueueFromApp, getAppConnections } from "@/lib/server/eval/app";
import {
  createSchedule,
  deleteSchedule,
  runScheduleNow,
  setSchedulePaused,
  updateSchedule,
} from "@/lib/server/domain/schedules/schedules";

const revalidate = (id?: string) => {
  revalidatePath("/runs/schedules");
  if (id) revalidatePath(`/runs/schedules/${id}`);
};

/** Saves a new schedule, or (with an id) the schedule's settings as a new version. */
export const saveScheduleAction = authedAction(
  "operator",
  saveScheduleFormSchema,
  async (caller, input) => {
    const schedule = scheduleInputFromForm(input.fields, input.definition);
    const options = { connections: await getAppConnections() };
    const saved = input.id
      ? await updateSchedule(caller, getDb(), { id: input.id, schedule }, options)
      : await createSchedule(caller, getDb(), schedule, options);
    revalidate(saved.id);
    return { scheduleId: saved.id };
  },
);

export const pauseScheduleAction = authedAction(
  "operator",
  scheduleIdSchema,
  async (caller, input) => {
    await setSchedulePaused(caller, getDb(), input, true);
    revalidate(input.id);
    return { isPaused: true };
  },
);

export const resumeScheduleAction = authedAction(
  "operator",
  scheduleIdSchema,
  async (caller, input) => {
    await setSchedulePaused(caller, getDb(), input, false);
    revalidate(input.id);
    return { isPaused: false };
  },
);

/** One run of the schedule at once (its monthly cap still holds). */
export const runScheduleNowAction = authedAction(
  "operator",
  scheduleIdSchema,
  async (caller, input) => {
    const outcome = await runScheduleNow(caller, getDb(), input, {
      connections: await getAppConnections(),
      enqueue: enqueueFromApp,
    });
    revalidate(input.id);
    revalidatePath("/runs");
    return { runId: outcome.kind === "launched" ? outcome.runId : null };
  },
);

/** Deletes the schedule; its runs stay. */
export const deleteScheduleAction = authedAction(
  "operator",
  scheduleIdSchema,
  async (caller, input) => {
    await deleteSchedule(caller, getDb(), input);
    revalidate();
    return { deleted: true };
  },
);
