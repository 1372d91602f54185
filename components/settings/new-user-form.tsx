"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";

import type { ServerAction } from "@/components/forms/action-result";
import { fieldErrorsFromServer, validateFields } from "@/components/forms/field-errors";
import {
  EmailField,
  NameField,
  onParsedChange,
  SelectField,
  SubmitFooter,
} from "@/components/forms/fields";
import {
  checkedInput,
  messageUnlessFieldErrors,
  readTexts,
  useActionForm,
} from "@/components/forms/use-action-form";
import { formatRole } from "@/components/role-badge";
import { OneTimePasswordPanel } from "@/components/settings/one-time-password-panel";
import { createUserSchema, type CreateUserInput } from "@/lib/schemas/account";
import { ROLE_DESCRIPTIONS, ROLES, roleSchema, type Role } from "@/lib/schemas/roles";

type Field = "name" | "email" | "role";

const fields: readonly Field[] = ["name", "email", "role"];
const labels: Record<Field, string> = { name: "Name", email: "Email", role: "Role" };

type CreateUser = ServerAction<
  CreateUserInput,
  { user: { email: string }; oneTimePassword: string }
>;

/** Creates an account with a generated one-time password, then shows that password once. */
export function NewUserForm({ createUser }: { createUser: CreateUser }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [role, setRole] = useState<Role>("viewer");
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);
  const { isPending, errors, status, handleSubmit } = useActionForm({ fields });

  const onSubmit = handleSubmit({
    read: (data) => {
      const values = readTexts(data, fields, ["name", "email"]);
      setCreated(null);
      return checkedInput(validateFields(createUserSchema, values, labels), {
        name: values.name,
        email: values.email,
        role,
      });
    },
    send: createUser,
    fieldErrorsOf: (error) => {
      const found = fieldErrorsFromServer(error.fieldErrors, labels);
      return error.code === "CONFLICT" ? { ...found, email: error.message } : found;
    },
    describeRefusal: messageUnlessFieldErrors,
    onSuccess: (data, { form }) => {
      form.reset();
      setRole("viewer");
      setCreated({ email: data.user.email, password: data.oneTimePassword });
      router.refresh();
    },
  });

  return (
    <div className="flex flex-col gap-6">
      {created ? (
        <OneTimePasswordPanel
          email={created.email}
          password={created.password}
          onDone={() => {
            setCreated(null);
            const name = formRef.current?.elements.namedItem("name");
            if (name instanceof HTMLElement) name.focus();
          }}
        />
      ) : null}
      <form ref={formRef} noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
        <div className="grid gap-5 md:grid-cols-2">
          <NameField label={labels.name} autoComplete="off" error={errors.name} />
          <EmailField label={labels.email} autoComplete="off" error={errors.email} />
        </div>
        <SelectField
          label={labels.role}
          name="role"
          required
          value={role}
          onChange={onParsedChange(roleSchema, setRole)}
          hint={ROLE_DESCRIPTIONS[role]}
          error={errors.role}
          className="md:max-w-sm"
        >
          {ROLES.map((option) => (
            <option key={option} value={option}>
              {formatRole(option)}
            </option>
          ))}
        </SelectField>
        <SubmitFooter status={status} isPending={isPending} pendingLabel="Creating…">
          Create user
        </SubmitFooter>
      </form>
    </div>
  );
}
