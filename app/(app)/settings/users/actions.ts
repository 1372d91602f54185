"use server";

import { revalidatePath } from "next/cache";
import { changeRoleSchema, createUserSchema } from "@/lib/schemas/account";
import { authedAction } from "@/lib/server/http/action";
import { getDb } from "@/lib/server/ops/db";
import { changeUserRole, createUser } from "@/lib/server/domain/access/users";

/** Creates a user and returns their one-time password, shown once to the admin. */
export const createUserAction = authedAction("admin", createUserSchema, async (caller, input) => {
  const result = await createUser(caller, getDb(), input);
  revalidatePath("/settings/users");
  return result;
});

export const changeRoleAction = authedAction("admin", changeRoleSchema, async (caller, input) => {
  const user = await changeUserRole(caller, getDb(), input);
  revalidatePath("/settings/users");
  return user;
});
