"use client";

import { CircleAlert } from "lucide-react";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { flushSync } from "react-dom";

import type { ServerAction } from "@/components/forms/action-result";
import {
  fieldErrorsFromServer,
  focusFirstInvalid,
  hasFieldErrors,
  validateFields,
  type FieldErrors,
} from "@/components/forms/field-errors";
import { FormStatus, SelectField, SubmitButton, TextField } from "@/components/forms/fields";
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
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isPending) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const values: Record<Field, string> = {
      name: String(data.get("name") ?? "").trim(),
      email: String(data.get("email") ?? "").trim(),
      role: String(data.get("role") ?? ""),
    };
    const found = validateFields(createUserSchema, values, labels);
    flushSync(() => {
      setErrors(found);
      setMessage(null);
      setCreated(null);
    });
    if (hasFieldErrors(found)) {
      focusFirstInvalid(form, fields, found);
      return;
    }

    setIsPending(true);
    try {
      const result = await createUser({ name: values.name, email: values.email, role });
      if (!result.ok) {
        const serverErrors = fieldErrorsFromServer(result.error.fieldErrors, labels);
        if (result.error.code === "CONFLICT") serverErrors.email = result.error.message;
        flushSync(() => {
          setErrors(serverErrors);
          setMessage(hasFieldErrors(serverErrors) ? null : result.error.message);
          setIsPending(false);
        });
        focusFirstInvalid(form, fields, serverErrors);
        return;
      }
      form.reset();
      setRole("viewer");
      setIsPending(false);
      setCreated({ email: result.data.user.email, password: result.data.oneTimePassword });
      router.refresh();
    } catch {
      setMessage("Could not reach the server. Check the connection and try again.");
      setIsPending(false);
    }
  }

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
      <form ref={formRef} noValidate onSubmit={handleSubmit} className="flex flex-col gap-5">
        <div className="grid gap-5 md:grid-cols-2">
          <TextField
            label={labels.name}
            name="name"
            autoComplete="off"
            required
            maxLength={100}
            error={errors.name}
          />
          <TextField
            label={labels.email}
            name="email"
            type="email"
            autoComplete="off"
            inputMode="email"
            spellCheck={false}
            required
            error={errors.email}
          />
        </div>
        <SelectField
          label={labels.role}
          name="role"
          required
          value={role}
          onChange={(event) => {
            const parsed = roleSchema.safeParse(event.target.value);
            if (parsed.success) setRole(parsed.data);
          }}
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
        <div>
          <FormStatus message={message} icon={<CircleAlert aria-hidden />} />
          <SubmitButton isPending={isPending} pendingLabel="Creating…">
            Create user
          </SubmitButton>
        </div>
      </form>
    </div>
  );
}
