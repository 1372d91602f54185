import { randomBytes } from "node:crypto";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ROLES, roleBelow, type Role } from "@/lib/schemas/roles";

/**
 * Every exported server action in app/** goes through the action wrapper and refuses a caller
 * with no session and a caller whose role is one too low. Sessions are real: users are created
 * in the test database and signed in through better-auth, and the session cookie is what
 * `headers()` returns.
 */

const requestHeaders = { current: new Headers() };
vi.mock("next/headers", () => ({
  headers: async () => requestHeaders.current,
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

/**
 * The reviewed access policy: the least role each action needs, or "public". A new action fails
 * this test until it is added here, so every opening of the server boundary is a visible change.
 */
const POLICY: Record<string, Role | "public"> = {
  "app/sign-in/actions.ts#createFirstAdminAction": "public",
  "app/(app)/settings/users/actions.ts#createUserAction": "admin",
  "app/(app)/settings/users/actions.ts#changeRoleAction": "admin",
  "app/(app)/settings/credentials/actions.ts#saveCredentialAction": "admin",
  "app/(app)/settings/credentials/actions.ts#deleteCredentialAction": "admin",
  "app/(app)/settings/catalog/actions.ts#syncCatalogAction": "admin",
  "app/(app)/settings/catalog/actions.ts#saveCatalogSyncScheduleAction": "admin",
  "app/(app)/settings/catalog/actions.ts#syncCatalogNowAction": "admin",
  "app/(app)/runs/actions.ts#previewLaunchAction": "operator",
  "app/(app)/runs/actions.ts#launchRunAction": "operator",
  "app/(app)/runs/actions.ts#cancelRunAction": "operator",
  "app/(app)/runs/actions.ts#deleteRunAction": "operator",
  "app/(app)/runs/actions.ts#importSuiteAction": "operator",
  "app/(app)/runs/schedules/actions.ts#saveScheduleAction": "operator",
  "app/(app)/settings/alerts/actions.ts#createAlertChannelAction": "admin",
  "app/(app)/settings/alerts/actions.ts#setAlertChannelEnabledAction": "admin",
  "app/(app)/settings/alerts/actions.ts#deleteAlertChannelAction": "admin",
  "app/(app)/settings/alerts/actions.ts#sendTestAlertAction": "admin",
  "app/(app)/runs/schedules/actions.ts#pauseScheduleAction": "operator",
  "app/(app)/runs/schedules/actions.ts#resumeScheduleAction": "operator",
  "app/(app)/runs/schedules/actions.ts#runScheduleNowAction": "operator",
  "app/(app)/runs/schedules/actions.ts#deleteScheduleAction": "operator",
  "app/(app)/lock-in/actions.ts#saveLockinWeightsAction": "analyst",
  "app/(app)/lock-in/actions.ts#resetLockinWeightsAction": "analyst",
  "app/(app)/lock-in/actions.ts#saveWorkloadProfileAction": "analyst",
  "app/(app)/lock-in/actions.ts#resetWorkloadProfileAction": "analyst",
  "app/(app)/lock-in/actions.ts#loadPlatformFactorsAction": "viewer",
  "app/(app)/lock-in/actions.ts#listLockinModelOptionsAction": "viewer",
  "app/(app)/catalog/actions.ts#getMatrixCellAction": "viewer",
  "app/(app)/runs/[id]/actions.ts#listCellRepeatsAction": "viewer",
  "app/(app)/routing/actions.ts#saveRoutingPolicyAction": "analyst",
  "app/(app)/reports/actions.ts#createReportAction": "analyst",
  "app/(app)/reports/actions.ts#updateReportAction": "analyst",
  "app/(app)/reports/actions.ts#createShareLinkAction": "analyst",
  "app/(app)/reports/actions.ts#revokeShareLinkAction": "analyst",
};

/**
 * Read actions that take no input: with the required role, the empty input is answered rather
 * than refused as invalid (which proves the session was read just as well).
 */
const TAKES_NO_INPUT = new Set(["app/(app)/lock-in/actions.ts#listLockinModelOptionsAction"]);

const root = path.resolve(import.meta.dirname, "..", "..", "..");
const suffix = randomBytes(4).toString("hex");
const password = `inventory-${randomBytes(9).toString("base64url")}`;

/** Every file called `name` under `dir`, at any depth. */
async function findFilesNamed(dir: string, name: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await findFilesNamed(full, name)));
    else if (entry.name === name) found.push(full);
  }
  return found;
}

type Deps = Awaited<ReturnType<typeof loadDeps>>;
async function loadDeps() {
  // Imported after the environment is set: these read DATABASE_URL and the secret key on first use.
  const { getActionMeta } = await import("./action");
  const { getAuth } = await import("./auth");
  const { getDb } = await import("../ops/db");
  const { unsafeCreateUser } = await import("../domain/access/users");
  return { getActionMeta, getAuth, getDb, unsafeCreateUser };
}

let deps: Deps;
const cookies = new Map<Role, string>();
const userIds: string[] = [];

beforeAll(async () => {
  process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
  process.env.CROSSBENCH_SECRET_KEY ??= randomBytes(32).toString("base64");
  deps = await loadDeps();
  const db = deps.getDb();
  for (const role of ROLES) {
    const email = `inventory-${role}-${suffix}@example.test`;
    const user = await deps.unsafeCreateUser(db, {
      name: `Inventory ${role}`,
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
    const setCookie = response.headers.getSetCookie().map((line) => line.split(";")[0]);
    cookies.set(role, setCookie.join("; "));
  }
});

afterAll(async () => {
  const db = deps.getDb();
  await db.user.deleteMany({ where: { id: { in: userIds } } });
  await db.$disconnect();
});

function asCaller(role: Role | null) {
  requestHeaders.current = new Headers(role ? { cookie: cookies.get(role) ?? "" } : {});
}

describe("server action inventory", async () => {
  const files = await findFilesNamed(path.join(root, "app"), "actions.ts");

  it("finds the action files", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    const relative = path.relative(root, file);
    it(`${relative}: every export is wrapped and refuses callers it should`, async () => {
      const actions = (await import(file)) as Record<string, unknown>;
      const exports = Object.entries(actions);
      expect(exports.length, `${relative} exports no action`).toBeGreaterThan(0);
      for (const [name, action] of exports) {
        const meta = deps.getActionMeta(action);
        expect(
          meta,
          `${relative} ${name} is not declared with authedAction or publicAction`,
        ).toBeDefined();
        if (!meta || typeof action !== "function") continue;
        const expected = POLICY[`${relative}#${name}`];
        expect(expected, `${relative}#${name} is missing from POLICY in this test`).toBeDefined();
        expect(meta.kind === "public" ? "public" : meta.role, `${relative}#${name} access`).toBe(
          expected,
        );
        if (meta.kind === "public") {
          expect(meta.reason.length, `${name} must say why it is public`).toBeGreaterThan(20);
          continue;
        }
        const call = action as (
          input: unknown,
        ) => Promise<{ ok: boolean; error?: { code: string } }>;

        asCaller(null);
        const anonymous = await call({});
        expect(anonymous.ok, `${name} without a session`).toBe(false);
        expect(anonymous.error?.code, `${name} without a session`).toBe("UNAUTHENTICATED");

        const below = roleBelow(meta.role);
        if (below) {
          asCaller(below);
          const tooLow = await call({});
          expect(tooLow.error?.code, `${name} as ${below} (needs ${meta.role})`).toBe("FORBIDDEN");
        }

        // The session really is read: with the required role, the same empty input gets as far
        // as validation instead of being refused.
        asCaller(meta.role);
        const allowed = await call({});
        if (TAKES_NO_INPUT.has(`${relative}#${name}`)) {
          expect(allowed.ok, `${name} as ${meta.role}`).toBe(true);
        } else {
          expect(allowed.error?.code, `${name} as ${meta.role}`).toBe("INVALID_INPUT");
        }
      }
    });
  }
});

/**
 * The route handlers' reviewed access policy, as POLICY is for actions: the least role each
 * handler needs, or "public". A new route handler fails this test until it is declared through
 * authedRoute or publicRoute and listed here.
 */
const ROUTE_POLICY: Record<string, Role | "public"> = {
  "app/(app)/catalog/offerings.csv/route.ts#GET": "viewer",
  "app/(app)/reports/[id]/report.json/route.ts#GET": "viewer",
  "app/(app)/reports/[id]/report.md/route.ts#GET": "viewer",
  "app/(app)/reports/[id]/report.pdf/route.ts#GET": "viewer",
  "app/(app)/reports/[id]/tables.csv/route.ts#GET": "viewer",
  "app/(app)/runs/[id]/trials.csv/route.ts#GET": "viewer",
  "app/(app)/runs/[id]/trials.json/route.ts#GET": "viewer",
  "app/(app)/settings/catalog/snapshots/[id]/report.json/route.ts#GET": "admin",
  "app/api/auth/[...all]/route.ts#GET": "public",
  "app/api/auth/[...all]/route.ts#POST": "public",
  "app/api/health/route.ts#GET": "public",
  "app/share/[token]/report.json/route.ts#GET": "public",
  "app/share/[token]/report.md/route.ts#GET": "public",
  "app/share/[token]/report.pdf/route.ts#GET": "public",
  "app/share/[token]/tables.csv/route.ts#GET": "public",
};

const HTTP_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/**
 * The context Next passes: for dynamic segments, values that name nothing (a wrapped handler
 * answers 404); for a route without any, a params promise that resolves to undefined.
 */
function paramsFor(relative: string) {
  const names = [...relative.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((match) => match[1] ?? "");
  if (names.length === 0) return { params: Promise.resolve(undefined) };
  const values = Object.fromEntries(
    names.map((name) => [name, relative.includes(`[...${name}]`) ? ["nothing"] : "nothing"]),
  );
  return { params: Promise.resolve(values) };
}

describe("route handler inventory", async () => {
  const files = await findFilesNamed(path.join(root, "app"), "route.ts");
  const { getRouteMeta } = await import("./route");

  it("finds every route handler in the policy, and nothing in the policy that is gone", () => {
    const listed = new Set(Object.keys(ROUTE_POLICY).map((key) => key.split("#")[0]));
    expect(files.map((file) => path.relative(root, file)).sort()).toEqual([...listed].sort());
  });

  for (const file of files) {
    const relative = path.relative(root, file);
    it(`${relative}: every method is wrapped and refuses callers it should`, async () => {
      const route = (await import(file)) as Record<string, unknown>;
      const methods = Object.entries(route).filter(([name]) => HTTP_METHODS.has(name));
      expect(methods.length, `${relative} exports no HTTP method`).toBeGreaterThan(0);
      for (const [method, handler] of methods) {
        const meta = getRouteMeta(handler);
        expect(
          meta,
          `${relative} ${method} is not declared with authedRoute or publicRoute`,
        ).toBeDefined();
        if (!meta || typeof handler !== "function") continue;
        expect(meta.kind === "public" ? "public" : meta.role, `${relative}#${method} access`).toBe(
          ROUTE_POLICY[`${relative}#${method}`],
        );
        const call = handler as (request: Request, context: unknown) => Promise<Response>;
        const request = () => new Request(`http://localhost/${relative}`, { method });
        if (meta.kind === "public") {
          expect(meta.reason.length, `${relative} must say why it is public`).toBeGreaterThan(20);
          asCaller(null);
          const status = (await call(request(), paramsFor(relative))).status;
          expect(status, `${method} signed out answered ${status}`).toBeLessThan(500);
          continue;
        }

        asCaller(null);
        expect(
          (await call(request(), paramsFor(relative))).status,
          `${method} without a session`,
        ).toBe(401);
        const below = roleBelow(meta.role);
        if (below) {
          asCaller(below);
          expect((await call(request(), paramsFor(relative))).status, `as ${below}`).toBe(403);
        }
        asCaller(meta.role);
        // Let through, the handler answers for what it was asked: 200, or 404 for ids that name
        // nothing; never a refusal, never a server error.
        const allowed = (await call(request(), paramsFor(relative))).status;
        expect([200, 404], `${method} as ${meta.role} answered ${allowed}`).toContain(allowed);
      }
    });
  }
});
