"use client";

import { authClient } from "@/components/auth/auth-client";
import { openAsNewSession } from "@/components/auth/open-as-new-session";
import { describeSignInError } from "@/components/auth/auth-errors";
import type { ServerAction } from "@/components/forms/action-result";
import {
  checkConfirmation,
  fieldErrorsFromServer,
  hasFieldErrors,
  validateFields,
} from "@/components/forms/field-errors";
import { EmailField, NameField, NewPasswordFields, SubmitFooter } from "@/components/forms/fields";
import { checkedInput, readTexts, useActionForm } from "@/components/forms/use-action-form";
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
  const { isPending, errors, status, handleSubmit } = useActionForm({ fields });

  const onSubmit = handleSubmit({
    read: (data) => {
      const values = readTexts(data, fields, ["name", "email"]);
      const found = checkConfirmation(validateFields(firstAdminSchema, values, labels), values, {
        password: "password",
        confirmation: "confirmPassword",
        message: "The two passwords do not match.",
      });
      const { name, email, password } = values;
      return checkedInput(found, { name, email, password });
    },
    send: createFirstAdmin,
    fieldErrorsOf: (error) => fieldErrorsFromServer(error.fieldErrors, labels),
    describeRefusal: (error, found) =>
      hasFieldErrors(found) ? null : error.code === "CONFLICT" ? (
        <>
          {error.message} <a href="/sign-in">Go to sign-in</a>.
        </>
      ) : (
        error.message
      ),
    onSuccess: async (_created, { input }) => {
      const { error } = await authClient.signIn.email({
        email: input.email,
        password: input.password,
      });
      if (error) {
        return {
          text: (
            <>
              Your account was created, but signing in failed: {describeSignInError(error)}{" "}
              <a href="/sign-in">Go to sign-in</a>.
            </>
          ),
          variant: "error",
        };
      }
      openAsNewSession("/");
      return "navigating";
    },
  });

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
      <NameField label={labels.name} autoComplete="name" error={errors.name} />
      <EmailField label={labels.email} autoComplete="email" error={errors.email} />
      <NewPasswordFields name="password" labels={labels} errors={errors} />
      <SubmitFooter
        status={status}
        isPending={isPending}
        pendingLabel="Creating the administrator…"
        buttonClassName="w-full"
      >
        Create administrator and sign in
      </SubmitFooter>
    </form>
  );
}
