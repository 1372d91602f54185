"use client";

import { CircleAlert } from "lucide-react";
import { useState, type FormEvent, type ReactNode } from "react";
import { flushSync } from "react-dom";

import { authClient } from "@/components/auth/auth-client";
import { openAsNewSession } from "@/components/auth/open-as-new-session";
import { describeSignInError, unreachableMessage } from "@/components/auth/auth-errors";
import type { ServerAction } from "@/components/forms/action-result";
import {
  fieldErrorsFromServer,
  focusFirstInvalid,
  hasFieldErrors,
  validateFields,
  type FieldErrors,
} from "@/components/forms/field-errors";
import { FormStatus, NewPasswordFields, SubmitButton, TextField } from "@/components/forms/fields";
import { firstAdminSchema, type FirstAdminInput } from "@/lib/schemas/account";

type Field = "name" | "email" | "password" | "confirmPassword";

const fields: readonly Field[] = ["name", "email", "password", "confirmPassword"];
const labels: Record<Field, string> = {
  name: "Name",
  email: "Email",
  password: "Password",
  confirmPassword: "Confirm password",
};

interface FirstAdminFormProps {
  createFirstAdmin: ServerAction<FirstAdminInput, { email: string }>;
}

/** First run: creates the administrator account, then signs in with it. */
export function FirstAdminForm({ createFirstAdmin }: FirstAdminFormProps) {
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [message, setMessage] = useState<ReactNode>(null);
  const [isPending, setIsPending] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isPending) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const values: Record<Field, string> = {
      name: String(data.get("name") ?? "").trim(),
      email: String(data.get("email") ?? "").trim(),
      password: String(data.get("password") ?? ""),
      confirmPassword: String(data.get("confirmPassword") ?? ""),
    };
    const found = validateFields(firstAdminSchema, values, labels);
    if (!found.confirmPassword && !found.password && values.confirmPassword !== values.password) {
      found.confirmPassword = "The two passwords do not match.";
    }
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
      const input = { name: values.name, email: values.email, password: values.password };
      const result = await createFirstAdmin(input);
      if (!result.ok) {
        const serverErrors = fieldErrorsFromServer(result.error.fieldErrors, labels);
        flushSync(() => {
          setErrors(serverErrors);
          setMessage(
            hasFieldErrors(serverErrors) ? null : result.error.code === "CONFLICT" ? (
              <>
                {result.error.message} <a href="/sign-in">Go to sign-in</a>.
              </>
            ) : (
              result.error.message
            ),
          );
          setIsPending(false);
        });
        focusFirstInvalid(form, fields, serverErrors);
        return;
      }
      const { error } = await authClient.signIn.email({
        email: input.email,
        password: input.password,
      });
      if (error) {
        setMessage(
          <>
            Your account was created, but signing in failed: {describeSignInError(error)}{" "}
            <a href="/sign-in">Go to sign-in</a>.
          </>,
        );
        setIsPending(false);
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
        label={labels.name}
        name="name"
        autoComplete="name"
        required
        maxLength={100}
        error={errors.name}
      />
      <TextField
        label={labels.email}
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        spellCheck={false}
        required
        error={errors.email}
      />
      <NewPasswordFields
        label={labels.password}
        name="password"
        confirmLabel={labels.confirmPassword}
        error={errors.password}
        confirmError={errors.confirmPassword}
      />
      <div>
        <FormStatus message={message} icon={<CircleAlert aria-hidden />} />
        <SubmitButton
          isPending={isPending}
          pendingLabel="Creating the administrator…"
          className="w-full"
        >
          Create administrator and sign in
        </SubmitButton>
      </div>
    </form>
  );
}
