"use server";

import { revalidatePath } from "next/cache";
import {
  lockinWeightsSchema,
  resetLockinSchema,
  workloadProfileSchema,
} from "@/lib/schemas/lockin";
import { z } from "zod";
import { authedAction } from "@/lib/server/http/action";
import { getDb } from "@/lib/server/ops/db";
import {
  getPlatformFactors,
  listLockinModelOptions,
  resetLockinWeights,
  resetWorkloadProfile,
  saveLockinWeights,
  saveWorkloadProfile,
} from "@/lib/server/domain/comparisons/lockin";

/** Saves the caller's lock-in factor weights. */
export const saveLockinWeightsAction = authedAction(
  "analyst",
  lockinWeightsSchema,
  async (caller, input) => {
    const weights = await saveLockinWeights(caller, getDb(), input);
    revalidatePath("/lock-in");
    return weights;
  },
);

/** Puts the caller back on the default rubric. */
export const resetLockinWeightsAction = authedAction(
  "analyst",
  resetLockinSchema,
  async (caller) => {
    const weights = await resetLockinWeights(caller, getDb());
    revalidatePath("/lock-in");
    return weights;
  },
);

/** Saves the caller's workload profile. */
export const saveWorkloadProfileAction = authedAction(
  "analyst",
  workloadProfileSchema,
  async (caller, input) => {
    const profile = await saveWorkloadProfile(caller, getDb(), input);
    revalidatePath("/lock-in");
    return profile;
  },
);

/** Drops the caller's saved profile; returns the example profile. */
export const resetWorkloadProfileAction = authedAction(
  "analyst",
  resetLockinSchema,
  async (caller) => {
    const profile = await resetWorkloadProfile(caller, getDb());
    revalidatePath("/lock-in");
    return profile;
  },
);

/** One platform's factors and evidence, loaded when its row on the page is opened. */
export const loadPlatformFactorsAction = authedAction(
  "viewer",
  z.object({ platformId: z.string().trim().min(1).max(100) }),
  async (caller, input) => getPlatformFactors(caller, getDb(), input.platformId),
);

/** The model ids and names the profile editor suggests, loaded when the editor is first used. */
export const listLockinModelOptionsAction = authedAction("viewer", z.object({}), async (caller) =>
  listLockinModelOptions(caller, getDb()),
);
