"use server";

import { firstAdminSchema } from "@/lib/schemas/account";
import { publicAction } from "@/lib/server/http/action";
import { getDb } from "@/lib/server/ops/db";
import { getRequestClientAddress } from "@/lib/server/http/session";
import { createFirstAdmin } from "@/lib/server/domain/access/users";

/** Creates the first administrator; refused as soon as any user exists. */
export const createFirstAdminAction = publicAction(
  "first run: no account exists yet, so nobody can authenticate; refused once any user exists",
  firstAdminSchema,
  async (input) => {
    const user = await createFirstAdmin(getDb(), input, await getRequestClientAddress());
    return { email: user.email };
  },
);
