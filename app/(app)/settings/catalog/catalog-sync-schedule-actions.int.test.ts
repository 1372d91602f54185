import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ROLES, type Role } from "@/lib/schemas/roles";

/**
 * The scheduled sync's actions with real sessions: every role below admin is refused with
 * FORBIDDEN and nothing is written; an admin's save is stored. Users are created in the test
 * database and signed in through better-auth; the session cookie is what `headers()` returns.
 */

const requestHeaders = { current: new Headers() };
vi.mock("next/headers", () => ({
  headers: async () => requestHeaders.current,
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const suffix = randomBytes(4).toString("hex");
const password = `sync-${randomBytes(9).toString("base64url")}`;
const cookies = new Map<Role, string>();
const userIds: string[] = [];

type Deps = Awaited<ReturnType<typeof loadDeps>>;
async function loadDeps() {
  // Imported after the environment is set: these read DATABASE_URL and the secret key on first use.
  const actions = await import("./actions");
  const { getAuth } = await import("@/lib/server/http/auth");
  const { getDb } = await import("@/lib/server/ops/db");
  const { unsafeCreateUser } = await import("@/lib/server/domain/access/users");
  return { actions, getAuth, getDb, unsafeCreateUser };
}
let deps: Deps;

beforeAll(async () => {
  process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
  process.env.CROSSBENCH_SECRET_KEY ??= randomBytes(32).toString("base64");
  deps = await loadDeps();
  const db = deps.getDb();
  for (const role of ROLES) {
    const email = `catsync-${role}-${suffix}@example.test`;
    const user = await deps.unsafeCreateUser(db, {
      name: `Catalogue sync ${role}`,
      email,
      role,
      password,
      mustChangePassword: false,
    });
    userIds.push(user.id);
    const response = await deps.getAuth().api.signInEmail({
      body: { email, password },
      asResponse: true,
      headers: new Headers({ "x-forwarded-for": "127.0.0.1" }),
    });
    expect(response.status, `sign-in as ${role}`).toBe(200);
    cookies.set(
      role,
      response.headers
        .getSetCookie()
        .map((line) => line.split(";")[0])
        .join("; "),
    );
  }
});

afterAll(async () => {
  const db = deps.getDb();
  await db.catalogSyncSettings.deleteMany({ where: { updatedById: { in: userIds } } });
  await db.user.deleteMany({ where: { id: { in: userIds } } });
  await db.$disconnect();
});

function asCaller(role: Role) {
  requestHeaders.current = new Headers({ cookie: cookies.get(role) ?? "" });
}

function scheduleForm(hourUtc: string): FormData {
  const form = new FormData();
  form.set("isEnabled", "on");
  form.set("hourUtc", hourUtc);
  form.set("litellm", "on");
  form.set("litellmUrl", "https://mirror.example/litellm.json");
  form.set("modelsDevUrl", "https://models.dev/api.json");
  return form;
}

describe("scheduled catalogue sync actions", () => {
  it("refuses every role below admin with FORBIDDEN, and writes nothing", async () => {
    const db = deps.getDb();
    const runsBefore = await db.catalogSyncRun.count();
    const settingsBefore = await db.catalogSyncSettings.findUnique({ where: { id: "default" } });
    for (const role of ROLES.filter((candidate) => candidate !== "admin")) {
      asCaller(role);
      const saved = await deps.actions.saveCatalogSyncScheduleAction(scheduleForm("5"));
      expect(saved, role).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
      const queued = await deps.actions.syncCatalogNowAction({ sources: ["litellm"] });
      expect(queued, role).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    }
    expect(await db.catalogSyncRun.count()).toBe(runsBefore);
    expect(await db.catalogSyncSettings.findUnique({ where: { id: "default" } })).toEqual(
      settingsBefore,
    );
  });

  it("validates an admin's form and stores it", async () => {
    asCaller("admin");
    const refused = await deps.actions.saveCatalogSyncScheduleAction(scheduleForm("24"));
    expect(refused).toMatchObject({
      ok: false,
      error: { code: "INVALID_INPUT", fieldErrors: { hourUtc: [expect.any(String)] } },
    });
    const saved = await deps.actions.saveCatalogSyncScheduleAction(scheduleForm("5"));
    expect(saved).toEqual({ ok: true, data: { saved: true } });
    const row = await deps.getDb().catalogSyncSettings.findUniqueOrThrow({
      where: { id: "default" },
    });
    expect(row).toMatchObject({
      isEnabled: true,
      hourUtc: 5,
      sources: ["litellm"],
      litellmUrl: "https://mirror.example/litellm.json",
    });
  });
});
