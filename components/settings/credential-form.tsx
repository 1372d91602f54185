"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";

import type { ServerAction } from "@/components/forms/action-result";
import {
  ActionStatus,
  describedBy,
  FieldFrame,
  onParsedChange,
  SelectField,
  SubmitButton,
  TextField,
} from "@/components/forms/fields";
import { messageUnlessFieldErrors, useActionForm } from "@/components/forms/use-action-form";
import {
  BEDROCK_AUTH_MODE_LABELS,
  BEDROCK_AUTH_MODES,
  bedrockAuthModeSchema,
  checkCredentialForm,
  CREDENTIAL_FIELD_LABELS,
  getShownLastFour,
  hasStoredSecret,
  listCredentialFields,
  toCredentialFieldErrors,
  type BedrockAuthMode,
  type CredentialField,
  type CredentialFieldSpec,
} from "@/components/settings/credential-fields";
import { Button } from "@/components/ui/button";
import type { CredentialInput, CredentialKind } from "@/lib/schemas/credentials";

export type SaveCredential = ServerAction<CredentialInput, unknown>;

const STORED_NOUN: Partial<Record<CredentialField, string>> = {
  sessionToken: "token",
  serviceAccountJson: "key file",
};

/** "Leave blank to keep the stored key (ending in abcd)", or null when nothing is stored. */
function keepStoredHint(field: CredentialField, secretHints: Record<string, string>) {
  if (!hasStoredSecret(secretHints, field)) return null;
  const noun = STORED_NOUN[field] ?? "key";
  const lastFour = getShownLastFour(secretHints, field);
  if (!lastFour) return `Leave blank to keep the stored ${noun}.`;
  return `Leave blank to keep the stored ${noun} (ending in ${lastFour})`;
}

function joinHints(...hints: (string | null | undefined)[]): ReactNode {
  const shown = hints.filter(Boolean);
  return shown.length ? shown.join(" ") : undefined;
}

/** The service-account key file: secret, so never prefilled, and too long for an input. */
function SecretTextareaField({
  label,
  name,
  hint,
  error,
}: {
  label: string;
  name: string;
  hint?: ReactNode;
  error?: string;
}) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className="md:col-span-2">
      <textarea
        id={id}
        name={name}
        rows={5}
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className="min-h-24 w-full min-w-0 rounded-md border border-input bg-background px-3 py-2 font-mono text-xs shadow-xs transition-colors aria-invalid:border-destructive"
      />
    </FieldFrame>
  );
}

interface CredentialFormProps {
  platform: { id: string; name: string };
  kind: CredentialKind;
  /** Stored non-secret settings, to start from. */
  settings: Record<string, string>;
  /** Stored secrets' last four characters, by field. */
  secretHints: Record<string, string>;
  saveCredential: SaveCredential;
  onClose: () => void;
}

/**
 * One platform's credentials. Secret fields start empty and are emptied again after saving, so the
 * browser never keeps a key around; left empty, they keep the stored secret.
 */
export function CredentialForm({
  platform,
  kind,
  settings,
  secretHints,
  saveCredential,
  onClose,
}: CredentialFormProps) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [authMode, setAuthMode] = useState<BedrockAuthMode>(() => {
    const parsed = bedrockAuthModeSchema.safeParse(settings.authMode);
    return parsed.success ? parsed.data : "api-key";
  });
  const fields = listCredentialFields(kind, { platformId: platform.id, authMode });
  const order = fields.map((field) => field.name);
  const { isPending, errors, status, handleSubmit } = useActionForm({ fields: order });

  useEffect(() => {
    // The form opens on request: take the user to its first field.
    const first = formRef.current?.querySelector<HTMLElement>("input, select, textarea");
    first?.focus();
  }, []);

  function clearSecrets(form: HTMLFormElement) {
    for (const field of fields) {
      if (!field.isSecret) continue;
      const element = form.elements.namedItem(field.name);
      if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
        element.value = "";
      }
    }
  }

  const onSubmit = handleSubmit({
    read: (data) => {
      const values: Partial<Record<CredentialField, string>> = { authMode };
      for (const field of fields) {
        if (field.name !== "authMode") values[field.name] = String(data.get(field.name) ?? "");
      }
      return checkCredentialForm(kind, platform.id, fields, values, secretHints);
    },
    send: saveCredential,
    fieldErrorsOf: (error) => toCredentialFieldErrors(error.fieldErrors, order),
    describeRefusal: messageUnlessFieldErrors,
    onSuccess: (_saved, { form }) => {
      clearSecrets(form);
      router.refresh();
      return { text: "Saved.", variant: "success" };
    },
  });

  function renderField(field: CredentialFieldSpec) {
    const label = CREDENTIAL_FIELD_LABELS[field.name];
    const error = errors[field.name];
    if (field.control === "select") {
      return (
        <SelectField
          key={field.name}
          label={label}
          name={field.name}
          required
          value={authMode}
          onChange={onParsedChange(bedrockAuthModeSchema, setAuthMode)}
          hint={
            authMode === "api-key"
              ? "A Bedrock API key (long-term or short-term)."
              : "An IAM access key pair, with a session token for temporary credentials."
          }
          error={error}
        >
          {BEDROCK_AUTH_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {BEDROCK_AUTH_MODE_LABELS[mode]}
            </option>
          ))}
        </SelectField>
      );
    }
    if (field.control === "textarea") {
      return (
        <SecretTextareaField
          key={field.name}
          label={label}
          name={field.name}
          hint={joinHints(field.hint, keepStoredHint(field.name, secretHints))}
          error={error}
        />
      );
    }
    if (field.isSecret) {
      return (
        <TextField
          key={field.name}
          label={label}
          name={field.name}
          type="password"
          autoComplete="off"
          spellCheck={false}
          required={!field.isOptional && !hasStoredSecret(secretHints, field.name)}
          hint={joinHints(field.hint, keepStoredHint(field.name, secretHints))}
          error={error}
        />
      );
    }
    return (
      <TextField
        key={field.name}
        label={label}
        name={field.name}
        type={field.control === "url" ? "url" : "text"}
        inputMode={field.control === "url" ? "url" : undefined}
        autoComplete="off"
        spellCheck={false}
        required={!field.isOptional}
        defaultValue={settings[field.name] ?? ""}
        hint={field.hint}
        error={error}
        className={field.control === "url" ? "md:col-span-2" : undefined}
      />
    );
  }

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
      <div className="grid gap-5 md:grid-cols-2">{fields.map(renderField)}</div>
      <div>
        <ActionStatus status={status} />
        <div className="flex flex-wrap gap-2">
          <SubmitButton isPending={isPending} pendingLabel="Saving…">
            <span>
              Save<span className="sr-only"> {platform.name} credentials</span>
            </span>
          </SubmitButton>
          <Button variant="ghost" onClick={onClose}>
            Close
          </Button>
        </div>
      </div>
    </form>
  );
}
