import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { createAuthMiddleware, getSessionFromCtx, isAPIError } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { genericOAuth } from "better-auth/plugins";
import { recordAudit } from "./audit";
import type { Db } from "./db-client";

/**
 * better-auth, configured for Crossbench: email and password (no self sign-up: admins create
 * users), sessions in PostgreSQL, sign-in rate limits shared by every process through the
 * database, audit events for sign-ins, failures, sign-outs and password changes, and optional
 * OIDC single sign-on. Framework wiring (the singleton, env) is in `auth.ts`.
 */

export type OidcConfig = { issuer: string; clientId: string; clientSecret: string };

export type AuthOptions = {
  /** Signs session cookies; derived from CROSSBENCH_SECRET_KEY. */
  secret: string;
  /** The address users open, e.g. http://localhost:3000. */
  baseURL: string;
  /** Origins allowed to POST to the auth endpoints besides baseURL. */
  trustedOrigins: string[];
  /** Sign-in attempts allowed per minute from one address. */
  signInAttemptsPerMinute: number;
  oidc?: OidcConfig;
};

const SIGN_IN_PATH = "/sign-in/email";

export function createAuth(db: Db, options: AuthOptions) {
  return betterAuth({
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
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 100,
      customRules: {
        [SIGN_IN_PATH]: { window: 60, max: options.signInAttemptsPerMinute },
        "/change-password": { window: 60, max: 5 },
      },
    },
    advanced: {
      useSecureCookies: options.baseURL.startsWith("https://"),
      ipAddress: { ipAddressHeaders: ["x-forwarded-for", "x-real-ip"] },
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
              ipAddress: session.ipAddress ?? null,
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
          ipAddress: ctx.request?.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null,
        });
      }),
      after: createAuthMiddleware(async (ctx) => {
        const returned: unknown = ctx.context.returned;
        const failed = isAPIError(returned);
        const ip = ctx.request?.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null;
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
      // Lets server actions that call auth endpoints set cookies; must be the last plugin.
      nextCookies(),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
