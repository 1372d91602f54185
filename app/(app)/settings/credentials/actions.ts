"use server";

import { revalidatePath } from "next/cache";
import { credentialInputSchema, deleteCredentialSchema } from "@/lib/schemas/credentials";
import { authedAction } from "@/lib/server/http/action";
import { deleteCredential, saveCredential } from "@/lib/server/domain/access/credentials";
import { getDb } from "@/lib/server/ops/db";
import { getEnv } from "@/lib/server/ops/env";
import { endpointPolicyFromEnv, keyRingFromEnv } from "@/lib/server/ops/server-deps";

/** Saves a platform's credentials; the response carries settings and last-four hints only. */
export const saveCredentialAction = authedAction(
  "admin",
  credentialInputSchema,
  async (caller, input) => {
    const env = getEnv();
    const view = await saveCredential(caller, getDb(), input, {
      keys: keyRingFromEnv(env),
      endpointPolicy: endpointPolicyFromEnv(env),
    });
    revalidatePath("/settings/credentials");
    return view;
  },
);

export const deleteCredentialAction = authedAction(
  "admin",
  deleteCredentialSchema,
  async (caller, input) => {
    await deleteCredential(caller, getDb(), input.platformId);
    revalidatePath("/settings/credentials");
    return { platformId: input.platformId };
  },
);
