"use client";

import { z } from "zod";

import { authClient } from "@/components/auth/auth-client";
import { openAsNewSession } from "@/components/auth/open-as-new-session";
import { describeSignInError } from "@/components/auth/auth-errors";
import { refusal } from "@/components/forms/action-result";
import { validateFields } from "@/components/forms/field-errors";
import { EmailField, SubmitFooter, TextField } from "@/components/forms/fields";
import { checkedInput, readTexts, useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { emailSchema } from "@/lib/schemas/account";

type Field = "email" | "password";

const fields: readonly Field[] = ["email", "password"];
const labels: Record<Field, string> = { email: "Email", password: "Password" };
const signInSchema = z.object({ email: emailSchema, password: z.string() });

/** Email and password sign-in; with `isSsoEnabled`, also single sign-on through the OIDC provider. */
export function SignInForm({ isSsoEnabled = false }: { isSsoEnabled?: boolean }) {
  const { isPending, errors, status, handleSubmit } = useActionForm({ fields });

  const onSubmit = handleSubmit({
    read: (data) => {
      const values = readTexts(data, fields, ["email"]);
      return checkedInput(validateFields(signInSchema, values, labels), values);
    },
    send: async (values) => {
      const { error } = await authClient.signIn.email(values);
      return error ? refusal(describeSignInError(error)) : { ok: true, data: null };
    },
    onRefused: (_error, form) => {
      const password = form.elements.namedItem("password");
      if (password instanceof HTMLInputElement) {
        password.value = "";
        password.focus();
      }
    },
    onSuccess: () => {
      openAsNewSession("/");
      return "navigating";
    },
  });

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
      <EmailField label={labels.email} autoComplete="username" error={errors.email} />
      <TextField
        label={labels.password}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        maxLength={128}
        error={errors.password}
      />
      <SubmitFooter
        status={status}
        isPending={isPending}
        pendingLabel="Signing in…"
        buttonClassName="w-full"
        after={
          isSsoEnabled ? (
            <Button
              variant="outline"
              className="mt-3 w-full"
              disabled={isPending}
              onClick={() => {
                // The provider redirects back to /api/auth/callback/oidc, then to the overview.
                void authClient.signIn.social({ provider: "oidc", callbackURL: "/" });
              }}
            >
              Sign in with single sign-on
            </Button>
          ) : null
        }
      >
        Sign in
      </SubmitFooter>
    </form>
  );
}
