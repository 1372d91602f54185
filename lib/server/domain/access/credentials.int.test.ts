import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AddressPolicy, EndpointPolicyOptions } from "@/lib/router/endpoint-policy";
import { credentialInputSchema } from "@/lib/schemas/credentials";
import type { Role } from "@/lib/schemas/roles";
import { freshDatabasePool } from "@/lib/testing/fresh-database";
import { rejectionOf } from "@/lib/testing/rejection";
import { createRoleCallers, requireCaller } from "@/lib/testing/test-callers";
import { seedDatabase } from "@/prisma/seed";
import type { Caller } from "../caller";
import {
  deleteCredential,
  listCredentials,
  saveCredential,
  unsafeReadCredentialSecrets,
  unsafeRotateCredentialKey,
  type KeyRing,
} from "./credentials";
import type { Db } from "../../ops/db-client";
import { AppError } from "../errors";
import { SecretBoxError, secretKeyId } from "../../ops/secret-box";

/**
 * Provider credentials against real PostgreSQL: secrets are sealed at rest and never come back
 * out except through the router's `unsafe` reader; only admins manage them; base URLs are checked
 * before anything could connect (DNS is a fake: no test opens a connection); a sealed value is
 * bound to its platform and field; key rotation is all or nothing.
 *
 * Rotation rewrites every row of the table and each platform holds one credential, so this file
 * works in its own freshly migrated and seeded database, dropped afterwards.
 */

const suffix = randomBytes(4).toString("hex");
const LOWER_ROLES = ["viewer", "analyst", "operator"] as const;

const keyA = randomBytes(32);
const keyB = randomBytes(32);
const keyC = randomBytes(32);
const ringA: KeyRing = { current: keyA, previous: [] };
const ringB: KeyRing = { current: keyB, previous: [] };
const ringC: KeyRing = { current: keyC, previous: [] };

/** The fake resolver: no test may reach real DNS or open a connection. */
const DNS: Record<string, string[]> = {
  "api.example.test": ["93.184.216.34"],
  "internal.example.test": ["10.0.0.5"],
  "metadata.example.test": ["169.254.169.254"],
};
const lookup: EndpointPolicyOptions["lookup"] = async (host) => {
  if (isIP(host)) return [host];
  const addresses = DNS[host];
  if (!addresses)
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
  return addresses;
};

const databases = freshDatabasePool("credentials");
let db: Db;
let callers = new Map<Role, Caller>();
/** Every plaintext secret saved here, for the final sweep of the audit log and the table. */
const plaintexts: string[] = [];

function alphanumeric(length: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join("");
}

/** An OpenAI-style key, remembered for the sweeps. */
function secretKey(prefix = "sk-test-"): string {
  const value = `${prefix}${alphanumeric(40)}`;
  plaintexts.push(value);
  return value;
}

function callerFor(role: Role): Caller {
  return requireCaller(callers, role);
}

/** Parses the input as the server action does, then saves it. */
function save(
  caller: Caller,
  raw: Record<string, unknown>,
  options: { keys?: KeyRing; policy?: Partial<AddressPolicy> } = {},
) {
  return saveCredential(caller, db, credentialInputSchema.parse(raw), {
    keys: options.keys ?? ringA,
    endpointPolicy: { allowLocal: false, allowPrivate: false, lookup, ...options.policy },
  });
}

function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  return rejectionOf(promise, AppError);
}

function secretBoxErrorOf(promise: Promise<unknown>): Promise<SecretBoxError> {
  return rejectionOf(promise, SecretBoxError);
}

/** The whole stored row as PostgreSQL prints it, or null. */
async function rawRow(platformId: string): Promise<string | null> {
  const rows = await db.$queryRaw<{ row: string }[]>`
    SELECT c::text AS row FROM "ProviderCredential" c WHERE c."platformId" = ${platformId}`;
  return rows[0]?.row ?? null;
}

function sealedOf(row: { sealedSecrets: unknown }): Record<string, string> {
  return row.sealedSecrets as Record<string, string>;
}

async function auditFor(platformId: string, action: string) {
  return db.auditEvent.findMany({
    where: { targetId: platformId, action },
    orderBy: [{ at: "asc" }, { id: "asc" }],
  });
}

beforeAll(async () => {
  const fresh = await databases.create("main", { max: 4 });
  await seedDatabase(fresh.url);
  db = fresh.db;
  callers = await createRoleCallers(db, { label: "credentials", suffix, adminIp: "192.0.2.20" });
});

afterAll(() => databases.dropAll());

describe("saving credentials", () => {
  it("seals an OpenAI key: the row, the list and the audit log never hold it; the router reads it", async () => {
    const admin = callerFor("admin");
    const apiKey = secretKey();

    const view = await save(admin, { kind: "openai", platformId: "openai", apiKey });
    expect(view).toMatchObject({
      platformId: "openai",
      kind: "openai",
      settings: {},
      secretHints: { apiKey: apiKey.slice(-4) },
    });
    expect(JSON.stringify(view)).not.toContain(apiKey);

    const text = await rawRow("openai");
    expect(text).not.toBeNull();
    expect(text).not.toContain(apiKey);
    // Not even the part before the hint: only the last four characters are ever shown.
    expect(text).not.toContain(apiKey.slice(0, -4));
    const row = await db.providerCredential.findUniqueOrThrow({ where: { platformId: "openai" } });
    expect(row.secretHints).toEqual({ apiKey: apiKey.slice(-4) });
    expect(row.settings).toEqual({});
    expect(row.keyId).toBe(secretKeyId(keyA));
    expect(row.updatedById).toBe(admin.userId);
    expect(Object.keys(sealedOf(row))).toEqual(["apiKey"]);
    expect(sealedOf(row).apiKey).toMatch(new RegExp(`^v1\\.${secretKeyId(keyA)}\\.`));
    for (const column of [row.sealedSecrets, row.secretHints, row.settings]) {
      expect(JSON.stringify(column)).not.toContain(apiKey.slice(0, -4));
    }

    const listed = await listCredentials(admin, db);
    expect(listed.find((entry) => entry.platformId === "openai")).toMatchObject({
      secretHints: { apiKey: apiKey.slice(-4) },
    });
    expect(JSON.stringify(listed)).not.toContain(apiKey.slice(0, -4));

    const events = await auditFor("openai", "credential.saved");
    expect(events.at(-1)).toMatchObject({
      actorId: admin.userId,
      actorEmail: admin.email,
      targetType: "platform",
      ipAddress: "192.0.2.20",
      detail: { kind: "openai", secretsChanged: ["apiKey"], settings: [] },
    });
    expect(JSON.stringify(events)).not.toContain(apiKey.slice(0, -4));

    expect(await unsafeReadCredentialSecrets(db, "openai", ringA)).toEqual({
      kind: "openai",
      settings: {},
      secrets: { apiKey },
    });
    // A key that is not the one it was sealed with opens nothing.
    expect((await secretBoxErrorOf(unsafeReadCredentialSecrets(db, "openai", ringB))).kind).toBe(
      "wrong-key",
    );
    expect(await unsafeReadCredentialSecrets(db, "mistral", ringA)).toBeNull();
  });

  it.each(LOWER_ROLES)(
    "%s is refused save, list and delete with FORBIDDEN, and nothing changes",
    async (role) => {
      const caller = callerFor(role);
      const original = secretKey();
      await save(callerFor("admin"), {
        kind: "anthropic",
        platformId: "anthropic",
        apiKey: original,
      });
      const before = await rawRow("anthropic");

      const saved = await appErrorOf(
        save(caller, { kind: "anthropic", platformId: "anthropic", apiKey: secretKey() }),
      );
      expect(saved.code).toBe("FORBIDDEN");
      const created = await appErrorOf(
        save(caller, { kind: "google-ai", platformId: "google-ai", apiKey: secretKey() }),
      );
      expect(created.code).toBe("FORBIDDEN");
      expect((await appErrorOf(listCredentials(caller, db))).code).toBe("FORBIDDEN");
      expect((await appErrorOf(deleteCredential(caller, db, "anthropic"))).code).toBe("FORBIDDEN");

      expect(await rawRow("anthropic")).toBe(before);
      expect(await rawRow("google-ai")).toBeNull();
      expect((await unsafeReadCredentialSecrets(db, "anthropic", ringA))?.secrets).toEqual({
        apiKey: original,
      });
      expect(await db.auditEvent.count({ where: { actorId: caller.userId } })).toBe(0);
    },
  );

  it("keeps the stored key when an update leaves the API key blank", async () => {
    const admin = callerFor("admin");
    const apiKey = secretKey("AIza-");
    await save(admin, { kind: "google-ai", platformId: "google-ai", apiKey });
    const before = await db.providerCredential.findUniqueOrThrow({
      where: { platformId: "google-ai" },
    });

    for (const blank of [{ apiKey: "" }, { apiKey: "   " }, {}]) {
      const view = await save(admin, { kind: "google-ai", platformId: "google-ai", ...blank });
      expect(view.secretHints).toEqual({ apiKey: apiKey.slice(-4) });
    }

    const after = await db.providerCredential.findUniqueOrThrow({
      where: { platformId: "google-ai" },
    });
    expect(after.sealedSecrets).toEqual(before.sealedSecrets);
    expect(after.secretHints).toEqual(before.secretHints);
    expect((await unsafeReadCredentialSecrets(db, "google-ai", ringA))?.secrets).toEqual({
      apiKey,
    });
    const events = await auditFor("google-ai", "credential.saved");
    expect(events.map((event) => event.detail)).toEqual([
      { kind: "google-ai", secretsChanged: ["apiKey"], settings: [] },
      { kind: "google-ai", secretsChanged: [], settings: [] },
      { kind: "google-ai", secretsChanged: [], settings: [] },
      { kind: "google-ai", secretsChanged: [], settings: [] },
    ]);

    // With nothing stored, a blank key is not a credential.
    await db.providerCredential.deleteMany({ where: { platformId: "openai" } });
    const required = await appErrorOf(
      save(admin, { kind: "openai", platformId: "openai", apiKey: "" }),
    );
    expect(required.code).toBe("INVALID_INPUT");
    expect(required.fieldErrors).toEqual({ apiKey: ["is required"] });
    expect(await rawRow("openai")).toBeNull();
  });

  it("refuses a Vertex key that is not JSON or not a service account, and seals one that is", async () => {
    const admin = callerFor("admin");
    const privateKeyBody = alphanumeric(64);
    plaintexts.push(privateKeyBody);
    const vertex = {
      kind: "vertex",
      platformId: "gcp-vertex",
      project: "crossbench-test",
      location: "us-central1",
    };

    const malformed = await appErrorOf(
      save(admin, {
        ...vertex,
        serviceAccountJson: `{"type": "service_account", ${privateKeyBody}`,
      }),
    );
    expect(malformed.code).toBe("INVALID_INPUT");
    expect(malformed.fieldErrors?.serviceAccountJson?.length).toBeGreaterThan(0);
    expect(JSON.stringify([malformed.message, malformed.fieldErrors])).not.toContain(
      privateKeyBody,
    );

    const notServiceAccount = await appErrorOf(
      save(admin, {
        ...vertex,
        serviceAccountJson: JSON.stringify({
          type: "authorized_user",
          client_id: "123.apps.googleusercontent.com",
          refresh_token: privateKeyBody,
        }),
      }),
    );
    expect(notServiceAccount.code).toBe("INVALID_INPUT");
    expect(notServiceAccount.fieldErrors?.serviceAccountJson?.length).toBeGreaterThan(0);
    expect(notServiceAccount.message).toMatch(/service.account/i);
    expect(
      JSON.stringify([notServiceAccount.message, notServiceAccount.fieldErrors]),
    ).not.toContain(privateKeyBody);
    expect(await rawRow("gcp-vertex")).toBeNull();
    expect(await auditFor("gcp-vertex", "credential.saved")).toHaveLength(0);

    const serviceAccountJson = JSON.stringify(
      {
        type: "service_account",
        project_id: "crossbench-test",
        private_key_id: alphanumeric(20),
        private_key: `-----BEGIN PRIVATE KEY-----\n${privateKeyBody}\n-----END PRIVATE KEY-----\n`,
        client_email: `runner-${suffix}@crossbench-test.iam.gserviceaccount.com`,
      },
      null,
      2,
    );
    const view = await save(admin, { ...vertex, serviceAccountJson });
    expect(view.settings).toEqual({ project: "crossbench-test", location: "us-central1" });

    const text = await rawRow("gcp-vertex");
    expect(text).not.toContain("PRIVATE KEY");
    expect(text).not.toContain(privateKeyBody);
    expect(await unsafeReadCredentialSecrets(db, "gcp-vertex", ringA)).toEqual({
      kind: "vertex",
      settings: { project: "crossbench-test", location: "us-central1" },
      secrets: { serviceAccountJson },
    });
  });

  const refusedBaseUrls: { url: string; policy: Partial<AddressPolicy>; why: string }[] = [
    { url: "http://api.example.test", policy: {}, why: "plain http to a public host" },
    { url: "https://user:pass@api.example.test", policy: {}, why: "credentials in the URL" },
    {
      url: "https://metadata.example.test",
      policy: { allowPrivate: true, allowLocal: true },
      why: "the metadata service, whatever is allowed",
    },
    { url: "https://internal.example.test", policy: {}, why: "a private address" },
    { url: "http://127.0.0.1:4010/v1", policy: {}, why: "this machine without allowLocal" },
    {
      url: "http://127.0.0.1:4010/v1",
      policy: { allowPrivate: true },
      why: "allowPrivate is not allowLocal",
    },
  ];

  it.each(refusedBaseUrls)(
    "refuses the base URL $url ($why) and writes nothing",
    async ({ url, policy }) => {
      // Each case starts from no credential, so one wrongly accepted URL fails only its own case.
      await db.providerCredential.deleteMany({ where: { platformId: "databricks" } });
      const auditedBefore = (await auditFor("databricks", "credential.saved")).length;
      const apiKey = secretKey();
      const error = await appErrorOf(
        save(
          callerFor("admin"),
          { kind: "openai-compatible", platformId: "databricks", baseUrl: url, apiKey },
          { policy },
        ),
      );
      expect(error.code).toBe("INVALID_INPUT");
      expect(Object.keys(error.fieldErrors ?? {})).toEqual(["baseUrl"]);
      expect(error.fieldErrors?.baseUrl?.[0]).toEqual(expect.any(String));
      expect(await rawRow("databricks")).toBeNull();
      expect(await auditFor("databricks", "credential.saved")).toHaveLength(auditedBefore);
    },
  );

  const acceptedBaseUrls: { url: string; policy: Partial<AddressPolicy>; stored: string }[] = [
    { url: "https://api.example.test/v1", policy: {}, stored: "https://api.example.test/v1" },
    {
      url: "https://internal.example.test",
      policy: { allowPrivate: true },
      stored: "https://internal.example.test/",
    },
    {
      url: "http://127.0.0.1:4010/v1",
      policy: { allowLocal: true },
      stored: "http://127.0.0.1:4010/v1",
    },
  ];

  it.each(acceptedBaseUrls)(
    "accepts the base URL $url with $policy",
    async ({ url, policy, stored }) => {
      const apiKey = secretKey();
      const view = await save(
        callerFor("admin"),
        { kind: "openai-compatible", platformId: "self-hosted", baseUrl: url, apiKey },
        { policy },
      );
      expect(view.settings).toEqual({ baseUrl: stored });
      expect(await unsafeReadCredentialSecrets(db, "self-hosted", ringA)).toEqual({
        kind: "openai-compatible",
        settings: { baseUrl: stored },
        secrets: { apiKey },
      });
    },
  );

  it("binds a sealed value to its platform and field: a copied ciphertext does not open", async () => {
    const admin = callerFor("admin");
    const openaiKey = secretKey();
    const anthropicKey = secretKey("sk-ant-");
    await save(admin, { kind: "openai", platformId: "openai", apiKey: openaiKey });
    await save(admin, { kind: "anthropic", platformId: "anthropic", apiKey: anthropicKey });

    const openai = await db.providerCredential.findUniqueOrThrow({
      where: { platformId: "openai" },
    });
    await db.providerCredential.update({
      where: { platformId: "anthropic" },
      data: { sealedSecrets: { apiKey: sealedOf(openai).apiKey ?? "" } },
    });
    const moved = await secretBoxErrorOf(unsafeReadCredentialSecrets(db, "anthropic", ringA));
    expect(moved.kind).toBe("tampered");
    expect(moved.message).not.toContain(openaiKey);
    expect((await unsafeReadCredentialSecrets(db, "openai", ringA))?.secrets).toEqual({
      apiKey: openaiKey,
    });

    // Within one row too: an access key id swapped with its secret opens neither.
    const accessKeyId = `AKIA${alphanumeric(16).toUpperCase()}`;
    const secretAccessKey = secretKey("");
    plaintexts.push(accessKeyId);
    await save(admin, {
      kind: "bedrock",
      platformId: "aws-bedrock",
      authMode: "access-key",
      region: "us-east-1",
      accessKeyId,
      secretAccessKey,
    });
    const bedrock = await db.providerCredential.findUniqueOrThrow({
      where: { platformId: "aws-bedrock" },
    });
    const sealed = sealedOf(bedrock);
    await db.providerCredential.update({
      where: { platformId: "aws-bedrock" },
      data: {
        sealedSecrets: {
          accessKeyId: sealed.secretAccessKey ?? "",
          secretAccessKey: sealed.accessKeyId ?? "",
        },
      },
    });
    expect(
      (await secretBoxErrorOf(unsafeReadCredentialSecrets(db, "aws-bedrock", ringA))).kind,
    ).toBe("tampered");

    await db.providerCredential.deleteMany({
      where: { platformId: { in: ["anthropic", "aws-bedrock"] } },
    });
  });

  it("refuses a credential of the wrong kind for the platform, and an unknown platform", async () => {
    const admin = callerFor("admin");
    const stored = secretKey();
    await save(admin, { kind: "openai", platformId: "openai", apiKey: stored });
    const before = await rawRow("openai");

    const wrongKind = await appErrorOf(
      save(admin, { kind: "anthropic", platformId: "openai", apiKey: secretKey("sk-ant-") }),
    );
    expect(wrongKind.code).toBe("INVALID_INPUT");
    const compatible = await appErrorOf(
      save(admin, {
        kind: "openai-compatible",
        platformId: "openai",
        baseUrl: "https://api.example.test/v1",
        apiKey: secretKey(),
      }),
    );
    expect(compatible.code).toBe("INVALID_INPUT");
    expect(await rawRow("openai")).toBe(before);

    const unknown = await appErrorOf(
      save(admin, {
        kind: "openai",
        platformId: `no-such-platform-${suffix}`,
        apiKey: secretKey(),
      }),
    );
    expect(unknown.code).toBe("NOT_FOUND");
  });

  it("deletes a credential with an audit event, and reports a missing one as NOT_FOUND", async () => {
    const admin = callerFor("admin");
    await save(admin, {
      kind: "azure",
      platformId: "azure-foundry",
      endpoint: "https://api.example.test",
      apiKey: secretKey(),
    });

    await deleteCredential(admin, db, "azure-foundry");
    expect(await rawRow("azure-foundry")).toBeNull();
    expect(await unsafeReadCredentialSecrets(db, "azure-foundry", ringA)).toBeNull();
    const events = await auditFor("azure-foundry", "credential.deleted");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: admin.userId, targetType: "platform" });

    expect((await appErrorOf(deleteCredential(admin, db, "azure-foundry"))).code).toBe("NOT_FOUND");
    expect(await auditFor("azure-foundry", "credential.deleted")).toHaveLength(1);
  });
});

describe("key rotation", () => {
  beforeEach(async () => {
    // This database is this file's own: rotation works on the whole table.
    await db.providerCredential.deleteMany();
  });

  async function rotatedEvents() {
    return db.auditEvent.findMany({
      where: { action: "credential.rotated" },
      orderBy: [{ at: "asc" }, { id: "asc" }],
    });
  }

  it("moves every secret to the new key; re-running with the old keys keeps them", async () => {
    const admin = callerFor("admin");
    const apiKey = secretKey();
    const accessKeyId = `AKIA${alphanumeric(16).toUpperCase()}`;
    const secretAccessKey = secretKey("");
    plaintexts.push(accessKeyId);
    await save(admin, { kind: "openai", platformId: "openai", apiKey });
    await save(admin, {
      kind: "bedrock",
      platformId: "aws-bedrock",
      authMode: "access-key",
      region: "eu-west-1",
      accessKeyId,
      secretAccessKey,
    });
    const expected = {
      openai: { apiKey },
      "aws-bedrock": { accessKeyId, secretAccessKey },
    };
    const eventsBefore = (await rotatedEvents()).length;

    expect(await unsafeRotateCredentialKey(db, [keyA], keyB)).toEqual({
      credentials: 2,
      secrets: 3,
    });

    async function expectUnderB() {
      for (const [platformId, secrets] of Object.entries(expected)) {
        expect((await unsafeReadCredentialSecrets(db, platformId, ringB))?.secrets).toEqual(
          secrets,
        );
        const underA = await secretBoxErrorOf(unsafeReadCredentialSecrets(db, platformId, ringA));
        expect(underA.kind).toBe("wrong-key");
        const row = await db.providerCredential.findUniqueOrThrow({ where: { platformId } });
        expect(row.keyId).toBe(secretKeyId(keyB));
        for (const value of Object.values(sealedOf(row))) {
          expect(value.startsWith(`v1.${secretKeyId(keyB)}.`)).toBe(true);
        }
        const text = await rawRow(platformId);
        for (const plaintext of Object.values(secrets)) expect(text).not.toContain(plaintext);
      }
    }
    await expectUnderB();

    const events = await rotatedEvents();
    expect(events).toHaveLength(eventsBefore + 1);
    expect(events.at(-1)).toMatchObject({
      actorId: null,
      detail: { credentials: 2, secrets: 3, keyId: secretKeyId(keyB) },
    });

    // An operator who runs it again (say, after an interruption) with the same settings.
    expect(await unsafeRotateCredentialKey(db, [keyA], keyB)).toEqual({
      credentials: 2,
      secrets: 3,
    });
    await expectUnderB();
    expect(await rotatedEvents()).toHaveLength(eventsBefore + 2);
  });

  it("changes nothing when one secret cannot be opened with the old keys (all or nothing)", async () => {
    const admin = callerFor("admin");
    const first = secretKey();
    const stranger = secretKey("sk-ant-");
    const last = secretKey("AIza-");
    // Inserted so that rows under key A come both before and after the one under key C.
    await save(admin, { kind: "openai", platformId: "openai", apiKey: first });
    await save(
      admin,
      { kind: "anthropic", platformId: "anthropic", apiKey: stranger },
      { keys: ringC },
    );
    await save(admin, { kind: "google-ai", platformId: "google-ai", apiKey: last });
    const before = await db.providerCredential.findMany({ orderBy: { platformId: "asc" } });
    const eventsBefore = (await rotatedEvents()).length;

    const error = await secretBoxErrorOf(unsafeRotateCredentialKey(db, [keyA], keyB));
    expect(error.kind).toBe("wrong-key");
    expect(error.sealedKeyId).toBe(secretKeyId(keyC));

    expect(await db.providerCredential.findMany({ orderBy: { platformId: "asc" } })).toEqual(
      before,
    );
    expect((await unsafeReadCredentialSecrets(db, "openai", ringA))?.secrets).toEqual({
      apiKey: first,
    });
    expect((await unsafeReadCredentialSecrets(db, "google-ai", ringA))?.secrets).toEqual({
      apiKey: last,
    });
    expect((await unsafeReadCredentialSecrets(db, "anthropic", ringC))?.secrets).toEqual({
      apiKey: stranger,
    });
    expect(await rotatedEvents()).toHaveLength(eventsBefore);

    // With every old key supplied, the same rotation goes through.
    expect(await unsafeRotateCredentialKey(db, [keyA, keyC], keyB)).toEqual({
      credentials: 3,
      secrets: 3,
    });
    for (const [platformId, apiKey] of [
      ["openai", first],
      ["anthropic", stranger],
      ["google-ai", last],
    ] as const) {
      expect((await unsafeReadCredentialSecrets(db, platformId, ringB))?.secrets).toEqual({
        apiKey,
      });
    }
  });
});

describe("after all of the above", () => {
  it("no audit event and no stored row holds any secret that was saved", async () => {
    const rows = await db.$queryRaw<{ row: string }[]>`
      SELECT e::text AS row FROM "AuditEvent" e
      UNION ALL SELECT c::text AS row FROM "ProviderCredential" c`;
    expect(rows.length).toBeGreaterThan(10);
    const text = rows.map((row) => row.row).join("\n");
    expect(plaintexts.length).toBeGreaterThan(10);
    for (const plaintext of plaintexts) expect(text).not.toContain(plaintext);
    for (const key of [keyA, keyB, keyC]) {
      expect(text).not.toContain(key.toString("base64"));
      expect(text).not.toContain(key.toString("hex"));
    }
  });
});
