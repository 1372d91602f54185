import { z } from "zod";

/**
 * The one place Crossbench reads its configuration. Every variable is documented in
 * `.env.example`; a bad value fails at start with a message that names the variable.
 *
 * This module deliberately has no `server-only` marker: the command-line scripts (start, db,
 * test) use it too. It is still never imported by client components (lint forbids
 * `components/` from reaching `lib/server`).
 */

const postgresUrl = z
  .string()
  .trim()
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (
          (url.protocol === "postgres:" || url.protocol === "postgresql:") &&
          url.hostname.length > 0 &&
          url.pathname.length > 1
        );
      } catch {
        return false;
      }
    },
    {
      message:
        "must look like postgresql://USER:PASSWORD@HOST:PORT/DATABASE (with a database name)",
    },
  );

const port = z.coerce
  .number({ message: "must be a whole number between 1 and 65535" })
  .int("must be a whole number between 1 and 65535")
  .min(1, "must be a whole number between 1 and 65535")
  .max(65535, "must be a whole number between 1 and 65535");

const booleanFlag = z
  .enum(["1", "0", "true", "false", "yes", "no"], { message: "must be true or false" })
  .optional()
  .transform((value) => value === "1" || value === "true" || value === "yes");

/** A flag that is on unless set to a false value. */
const defaultOnFlag = z
  .enum(["1", "0", "true", "false", "yes", "no"], { message: "must be true or false" })
  .optional()
  .transform(
    (value) => value === undefined || value === "1" || value === "true" || value === "yes",
  );

const emptyAsUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

export const envSchema = z.object({
  NODE_ENV: z.preprocess(
    emptyAsUndefined,
    z.enum(["development", "production", "test"]).default("production"),
  ),
  DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  TEST_DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  PORT: z.preprocess(emptyAsUndefined, port.default(3000)),
  HOST: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9.:[\]-]+$/, "must be a host name or an IP address")
      .default("127.0.0.1"),
  ),
  CROSSBENCH_DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default(".data")),
  EMBEDDED_PG_PORT: z.preprocess(emptyAsUndefined, port.default(54329)),
  // 0 lets the system pick a free port (tests).
  EMULATOR_PORT: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ message: "must be a whole number between 0 and 65535" })
      .int("must be a whole number between 0 and 65535")
      .min(0, "must be a whole number between 0 and 65535")
      .max(65535, "must be a whole number between 0 and 65535")
      .default(4010),
  ),
  CROSSBENCH_BROWSER_PATH: z.preprocess(emptyAsUndefined, z.string().optional()),
  CROSSBENCH_SECRET_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
  CROSSBENCH_SECRET_KEY_PREVIOUS: z.preprocess(emptyAsUndefined, z.string().optional()),
  CROSSBENCH_URL: z.preprocess(
    emptyAsUndefined,
    z
      .url({
        protocol: /^https?$/,
        message: "must be the http(s) address users open, e.g. https://crossbench.example.com",
      })
      .optional(),
  ),
  // Set by `npm start` when it runs the emulator; the router sends simulated platforms there.
  CROSSBENCH_EMULATOR_URL: z.preprocess(
    emptyAsUndefined,
    z.url({ protocol: /^http$/, message: "must be the emulator's http:// root URL" }).optional(),
  ),
  /**
   * X-Forwarded-For comes from a reverse proxy we trust: its first hop is the client. Unset, the
   * socket's address is the client (`npm start` writes it into that header).
   */
  TRUST_PROXY: z.preprocess(emptyAsUndefined, booleanFlag),
  /** `npm start` runs one evaluation worker in-process unless this is false. */
  IN_PROCESS_WORKER: z.preprocess(emptyAsUndefined, defaultOnFlag),
  /** Rendered pages served again while their data is unchanged (lib/server/http/page-cache.ts). */
  PAGE_CACHE: z.preprocess(emptyAsUndefined, defaultOnFlag),
  /** Web processes `npm start` serves from (default: one per core, at most four). */
  WEB_PROCESSES: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ message: "must be a whole number from 1 to 16" })
      .int("must be a whole number from 1 to 16")
      .min(1, "must be a whole number from 1 to 16")
      .max(16, "must be a whole number from 1 to 16")
      .optional(),
  ),
  ALLOW_LOCAL_ENDPOINTS: z.preprocess(emptyAsUndefined, booleanFlag),
  ALLOW_PRIVATE_ENDPOINTS: z.preprocess(emptyAsUndefined, booleanFlag),
  OIDC_ISSUER: z.preprocess(
    emptyAsUndefined,
    z.url({ protocol: /^https$/, message: "must be an https URL" }).optional(),
  ),
  OIDC_CLIENT_ID: z.preprocess(emptyAsUndefined, z.string().optional()),
  OIDC_CLIENT_SECRET: z.preprocess(emptyAsUndefined, z.string().optional()),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(["debug", "info", "warn", "error"]).default("info"),
  ),
});

export type Env = z.infer<typeof envSchema>;

/** A configuration problem, phrased for the person starting Crossbench. */
export class EnvError extends Error {
  override readonly name = "EnvError";
  constructor(readonly issues: readonly string[]) {
    super(`Invalid configuration: ${issues.join("; ")}. See .env.example.`);
  }
}

/** Parses a raw environment (usually `process.env`). Throws {@link EnvError} naming each bad variable. */
export function parseEnv(raw: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(raw);
  if (result.success) return result.data;
  throw new EnvError(
    result.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`),
  );
}

let cached: Env | undefined;

/** The validated process environment, parsed once. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The database URL the server must use; `npm start` sets it when it runs the embedded database. */
export function requireDatabaseUrl(env: Env = getEnv()): string {
  if (!env.DATABASE_URL) {
    throw new EnvError([
      "DATABASE_URL is not set (run the app with `npm start`, which provides an embedded database, or set DATABASE_URL)",
    ]);
  }
  return env.DATABASE_URL;
}

/** Host, port and database name of a PostgreSQL URL, without credentials: safe to print. */
export function describeDatabaseUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
}
