import type { Metadata } from "next";

import { changeRoleAction, createUserAction } from "./actions";
import { PageHeader } from "@/components/page-header";
import { NewUserForm } from "@/components/settings/new-user-form";
import { UsersTable } from "@/components/settings/users-table";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/lib/server/ops/db";
import { requirePageCaller } from "@/lib/server/http/session";
import { listUsers } from "@/lib/server/domain/access/users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const caller = await requirePageCaller("admin");
  const users = await listUsers(caller, getDb());

  return (
    <>
      <PageHeader
        title="Users"
        description="Who can sign in, and with which role. Changes apply at the user's next page load."
      />
      <section aria-labelledby="users-heading" className="flex flex-col gap-3">
        <h2 id="users-heading" className="text-lg font-semibold">
          {users.length === 1 ? "1 user" : `${users.length} users`}
        </h2>
        <UsersTable users={users} currentUserId={caller.userId} changeRole={changeRoleAction} />
      </section>
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h2 className="text-lg">New user</h2>
          </CardTitle>
          <CardDescription>
            Crossbench generates a one-time password; the new user replaces it when they first sign
            in.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <NewUserForm createUser={createUserAction} />
        </CardContent>
      </Card>
    </>
  );
}
