"use client";

import { CircleAlert, CircleCheck } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { flushSync } from "react-dom";
import { z } from "zod";

import { authClient } from "@/components/auth/auth-client";
import { openAsNewSession } from "@/components/auth/open-as-new-session";
import { describeChangePasswordError, unreachableMessage } from "@/components/auth/auth-errors";
import {
  focusFirstInvalid,
  hasFieldErrors,
  validateFields,
  type FieldErrors,
} from "@/components/forms/field-errors";
import { FormStatus, NewPasswordFields, SubmitButton, TextField } from "@/components/forms/fields";
import { passwordSchema } from "@/lib/schemas/account";

type Field = "currentPassword" | "newPassword" | "confirmPassword";

const fields: readonly Field[] = ["currentPassword", "newPassword", "confirmPassword"];
const labels: Record<Field, string> = {
  currentPassword: "Current password",
  newPassword: "New password",
  confirmPassword: "Confirm new password",
};
const changePasswordSchema = z.object({ currentPassword: z.string(), newPassword: passwordSchema });

interface ChangePasswordFormProps {
  /** For password managers: which account the new password belongs to. */
  email: string;
  /** The user still has the one-time password an admin gave them. */
  isFirstChange: boolean;
}

/** Changes the password and signs out every other session of this user. */
export function ChangePasswordForm({ email, isFirstChange }: ChangePasswordFormProps) {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [status, setStatus] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isPending) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const values: Record<Field, string> = {
      currentPassword: String(data.get("currentPassword") ?? ""),
      newPassword: String(data.get("newPassword") ?? ""),
      confirmPassword: String(data.get("confirmPassword") ?? ""),
    };
    const found = validateFields(changePasswordSchema, values, labels);
    if (
      !found.newPassword &&
      !found.currentPassword &&
      values.newPassword === values.currentPassword
    ) {
      found.newPassword = "New password must differ from the current one.";
    }
    if (
      !found.confirmPassword &&
      !found.newPassword &&
      values.confirmPassword !== values.newPassword
    ) {
      found.confirmPassword = "The two new passwords do not match.";
    }
    flushSync(() => {
      setErrors(found);
      setStatus(null);
    });
    if (hasFieldErrors(found)) {
      focusFirstInvalid(form, fields, found);
      return;
    }

    setIsPending(true);
    try {
      const { error } = await authClient.changePassword({
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
        revokeOtherSessions: true,
      });
      if (error) {
        const described = describeChangePasswordError(error);
        const fieldErrors: FieldErrors<Field> = described.field
          ? { [described.field]: described.message }
          : {};
        flushSync(() => {
          setErrors(fieldErrors);
          setStatus(described.field ? null : { kind: "error", text: described.message });
          setIsPending(false);
        });
        focusFirstInvalid(form, fields, fieldErrors);
        return;
      }
      if (isFirstChange) {
        // The session was replaced (other sessions revoked): start afresh. Stays pending meanwhile.
        openAsNewSession("/");
        return;
      }
      form.reset();
      setIsPending(false);
      setStatus({
        kind: "success",
        text: "Password changed. Your other sessions, on other browsers or devices, were signed out.",
      });
      router.refresh();
    } catch {
      setStatus({ kind: "error", text: unreachableMessage });
      setIsPending(false);
    }
  }

  return (
    <form noValidate onSubmit={handleSubmit} className="flex flex-col gap-5">
      {/* Lets password managers file the new password under the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField
        label={labels.currentPassword}
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        maxLength={128}
        hint={isFirstChange ? "The one-time password your administrator gave you." : undefined}
        error={errors.currentPassword}
      />
      <NewPasswordFields
        label={labels.newPassword}
        name="newPassword"
        confirmLabel={labels.confirmPassword}
        error={errors.newPassword}
        confirmError={errors.confirmPassword}
      />
      <div>
        <FormStatus
          message={status?.text}
          variant={status?.kind ?? "error"}

          icon={
            status?.kind === "success" ? <CircleCheck aria-hidden /> : <CircleAlert aria-hidden />
          }
        />
        <SubmitButton isPending={isPending} pendingLabel="Changing the password…">
          {isFirstChange ? "Set my password and continue" : "Change password"}
        </SubmitButton>
      </div>
    </form>
  );
}
