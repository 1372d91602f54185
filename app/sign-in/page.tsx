import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { FirstAdminForm } from "@/components/auth/first-admin-form";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/lib/server/ops/db";
import { getEnv } from "@/lib/server/ops/env";
import { getCaller } from "@/lib/server/http/session";
import { hasAnyUser } from "@/lib/server/domain/access/users";

import { createFirstAdminAction } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  if (await getCaller()) redirect("/");
  const isFirstRun = !(await hasAnyUser(getDb()));
  const env = getEnv();
  const isSsoEnabled = Boolean(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET);

  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h1 className="text-xl">
            {isFirstRun ? "Create the first administrator" : "Sign in to Crossbench"}
          </h1>
        </CardTitle>
        <CardDescription>
          {isFirstRun
            ? "Nobody has an account yet. The administrator creates everyone else's account and manages roles and provider credentials."
            : "Accounts are created by an administrator. If you do not have one, ask them."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        {isFirstRun ? (
          <FirstAdminForm createFirstAdmin={createFirstAdminAction} />
        ) : (
          <SignInForm isSsoEnabled={isSsoEnabled} />
        )}
      </CardContent>
    </Card>
  );
}
