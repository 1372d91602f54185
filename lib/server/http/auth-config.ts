import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { createAuthMiddleware, getSessionFromCtx, isAPIError } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { genericOAuth } from "better-auth/plugins";
import { recordAudit, recordRateLimitedSignIn } from "../domain/audit";
import { getClientAddress, withClientAddress } from "./client-address";
import type { Db } from "../ops/db-client";
import { SIGN_IN_LIMITS, signInThrottle, tooManyAttemptsBody } from "./sign-in-throttle";

/**
 * better-auth, configured for Crossbench: email and password (no self sign-up: admins create
 * users), sessions in PostgreSQL, sign-in throttling per account and per address shared by every
 * process through the database (`sign-in-throttle.ts`), audit events for sign-ins, failures,
 * sign-outs and password changes, and optional OIDC single sign-on. Framework wiring (the
 * singleton, env) is in `auth.ts`.
 */

export type OidcConfig = { issuer: string; clientId: string; clientSecret: string };

export type AuthOptions = {
  /** Signs session cookies; derived from CROSSBENCH_SECRET_KEY. */
  secret: string;
  /** The address users open, e.g. http://localhost:3000. */
  baseURL: string;
  /** Origins allowed to POST to the auth endpoints besides baseURL. */
  trustedOrigins: string[];
  /** TRUST_PROXY: X-Forwarded-For comes from a proxy we trust, and its first hop is the client. */
  isProxyTrusted: boolean;
  oidc?: OidcConfig;
  /** The sign-in throttle's clock, in milliseconds (tests move it instead of sleeping). */
  now?: () => number;
};

const SIGN_IN_PATH = "/sign-in/email";

export function createAuth(db: Db, options: AuthOptions) {
  const addressOf = (ctx: { request?: Request; headers?: Headers }) => {
    const headers = ctx.request?.headers ?? ctx.headers;
    return headers ? getClientAddress(headers, options.isProxyTrusted) : null;
  };
  const auth = betterAuth({
    appName: "Crossbench",
    secret: options.secret,
    baseURL: options.baseURL,
    trustedOrigins: options.trustedOrigins,
    database: prismaAdapter(db, { provider: "postgresql" }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: 12,
      maxPasswordLength: 128,
      autoSignIn: false,
    },
    user: {
      additionalFields: {
        role: { type: "string", input: false, required: false, defaultValue: "viewer" },
        mustChangePassword: { type: "boolean", input: false, required: false, defaultValue: false },
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    // Per address only (better-auth cannot key on the account): a ceiling on requests. Password
    // guessing is slowed per account and per address by the signInThrottle plugin below.
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 100,
      customRules: {
        [SIGN_IN_PATH]: {
          window: SIGN_IN_LIMITS.requests.windowSeconds,
          max: SIGN_IN_LIMITS.requests.max,
        },
        "/change-password": { window: 60, max: 5 },
      },
    },
    advanced: {
      useSecureCookies: options.baseURL.startsWith("https://"),
      // The handler below leaves X-Forwarded-For holding the client address alone.
      ipAddress: { ipAddressHeaders: ["x-forwarded-for"] },
    },
    databaseHooks: {
      session: {
        create: {
          after: async (session, context) => {
            // Changing the password replaces the session; that is not a sign-in.
            if (context?.path === "/change-password") return;
            const user = await db.user.findUnique({
              where: { id: session.userId },
              select: { email: true },
            });
            await recordAudit(db, {
              action: "auth.sign_in",
              actor: { id: session.userId, email: user?.email ?? null },
              ipAddress: (context ? addressOf(context) : null) ?? session.ipAddress ?? null,
            });
          },
        },
      },
    },
    hooks: {
      // Sign-out ends the session before any after-hook could read it, so it is audited here.
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-out") return;
        const session = await getSessionFromCtx(ctx);
        if (!session) return;
        await recordAudit(db, {
          action: "auth.sign_out",
          actor: { id: session.user.id, email: session.user.email },
          ipAddress: addressOf(ctx),
        });
      }),
      after: createAuthMiddleware(async (ctx) => {
        const returned: unknown = ctx.context.returned;
        const failed = isAPIError(returned);
        const ip = addressOf(ctx);
        if (ctx.path === SIGN_IN_PATH && failed) {
          const body: unknown = ctx.body;
          const email =
            typeof body === "object" &&
            body !== null &&
            "email" in body &&
            typeof body.email === "string"
              ? body.email.slice(0, 254).toLowerCase()
              : null;
          await recordAudit(db, {
            action: "auth.sign_in_failed",
            actor: { id: null, email },
            detail: { reason: "invalid credentials" },
            ipAddress: ip,
          });
        }
        const user = ctx.context.session?.user;
        if (ctx.path === "/change-password" && !failed && user) {
          await db.user.update({ where: { id: user.id }, data: { mustChangePassword: false } });
          await recordAudit(db, {
            action: "auth.password_changed",
            actor: { id: user.id, email: user.email },
            ipAddress: ip,
          });
        }
      }),
    },
    plugins: [
      ...(options.oidc
        ? [
            genericOAuth({
              config: [
                {
                  providerId: "oidc",
                  discoveryUrl: `${options.oidc.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
                  clientId: options.oidc.clientId,
                  clientSecret: options.oidc.clientSecret,
                  scopes: ["openid", "email", "profile"],
                  pkce: true,
                  // Accounts are created by admins; single sign-on links to an existing email only.
                  disableImplicitSignUp: true,
                },
              ],
            }),
          ]
        : []),
      signInThrottle(db, { now: options.now ?? Date.now }),
      // Lets server actions that call auth endpoints set cookies; must be the last plugin.
      nextCookies(),
    ],
  });

  /**
   * Every HTTP request: the client address is settled first (TRUST_PROXY), and a refusal by
   * better-auth's limiter gets Retry-After and the same body as the throttle's. Refused sign-ins
   * skip better-auth's hooks, so they are audited here.
   */
  const handler = async (request: Request): Promise<Response> => {
    const normalized = withClientAddress(request, options.isProxyTrusted);
    const isSignIn =
      normalized.method === "POST" && new URL(normalized.url).pathname.endsWith(SIGN_IN_PATH);
    const copy = isSignIn ? normalized.clone() : null;
    const response = await auth.handler(normalized);
    if (response.status !== 429) return response;
    if (copy) {
      await recordRateLimitedSignIn(
        db,
        copy,
        getClientAddress(request.headers, options.isProxyTrusted),
      );
    }
    return withRetryAfter(response);
  };
  return { ...auth, handler, fetch: handler };
}

/** better-auth's limiter says X-Retry-After; browsers and clients look for Retry-After. */
function withRetryAfter(response: Response): Response {
  if (response.headers.has("retry-after")) return response;
  const seconds = Math.max(1, Number(response.headers.get("x-retry-after")) || 60);
  return Response.json(tooManyAttemptsBody(seconds), {
    status: 429,
    headers: { "Retry-After": String(seconds) },
  });
}

export type Auth = ReturnType<typeof createAuth>;
