import {
  PLATFORM_CREDENTIAL_KIND,
  SECRET_FIELDS,
  serviceAccountSchema,
  type CredentialInput,
  type CredentialKind,
} from "@/lib/schemas/credentials";
import { checkEndpointUrl, type EndpointPolicyOptions } from "@/lib/router/endpoint-policy";
import type { Prisma } from "@/prisma/generated/client";
import { actorOf, recordAudit } from "../audit";
import type { Caller } from "../caller";
import { notFound, requireRole } from "../caller";
import type { Db } from "../../ops/db-client";
import { AppError } from "../errors";
import {
  decryptSecret,
  encryptSecret,
  isSealedWith,
  lastFour,
  reencryptSecret,
  secretKeyId,
} from "../../ops/secret-box";

/**
 * Provider credentials: validated, base URLs checked before anything connects to them, secret
 * fields sealed with AES-256-GCM bound to their row and field, and only non-secret settings plus
 * last-four hints ever leave this module (except through the `unsafe` reader the router uses).
 */

export type KeyRing = { current: Buffer; previous: readonly Buffer[] };

export type CredentialView = {
  platformId: string;
  kind: CredentialKind;
  settings: Record<string, string>;
  /** Secret field name to its last four characters ("" when too short to show any). */
  secretHints: Record<string, string>;
  updatedAt: Date;
};

type CredentialDeps = {
  keys: KeyRing;
  endpointPolicy: Omit<EndpointPolicyOptions, never>;
};

const aad = (platformId: string, field: string) => `credential:${platformId}:${field}`;

function asStringRecord(value: Prisma.JsonValue): Record<string, string> {
  const record: Record<string, string> = {};
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, entry] of Object.entries(value))
      if (typeof entry === "string") record[key] = entry;
  }
  return record;
}

function splitInput(input: CredentialInput): {
  settings: Record<string, string>;
  secrets: Record<string, string>;
} {
  const secretNames = new Set(SECRET_FIELDS[input.kind]);
  const settings: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === "kind" || key === "platformId" || typeof value !== "string") continue;
    if (secretNames.has(key)) {
      if (value !== "") secrets[key] = value;
    } else if (value !== "") {
      settings[key] = value;
    }
  }
  return { settings, secrets };
}

function requiredSecrets(input: CredentialInput): string[][] {
  // Alternatives: any one inner list fully present satisfies the requirement.
  if (input.kind === "bedrock") {
    return input.authMode === "api-key" ? [["apiKey"]] : [["accessKeyId", "secretAccessKey"]];
  }
  if (input.kind === "vertex") return [["serviceAccountJson"]];
  if (input.kind === "openai-compatible") return [[]];
  return [["apiKey"]];
}

async function checkUrlField(
  field: "endpoint" | "baseUrl",
  value: string,
  policy: EndpointPolicyOptions,
): Promise<string> {
  const check = await checkEndpointUrl(value, policy);
  if (!check.ok) throw new AppError("INVALID_INPUT", check.message, { [field]: [check.message] });
  return check.url.toString();
}

/** Saves (creates or replaces) a platform's credentials. Admins only. */
export async function saveCredential(
  caller: Caller,
  db: Db,
  input: CredentialInput,
  deps: CredentialDeps,
): Promise<CredentialView> {
  requireRole(caller, "admin");
  const expectedKind = PLATFORM_CREDENTIAL_KIND[input.platformId];
  if (!expectedKind) notFound("That platform");
  if (expectedKind !== input.kind) {
    throw new AppError(
      "INVALID_INPUT",
      `${input.platformId} takes ${expectedKind} credentials, not ${input.kind}.`,
    );
  }
  const platform = await db.platform.findUnique({
    where: { id: input.platformId },
    select: { id: true },
  });
  if (!platform) notFound("That platform");

  const { settings, secrets } = splitInput(input);
  if (input.kind === "azure")
    settings.endpoint = await checkUrlField("endpoint", input.endpoint, deps.endpointPolicy);
  if (input.kind === "openai-compatible") {
    settings.baseUrl = await checkUrlField("baseUrl", input.baseUrl, deps.endpointPolicy);
  }
  if (input.kind === "vertex" && secrets.serviceAccountJson) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(secrets.serviceAccountJson);
    } catch {
      throw new AppError("INVALID_INPUT", "The service account key is not valid JSON.", {
        serviceAccountJson: ["is not valid JSON"],
      });
    }
    const shape = serviceAccountSchema.safeParse(parsed);
    if (!shape.success) {
      const message = shape.error.issues[0]?.message ?? "is not a service-account key";
      throw new AppError("INVALID_INPUT", `The service account key ${message}.`, {
        serviceAccountJson: [message],
      });
    }
  }

  return db.$transaction(async (tx) => {
    const existing = await tx.providerCredential.findUnique({
      where: { platformId: input.platformId },
    });
    const sameKind = existing?.kind === input.kind;
    const sealed: Record<string, string> = sameKind ? asStringRecord(existing.sealedSecrets) : {};
    const hints: Record<string, string> = sameKind ? asStringRecord(existing.secretHints) : {};
    // Kept secrets move to the current key too, so the row's keyId tells the truth.
    for (const [field, value] of Object.entries(sealed)) {
      if (isSealedWith(value, deps.keys.current)) continue;
      sealed[field] = reencryptSecret(
        [deps.keys.current, ...deps.keys.previous],
        deps.keys.current,
        value,
        aad(input.platformId, field),
      );
    }
    for (const [field, value] of Object.entries(secrets)) {
      sealed[field] = encryptSecret(deps.keys.current, value, aad(input.platformId, field));
      hints[field] = lastFour(value);
    }
    // Fields the current mode does not use (an access key after switching to an API key) go.
    for (const field of Object.keys(sealed)) {
      if (!SECRET_FIELDS[input.kind].includes(field)) {
        delete sealed[field];
        delete hints[field];
      }
    }
    if (input.kind === "bedrock") {
      const unused =
        input.authMode === "api-key"
          ? ["accessKeyId", "secretAccessKey", "sessionToken"]
          : ["apiKey"];
      for (const field of unused) {
        delete sealed[field];
        delete hints[field];
      }
    }
    const isSatisfied = requiredSecrets(input).some((fields) =>
      fields.every((field) => field in sealed),
    );
    if (!isSatisfied) {
      const missing = requiredSecrets(input)[0]?.filter((field) => !(field in sealed)) ?? [];
      throw new AppError(
        "INVALID_INPUT",
        `Enter ${missing.join(" and ")}.`,
        Object.fromEntries(missing.map((field) => [field, ["is required"]])),
      );
    }
    const data = {
      kind: input.kind,
      settings,
      sealedSecrets: sealed,
      secretHints: hints,
      keyId: secretKeyId(deps.keys.current),
      updatedById: caller.userId,
    };
    const saved = await tx.providerCredential.upsert({
      where: { platformId: input.platformId },
      create: { platformId: input.platformId, ...data },
      update: data,
    });
    await recordAudit(tx, {
      action: "credential.saved",
      actor: actorOf(caller),
      targetType: "platform",
      targetId: input.platformId,
      // Which fields changed, never their values.
      detail: {
        kind: input.kind,
        secretsChanged: Object.keys(secrets),
        settings: Object.keys(settings),
      },
      ipAddress: caller.ipAddress,
    });
    return toView(saved);
  });
}

function toView(row: {
  platformId: string;
  kind: string;
  settings: Prisma.JsonValue;
  secretHints: Prisma.JsonValue;
  updatedAt: Date;
}): CredentialView {
  return {
    platformId: row.platformId,
    kind: row.kind as CredentialKind,
    settings: asStringRecord(row.settings),
    secretHints: asStringRecord(row.secretHints),
    updatedAt: row.updatedAt,
  };
}

/** Every stored credential without its secrets. Admins only. */
export async function listCredentials(caller: Caller, db: Db): Promise<CredentialView[]> {
  requireRole(caller, "admin");
  const rows = await db.providerCredential.findMany({
    select: { platformId: true, kind: true, settings: true, secretHints: true, updatedAt: true },
    orderBy: { platformId: "asc" },
  });
  return rows.map(toView);
}

export async function deleteCredential(caller: Caller, db: Db, platformId: string): Promise<void> {
  requireRole(caller, "admin");
  await db.$transaction(async (tx) => {
    const deleted = await tx.providerCredential.deleteMany({ where: { platformId } });
    if (deleted.count === 0) notFound("A credential for that platform");
    await recordAudit(tx, {
      action: "credential.deleted",
      actor: actorOf(caller),
      targetType: "platform",
      targetId: platformId,
      ipAddress: caller.ipAddress,
    });
  });
}

/**
 * The decrypted settings and secrets of one platform, for the router's adapters. No caller: the
 * router runs on behalf of a run that was already authorized. Never return this to a client.
 */
export async function unsafeReadCredentialSecrets(
  db: Db,
  platformId: string,
  keys: KeyRing,
): Promise<{
  kind: CredentialKind;
  settings: Record<string, string>;
  secrets: Record<string, string>;
} | null> {
  const row = await db.providerCredential.findUnique({ where: { platformId } });
  if (!row) return null;
  const secrets: Record<string, string> = {};
  for (const [field, sealed] of Object.entries(asStringRecord(row.sealedSecrets))) {
    secrets[field] = decryptSecret(
      [keys.current, ...keys.previous],
      sealed,
      aad(platformId, field),
    );
  }
  return { kind: row.kind as CredentialKind, settings: asStringRecord(row.settings), secrets };
}

/**
 * Re-encrypts every stored secret under `newKey` in one transaction: either all move or none do.
 * Values already under the new key are kept, so an interrupted rotation can simply be re-run.
 */
export async function unsafeRotateCredentialKey(
  db: Db,
  oldKeys: readonly Buffer[],
  newKey: Buffer,
): Promise<{ credentials: number; secrets: number }> {
  return db.$transaction(async (tx) => {
    // A save committed between our read and our update would be overwritten with old values.
    await tx.$executeRaw`LOCK TABLE "ProviderCredential" IN SHARE ROW EXCLUSIVE MODE`;
    const rows = await tx.providerCredential.findMany();
    let secrets = 0;
    for (const row of rows) {
      const sealed = asStringRecord(row.sealedSecrets);
      for (const [field, value] of Object.entries(sealed)) {
        // Already moved by an interrupted earlier run: keep as is.
        if (!isSealedWith(value, newKey)) {
          sealed[field] = reencryptSecret(oldKeys, newKey, value, aad(row.platformId, field));
        }
        secrets++;
      }
      await tx.providerCredential.update({
        where: { id: row.id },
        data: { sealedSecrets: sealed, keyId: secretKeyId(newKey) },
      });
    }
    await recordAudit(tx, {
      action: "credential.rotated",
      actor: { id: null, email: "command line" },
      detail: { credentials: rows.length, secrets, keyId: secretKeyId(newKey) },
    });
    return { credentials: rows.length, secrets };
  });
}
