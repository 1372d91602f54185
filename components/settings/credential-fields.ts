import { z } from "zod";

import type { FieldErrors } from "@/components/forms/field-errors";
import {
  credentialInputSchema,
  getPublicBaseUrl,
  isSelfHostedPlatform,
  SECRET_FIELDS,
  type CredentialInput,
  type CredentialKind,
} from "@/lib/schemas/credentials";

/**
 * What the provider-credentials form shows for each kind of credential, which of its fields must be
 * filled in, and how its messages read. Pure, so that the rules are tested without a browser.
 */

export type CredentialField =
  | "apiKey"
  | "authMode"
  | "region"
  | "accessKeyId"
  | "secretAccessKey"
  | "sessionToken"
  | "endpoint"
  | "apiVersion"
  | "project"
  | "location"
  | "serviceAccountJson"
  | "baseUrl";

export const CREDENTIAL_FIELDS: readonly CredentialField[] = [
  "apiKey",
  "authMode",
  "region",
  "accessKeyId",
  "secretAccessKey",
  "sessionToken",
  "endpoint",
  "apiVersion",
  "project",
  "location",
  "serviceAccountJson",
  "baseUrl",
];

export const CREDENTIAL_FIELD_LABELS: Record<CredentialField, string> = {
  apiKey: "API key",
  authMode: "Authentication",
  region: "Region",
  accessKeyId: "Access key ID",
  secretAccessKey: "Secret access key",
  sessionToken: "Session token",
  endpoint: "Endpoint",
  apiVersion: "API version",
  project: "Project",
  location: "Location",
  serviceAccountJson: "Service account JSON",
  baseUrl: "Base URL",
};

export const BEDROCK_AUTH_MODES = ["api-key", "access-key"] as const;
export type BedrockAuthMode = (typeof BEDROCK_AUTH_MODES)[number];
export const bedrockAuthModeSchema = z.enum(BEDROCK_AUTH_MODES);

export const BEDROCK_AUTH_MODE_LABELS: Record<BedrockAuthMode, string> = {
  "api-key": "API key",
  "access-key": "Access key",
};

export interface CredentialFieldSpec {
  name: CredentialField;
  control: "text" | "url" | "password" | "textarea" | "select";
  isSecret: boolean;
  /** May be left empty even when nothing is stored. */
  isOptional: boolean;
  hint?: string;
}

function secretField(name: CredentialField, isOptional = false): CredentialFieldSpec {
  return { name, control: "password", isSecret: true, isOptional };
}

/**
 * The fields of one platform's form, in order. Bedrock shows the keys of the chosen authentication
 * only; a self-hosted server may need no key at all.
 */
export function listCredentialFields(
  kind: CredentialKind,
  options: { platformId: string; authMode: BedrockAuthMode },
): CredentialFieldSpec[] {
  switch (kind) {
    case "openai":
    case "anthropic":
    case "google-ai":
      return [secretField("apiKey")];
    case "bedrock":
      return [
        { name: "authMode", control: "select", isSecret: false, isOptional: false },
        {
          name: "region",
          control: "text",
          isSecret: false,
          isOptional: false,
          hint: "Such as us-east-1.",
        },
        ...(options.authMode === "api-key"
          ? [secretField("apiKey")]
          : [
              secretField("accessKeyId"),
              secretField("secretAccessKey"),
              {
                ...secretField("sessionToken", true),
                hint: "Optional: only for temporary credentials.",
              },
            ]),
      ];
    case "azure":
      return [
        {
          name: "endpoint",
          control: "url",
          isSecret: false,
          isOptional: false,
          hint: "The resource's address, such as https://my-resource.openai.azure.com.",
        },
        {
          name: "apiVersion",
          control: "text",
          isSecret: false,
          isOptional: true,
          hint: "Optional: leave empty for the version Crossbench was tested with.",
        },
        secretField("apiKey"),
      ];
    case "vertex":
      return [
        {
          name: "project",
          control: "text",
          isSecret: false,
          isOptional: false,
          hint: "The project ID, such as my-project-123.",
        },
        {
          name: "location",
          control: "text",
          isSecret: false,
          isOptional: false,
          hint: "Such as us-central1, or global.",
        },
        {
          name: "serviceAccountJson",
          control: "textarea",
          isSecret: true,
          isOptional: false,
          hint: "Paste the whole key file of a service account that may call Vertex AI.",
        },
      ];
    case "openai-compatible": {
      const isSelfHosted = isSelfHostedPlatform(options.platformId);
      const publicBaseUrl = getPublicBaseUrl(options.platformId);
      return [
        {
          name: "baseUrl",
          control: "url",
          isSecret: false,
          isOptional: false,
          hint: isSelfHosted
            ? "The server's OpenAI-compatible API, such as https://llm.example.com/v1. Addresses on this machine also need ALLOW_LOCAL_ENDPOINTS=true."
            : publicBaseUrl
              ? `The platform's OpenAI-compatible API: ${publicBaseUrl}.`
              : "The platform's OpenAI-compatible API, such as https://api.example.com/v1.",
        },
        isSelfHosted
          ? {
              ...secretField("apiKey", true),
              hint: "Optional: leave empty if the server has none.",
            }
          : secretField("apiKey"),
      ];
    }
  }
}

/** Whether a secret of this field is stored; the hint is "" when it is too short to show. */
export function hasStoredSecret(secretHints: Record<string, string>, field: CredentialField) {
  return Object.hasOwn(secretHints, field);
}

/**
 * The last four characters of a stored secret, to tell keys apart; null when the secret is too
 * short to show any, or is a JSON key file, whose last characters are braces and quotes.
 */
export function getShownLastFour(
  secretHints: Record<string, string>,
  field: CredentialField,
): string | null {
  const lastFour = secretHints[field];
  return lastFour && field !== "serviceAccountJson" ? lastFour : null;
}

/** The stored secrets of a credential, in form order. */
export function listStoredSecrets(
  kind: CredentialKind,
  secretHints: Record<string, string>,
): CredentialField[] {
  return CREDENTIAL_FIELDS.filter(
    (field) => SECRET_FIELDS[kind].includes(field) && hasStoredSecret(secretHints, field),
  );
}

function asSentence(label: string, message: string): string {
  // The schema's messages follow the label ("is required"); the endpoint check's are sentences.
  const text = /^[A-Z]/.test(message) ? message : `${label} ${message}`;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Field messages (from zod or the server) as one sentence per shown field; others are dropped. */
export function toCredentialFieldErrors(
  messages: Record<string, string[] | undefined> | undefined,
  shown: readonly CredentialField[],
): FieldErrors<CredentialField> {
  const errors: FieldErrors<CredentialField> = {};
  if (!messages) return errors;
  for (const field of shown) {
    const message = messages[field]?.[0];
    if (message) errors[field] = asSentence(CREDENTIAL_FIELD_LABELS[field], message);
  }
  return errors;
}

export type CredentialCheck =
  | { ok: true; input: CredentialInput }
  /** `message` is set when the problem is not in a field the form shows. */
  | { ok: false; errors: FieldErrors<CredentialField>; message: string | null };

/**
 * Checks the form in the browser with the action's own schema. An empty secret is fine when one is
 * stored (the server keeps it); otherwise required secrets must be entered. Fields not shown are
 * sent empty, so a secret of the other Bedrock authentication is never sent.
 */
export function checkCredentialForm(
  kind: CredentialKind,
  platformId: string,
  fields: readonly CredentialFieldSpec[],
  values: Partial<Record<CredentialField, string>>,
  secretHints: Record<string, string>,
): CredentialCheck {
  const raw: Record<string, string> = { kind, platformId };
  const messages: Record<string, string[]> = {};
  for (const field of fields) {
    const value = (values[field.name] ?? "").trim();
    raw[field.name] = value;
    const isStored = field.isSecret && hasStoredSecret(secretHints, field.name);
    if (value === "" && !field.isOptional && !isStored) messages[field.name] = ["is required"];
  }
  const parsed = credentialInputSchema.safeParse(raw);
  if (!parsed.success) {
    for (const [field, fieldMessages] of Object.entries(z.flattenError(parsed.error).fieldErrors)) {
      if (!messages[field] && Array.isArray(fieldMessages)) messages[field] = fieldMessages;
    }
  }
  const shown = fields.map((field) => field.name);
  const errors = toCredentialFieldErrors(messages, shown);
  if (Object.values(errors).some(Boolean)) return { ok: false, errors, message: null };
  if (!parsed.success) {
    return { ok: false, errors, message: "These credentials do not fit this platform." };
  }
  return { ok: true, input: parsed.data };
}
