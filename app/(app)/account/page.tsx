import { KeyRound } from "lucide-react";
import type { Metadata } from "next";

import { AccountSummary } from "@/components/account/account-summary";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { PageHeader } from "@/components/page-header";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePageCaller } from "@/lib/server/http/session";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  // The one page a user with a one-time password may open: it is where they replace it.
  const caller = await requirePageCaller("viewer", { allowPasswordChange: true });

  return (
    <>
      <PageHeader title="Account" description="Who you are signed in as, and your password." />
      {caller.mustChangePassword ? (
        <Alert variant="info">
          <KeyRound aria-hidden />
          <div className="flex flex-col gap-1">
            <p className="font-semibold">Choose your own password to continue</p>
            <p>
              You signed in with a one-time password from an administrator. Replace it below; the
              rest of Crossbench opens once you have.
            </p>
          </div>
        </Alert>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h2 className="text-lg">Profile</h2>
          </CardTitle>
          <CardDescription>An administrator manages names, emails and roles.</CardDescription>
        </CardHeader>
        <CardContent>
          <AccountSummary name={caller.name} email={caller.email} role={caller.role} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h2 className="text-lg">Change password</h2>
          </CardTitle>
          <CardDescription>Changing it signs out your other sessions.</CardDescription>
        </CardHeader>
        <CardContent className="max-w-md">
          <ChangePasswordForm email={caller.email} isFirstChange={caller.mustChangePassword} />
        </CardContent>
      </Card>
    </>
  );
}
