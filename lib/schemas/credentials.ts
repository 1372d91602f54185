import { z } from "zod";
import { getPlatform, PLATFORMS, type CredentialKind } from "@/lib/catalog/platforms";

/**
 * Provider credentials as the Settings form and the server action see them. Secret fields are
 * write-only: the browser sends them, the server seals them and never sends them back. A blank
 * secret on update keeps the stored one, so an admin can change a region without re-typing a key.
 */

export { CREDENTIAL_KINDS, type CredentialKind } from "@/lib/catalog/platforms";

/** Which kind of credential each platform takes; platforms that take none are absent. */
export const PLATFORM_CREDENTIAL_KIND: Readonly<Partial<Record<string, CredentialKind>>> =
  Object.fromEntries(
    PLATFORMS.flatMap(({ id, credentialKind }) =>
      credentialKind === null ? [] : [[id, credentialKind] as const],
    ),
  );

/** Whether a platform is a server the user runs (its API key may then be left empty). */
export function isSelfHostedPlatform(platformId: string): boolean {
  return getPlatform(platformId)?.kind === "self_hosted";
}

/** The one base URL of a platform with a public OpenAI-compatible endpoint; null for the others. */
export function getPublicBaseUrl(platformId: string): string | null {
  return getPlatform(platformId)?.publicEndpoint?.baseUrl ?? null;
}

/** Field names of each kind that are secret (sealed at rest, never returned). */
export const SECRET_FIELDS: Record<CredentialKind, readonly string[]> = {
  openai: ["apiKey"],
  anthropic: ["apiKey"],
  bedrock: ["apiKey", "accessKeyId", "secretAccessKey", "sessionToken"],
  azure: ["apiKey"],
  vertex: ["serviceAccountJson"],
  "google-ai": ["apiKey"],
  "openai-compatible": ["apiKey"],
};

const secret = (label: string) =>
  z.string().trim().max(20_000, `${label} is too long`).optional().default("");

const platformId = z.string().trim().min(1, "is required").max(64);
const url = z.string().trim().max(2048, "is too long");
const region = z
  .string()
  .trim()
  .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, "must be an AWS region such as us-east-1");

export const credentialInputSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("openai"), platformId, apiKey: secret("API key") }),
  z.object({ kind: z.literal("anthropic"), platformId, apiKey: secret("API key") }),
  z.object({ kind: z.literal("google-ai"), platformId, apiKey: secret("API key") }),
  z.object({
    kind: z.literal("bedrock"),
    platformId,
    authMode: z.enum(["api-key", "access-key"], { message: "must be api-key or access-key" }),
    region,
    apiKey: secret("API key"),
    accessKeyId: secret("Access key id"),
    secretAccessKey: secret("Secret access key"),
    sessionToken: secret("Session token"),
  }),
  z.object({
    kind: z.literal("azure"),
    platformId,
    endpoint: url.min(1, "is required"),
    apiVersion: z.string().trim().max(40).optional().default(""),
    apiKey: secret("API key"),
  }),
  z.object({
    kind: z.literal("vertex"),
    platformId,
    project: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, "must be a Google Cloud project id"),
    location: z
      .string()
      .trim()
      .regex(/^[a-z]+(-[a-z0-9]+)*$/, "must be a location such as us-central1 or global"),
    serviceAccountJson: secret("Service account JSON"),
  }),
  z.object({
    kind: z.literal("openai-compatible"),
    platformId,
    baseUrl: url.min(1, "is required"),
    apiKey: secret("API key"),
  }),
]);
export type CredentialInput = z.infer<typeof credentialInputSchema>;

export const deleteCredentialSchema = z.object({ platformId });

/** A service-account key file: checked for shape only, so a pasted wrong file is caught early. */
export const serviceAccountSchema = z.object({
  type: z.literal("service_account", {
    message: "must be a service-account key (type service_account)",
  }),
  client_email: z.email("client_email must be an email address"),
  private_key: z
    .string()
    .includes("PRIVATE KEY", { message: "private_key must hold a PEM private key" }),
  project_id: z.string().optional(),
});
