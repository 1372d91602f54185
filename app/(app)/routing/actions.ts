"use server";

import { revalidatePath } from "next/cache";
import { saveRoutingPolicySchema } from "@/lib/schemas/routing";
import { authedAction } from "@/lib/server/http/action";
import { getDb } from "@/lib/server/ops/db";
import { saveRoutingPolicy } from "@/lib/server/domain/comparisons/routing";

/** Saves a simulated policy as a routing target runs can launch. */
export const saveRoutingPolicyAction = authedAction(
  "analyst",
  saveRoutingPolicySchema,
  async (caller, input) => {
    const saved = await saveRoutingPolicy(caller, getDb(), input);
    revalidatePath("/routing");
    revalidatePath("/runs/new");
    return saved;
  },
);
