"use server";

import { revalidatePath } from "next/cache";
import { launchRunSchema, runIdSchema } from "@/lib/schemas/runs";
import { importSuiteFormSchema } from "@/lib/schemas/suite-import";
import { authedAction } from "@/lib/server/http/action";
import { getDb } from "@/lib/server/ops/db";
import { enqueueFromApp, getAppConnections } from "@/lib/server/eval/app";
import { deleteRun } from "@/lib/server/domain/runs/run-delete";
import { cancelRun, launchRun, previewLaunch } from "@/lib/server/domain/runs/runs";
import { importSuiteFiles } from "@/lib/server/domain/runs/suites";

/** What a launch would cost and run, without storing anything. */
export const previewLaunchAction = authedAction(
  "operator",
  launchRunSchema,
  async (caller, input) => previewLaunch(caller, getDb(), input, await getAppConnections()),
);

/** Stores the run and queues its jobs. */
export const launchRunAction = authedAction("operator", launchRunSchema, async (caller, input) => {
  const { runId } = await launchRun(caller, getDb(), input, {
    connections: await getAppConnections(),
    enqueue: enqueueFromApp,
  });
  revalidatePath("/runs");
  return { runId };
});

export const cancelRunAction = authedAction("operator", runIdSchema, async (caller, input) => {
  const status = await cancelRun(caller, getDb(), input.runId);
  revalidatePath("/runs");
  revalidatePath(`/runs/${input.runId}`);
  return { status };
});

/** Deletes a run that has ended, with its trials and results; reports keep their copy. */
export const deleteRunAction = authedAction("operator", runIdSchema, async (caller, input) => {
  const deleted = await deleteRun(caller, getDb(), input.runId);
  revalidatePath("/runs");
  return deleted;
});

/** Imports a suite from uploaded files: the first is the suite, the rest files it references. */
export const importSuiteAction = authedAction(
  "operator",
  importSuiteFormSchema,
  async (caller, input) => {
    const files = await Promise.all(
      input.files.map(async (file) => ({
        fileName: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
      })),
    );
    const result = await importSuiteFiles(caller, getDb(), files);
    revalidatePath("/runs/suites");
    revalidatePath("/runs/new");
    return result;
  },
);
