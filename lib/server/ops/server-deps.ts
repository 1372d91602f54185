import { lookup } from "node:dns/promises";
import type { EndpointPolicyOptions } from "@/lib/router/endpoint-policy";
import type { KeyRing } from "../domain/access/credentials";
import { EnvError, type Env } from "./env";
import { parseSecretKey } from "./secret-box";

/**
 * The keys that seal stored secrets: CROSSBENCH_SECRET_KEY, plus any keys listed (comma
 * separated) in CROSSBENCH_SECRET_KEY_PREVIOUS, which can still decrypt while a rotation is
 * completed.
 */
export function keyRingFromEnv(env: Env): KeyRing {
  if (!env.CROSSBENCH_SECRET_KEY) {
    throw new EnvError([
      "CROSSBENCH_SECRET_KEY is not set (generate one with `openssl rand -base64 32`)",
    ]);
  }
  const previous = (env.CROSSBENCH_SECRET_KEY_PREVIOUS ?? "")
    .split(",")
    .map((text) => text.trim())
    .filter(Boolean)
    .map((text) => parseSecretKey(text, "CROSSBENCH_SECRET_KEY_PREVIOUS"));
  return { current: parseSecretKey(env.CROSSBENCH_SECRET_KEY, "CROSSBENCH_SECRET_KEY"), previous };
}

/** Resolves every address of a host, as the endpoint policy needs. */
export async function lookupAll(host: string): Promise<string[]> {
  const results = await lookup(host, { all: true, verbatim: true });
  return results.map((result) => result.address);
}

/** What user-supplied endpoints may reach, from ALLOW_LOCAL_ENDPOINTS and ALLOW_PRIVATE_ENDPOINTS. */
export function endpointPolicyFromEnv(env: Env): EndpointPolicyOptions {
  return {
    allowLocal: env.ALLOW_LOCAL_ENDPOINTS,
    allowPrivate: env.ALLOW_PRIVATE_ENDPOINTS,
    lookup: lookupAll,
  };
}
