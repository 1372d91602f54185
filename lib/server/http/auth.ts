import "server-only";
import { createAuth, type Auth } from "./auth-config";
import { authOptionsFromEnv } from "./auth-options";
import { getDb } from "../ops/db";
import { getEnv } from "../ops/env";

const globalForAuth = globalThis as unknown as { crossbenchAuth?: Auth };

/** The app's better-auth instance, created on first use. */
export function getAuth(): Auth {
  globalForAuth.crossbenchAuth ??= createAuth(getDb(), authOptionsFromEnv(getEnv()));
  return globalForAuth.crossbenchAuth;
}
