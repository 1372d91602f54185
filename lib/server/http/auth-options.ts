import { hkdfSync } from "node:crypto";
import type { AuthOptions } from "./auth-config";
import { EnvError, type Env } from "../ops/env";
import { parseSecretKey } from "../ops/secret-box";

/**
 * The session-signing secret is derived from CROSSBENCH_SECRET_KEY (HKDF with its own label), so
 * there is one secret to manage and the credential key itself never signs cookies. Rotating the
 * key signs everyone out, which is what a key rotation should do.
 */
export function deriveAuthSecret(key: Buffer): string {
  return Buffer.from(
    hkdfSync("sha256", key, Buffer.alloc(0), "crossbench/better-auth/v1", 32),
  ).toString("hex");
}

/** Auth settings from the validated environment. */
export function authOptionsFromEnv(env: Env): AuthOptions {
  if (!env.CROSSBENCH_SECRET_KEY) {
    throw new EnvError([
      "CROSSBENCH_SECRET_KEY is not set (generate one with `openssl rand -base64 32`; `npm start` with the embedded database creates one in .data/)",
    ]);
  }
  const baseURL = env.CROSSBENCH_URL?.replace(/\/$/, "") ?? `http://localhost:${env.PORT}`;
  const trustedOrigins = env.CROSSBENCH_URL
    ? [baseURL]
    : [baseURL, `http://127.0.0.1:${env.PORT}`, `http://[::1]:${env.PORT}`];
  const oidc =
    env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET
      ? {
          issuer: env.OIDC_ISSUER,
          clientId: env.OIDC_CLIENT_ID,
          clientSecret: env.OIDC_CLIENT_SECRET,
        }
      : undefined;
  return {
    secret: deriveAuthSecret(parseSecretKey(env.CROSSBENCH_SECRET_KEY)),
    baseURL,
    trustedOrigins,
    isProxyTrusted: env.TRUST_PROXY,
    oidc,
  };
}
