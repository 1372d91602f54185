"use client";

import { useRouter } from "next/navigation";
import { z } from "zod";

import { authClient } from "@/components/auth/auth-client";
import { openAsNewSession } from "@/components/auth/open-as-new-session";
import { describeChangePasswordError } from "@/components/auth/auth-errors";
import { refusal } from "@/components/forms/action-result";
import { checkConfirmation, validateFields } from "@/components/forms/field-errors";
import { NewPasswordFields, SubmitFooter, TextField } from "@/components/forms/fields";
import {
  checkedInput,
  messageUnlessFieldErrors,
  readTexts,
  useActionForm,
} from "@/components/forms/use-action-form";
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
  const { isPending, errors, status, handleSubmit } = useActionForm({ fields });

  const onSubmit = handleSubmit({
    read: (data) => {
      const values = readTexts(data, fields);
      const found = validateFields(changePasswordSchema, values, labels);
      if (
        !found.newPassword &&
        !found.currentPassword &&
        values.newPassword === values.currentPassword
      ) {
        found.newPassword = "New password must differ from the current one.";
      }
      const checked = checkConfirmation(found, values, {
        password: "newPassword",
        confirmation: "confirmPassword",
        message: "The two new passwords do not match.",
      });
      return checkedInput(checked, values);
    },
    send: async ({ currentPassword, newPassword }) => {
      const { error } = await authClient.changePassword({
        currentPassword,
        newPassword,
        revokeOtherSessions: true,
      });
      if (!error) return { ok: true, data: null };
      const described = describeChangePasswordError(error);
      const fieldErrors = described.field ? { [described.field]: [described.message] } : undefined;
      return refusal(described.message, fieldErrors);
    },
    describeRefusal: messageUnlessFieldErrors,
    onSuccess: (_data, { form }) => {
      if (isFirstChange) {
        // The session was replaced (other sessions revoked): start afresh. Stays pending meanwhile.
        openAsNewSession("/");
        return "navigating";
      }
      form.reset();
      router.refresh();
      return {
        text: "Password changed. Your other sessions, on other browsers or devices, were signed out.",
        variant: "success",
      };
    },
  });

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
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
      <NewPasswordFields name="newPassword" labels={labels} errors={errors} />
      <SubmitFooter status={status} isPending={isPending} pendingLabel="Changing the password…">
        {isFirstChange ? "Set my password and continue" : "Change password"}
      </SubmitFooter>
    </form>
  );
}
