"use client";

import { CircleAlert } from "lucide-react";
import { useState, type FormEvent } from "react";
import { flushSync } from "react-dom";
import { z } from "zod";

import { authClient } from "@/components/auth/auth-client";
import { openAsNewSession } from "@/components/auth/open-as-new-session";
import { describeSignInError, unreachableMessage } from "@/components/auth/auth-errors";
import {
  focusFirstInvalid,
  hasFieldErrors,
  validateFields,
  type FieldErrors,
} from "@/components/forms/field-errors";
import { FormStatus, SubmitButton, TextField } from "@/components/forms/fields";
import { Button } from "@/components/ui/button";
import { emailSchema } from "@/lib/schemas/account";

type Field = "email" | "password";

const fields: readonly Field[] = ["email", "password"];
const labels: Record<Field, string> = { email: "Email", password: "Password" };
const signInSchema = z.object({ email: emailSchema, password: z.string() });

/** Email and password sign-in; with `isSsoEnabled`, also single sign-on through the OIDC provider. */
export function SignInForm({ isSsoEnabled = false }: { isSsoEnabled?: boolean }) {
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isPending) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const values = {
      email: String(data.get("email") ?? "").trim(),
      password: String(data.get("password") ?? ""),
    };
    const found = validateFields(signInSchema, values, labels);
    flushSync(() => {
      setErrors(found);
      setMessage(null);
    });
    if (hasFieldErrors(found)) {
      focusFirstInvalid(form, fields, found);
      return;
    }
    setIsPending(true);
    try {
      const { error } = await authClient.signIn.email(values);
      if (error) {
        flushSync(() => {
          setMessage(describeSignInError(error));
          setIsPending(false);
        });
        const password = form.elements.namedItem("password");
        if (password instanceof HTMLInputElement) {
          password.value = "";
          password.focus();
        }
        return;
      }
      // Stays pending until the overview has loaded.
      openAsNewSession("/");
    } catch {
      setMessage(unreachableMessage);
      setIsPending(false);
    }
  }

  return (
    <form noValidate onSubmit={handleSubmit} className="flex flex-col gap-5">
      <TextField
        label={labels.email}
        name="email"
        type="email"
        autoComplete="username"
        inputMode="email"
        spellCheck={false}
        required
        error={errors.email}
      />
      <TextField
        label={labels.password}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        maxLength={128}
        error={errors.password}
      />
      <div>
        <FormStatus message={message} icon={<CircleAlert aria-hidden />} />
        <SubmitButton isPending={isPending} pendingLabel="Signing in…" className="w-full">
          Sign in
        </SubmitButton>
        {isSsoEnabled ? (
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
        ) : null}
      </div>
    </form>
  );
}
