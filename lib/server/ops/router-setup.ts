import {
  getCredentialKind,
  getPlatform,
  PLATFORMS,
  type CredentialKind,
  type PlatformId,
} from "@/lib/catalog/platforms";
import { createAdapterFor } from "@/lib/router/adapters/create-adapter";
import { getEmulatorTargets } from "@/lib/router/adapters/emulator-targets";
import type { PlatformCredentials } from "@/lib/router/adapters/types";
import type { ProviderAdapter, Target } from "@/lib/router/types";
import { unsafeReadCredentialSecrets, type KeyRing } from "../domain/access/credentials";
import type { Db } from "./db-client";
import { parseEnv } from "./env";
import { keyRingFromEnv } from "./server-deps";

/**
 * What the router needs in the app: for every catalogue platform, where to send calls and with
 * which credentials. Real credentials come from the encrypted store first, then from the usual
 * provider environment variables; a platform with neither goes to the emulator (when one runs)
 * with fake credentials, and everything it answers is marked simulated.
 */

/** How the app reaches one platform. */
export type PlatformConnection = {
  /** True when calls go to the emulator: every result is labelled simulated. */
  simulated: boolean;
  /** Where the credentials came from. */
  source: "store" | "env" | "emulator";
  credentials: PlatformCredentials;
  /** Endpoint override (the emulator, Azure endpoint, OpenAI-compatible base URL). */
  baseUrl?: string;
};

/** Connections by catalogue platform id. Platforms with no way to reach them are absent. */
export type PlatformConnections = Partial<Record<string, PlatformConnection>>;

/** A stored credential as `unsafeReadCredentialSecrets` returns it. */
export type StoredCredential = {
  kind: CredentialKind;
  settings: Record<string, string>;
  secrets: Record<string, string>;
};

/** Every platform the router can be configured for: those that take some kind of credential. */
export const ROUTABLE_PLATFORMS: readonly PlatformId[] = PLATFORMS.filter(
  (platform) => platform.credentialKind !== null,
).map((platform) => platform.id);

type RawEnv = Record<string, string | undefined>;

const present = (value: string | undefined) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

/** `https://name.openai.azure.com[/openai]` → the base URL the Azure adapter takes. */
function azureBaseUrl(endpoint: string): string {
  const trimmed = endpoint.replace(/\/+$/, "");
  return /\/openai$/.test(trimmed) ? trimmed : `${trimmed}/openai`;
}

function defined<T extends Record<string, unknown>>(record: T): T {
  for (const key of Object.keys(record)) if (record[key] === undefined) delete record[key];
  return record;
}

/** A stored credential as adapter credentials and base URL; null when it cannot be used. */
export function fromStored(
  stored: StoredCredential,
): { credentials: PlatformCredentials; baseUrl?: string } | null {
  const { kind, settings, secrets } = stored;
  const secret = (field: string) => present(secrets[field]);
  switch (kind) {
    case "openai":
    case "anthropic":
    case "google-ai": {
      const apiKey = secret("apiKey");
      return apiKey ? { credentials: { apiKey } } : null;
    }
    case "openai-compatible": {
      const baseUrl = present(settings.baseUrl);
      if (!baseUrl) return null;
      return { credentials: defined({ apiKey: secret("apiKey") }), baseUrl };
    }
    case "bedrock": {
      const region = present(settings.region);
      const apiKey = secret("apiKey");
      const accessKeyId = secret("accessKeyId");
      const secretAccessKey = secret("secretAccessKey");
      if (!region) return null;
      if (settings.authMode === "api-key" || (apiKey && !accessKeyId)) {
        return apiKey ? { credentials: { region, apiKey } } : null;
      }
      if (!accessKeyId || !secretAccessKey) return null;
      return {
        credentials: defined({
          region,
          accessKeyId,
          secretAccessKey,
          sessionToken: secret("sessionToken"),
        }),
      };
    }
    case "azure": {
      const apiKey = secret("apiKey");
      const endpoint = present(settings.endpoint);
      if (!apiKey || !endpoint) return null;
      return {
        credentials: defined({ apiKey, apiVersion: present(settings.apiVersion) }),
        baseUrl: azureBaseUrl(endpoint),
      };
    }
    case "vertex": {
      const project = present(settings.project);
      const location = present(settings.location);
      if (!project || !location) return null;
      const json = secret("serviceAccountJson");
      let googleCredentials: PlatformCredentials["googleCredentials"];
      if (json) {
        try {
          const parsed = JSON.parse(json) as { client_email?: unknown; private_key?: unknown };
          if (typeof parsed.client_email === "string" && typeof parsed.private_key === "string") {
            googleCredentials = {
              client_email: parsed.client_email,
              private_key: parsed.private_key,
            };
          }
        } catch {
          return null;
        }
      }
      return { credentials: defined({ project, location, googleCredentials }) };
    }
  }
}

/**
 * Credentials from the provider variables the official SDKs read: `OPENAI_API_KEY`
 * (`OPENAI_BASE_URL`), `ANTHROPIC_API_KEY` (`ANTHROPIC_BASE_URL`), `AWS_REGION` with
 * `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` (`AWS_SESSION_TOKEN`) or `AWS_BEARER_TOKEN_BEDROCK`,
 * `AZURE_API_KEY` with `AZURE_RESOURCE_NAME` or `AZURE_OPENAI_ENDPOINT` (`AZURE_API_VERSION`),
 * `GOOGLE_VERTEX_API_KEY` or `GOOGLE_VERTEX_PROJECT` + `GOOGLE_VERTEX_LOCATION` (the service
 * account then comes from `GOOGLE_APPLICATION_CREDENTIALS` through Google's own auth library),
 * and for an OpenAI-compatible platform with one public endpoint its key variable
 * (`OPENROUTER_API_KEY`, with the base URL fixed at https://openrouter.ai/api/v1).
 * The variables follow the platform's credential kind. Null for a platform when its variables are
 * missing or incomplete, and for kinds with no such variables.
 */
export function fromEnvironment(
  platformId: string,
  env: RawEnv,
): { credentials: PlatformCredentials; baseUrl?: string } | null {
  const withBase = (credentials: PlatformCredentials, baseUrl: string | undefined) =>
    baseUrl ? { credentials, baseUrl } : { credentials };
  switch (getCredentialKind(platformId)) {
    case "openai": {
      const apiKey = present(env.OPENAI_API_KEY);
      return apiKey ? withBase({ apiKey }, present(env.OPENAI_BASE_URL)) : null;
    }
    case "anthropic": {
      const apiKey = present(env.ANTHROPIC_API_KEY);
      return apiKey ? withBase({ apiKey }, present(env.ANTHROPIC_BASE_URL)) : null;
    }
    case "bedrock": {
      const region = present(env.AWS_REGION) ?? present(env.AWS_DEFAULT_REGION);
      if (!region) return null;
      const bearer = present(env.AWS_BEARER_TOKEN_BEDROCK);
      if (bearer) return { credentials: { region, apiKey: bearer } };
      const accessKeyId = present(env.AWS_ACCESS_KEY_ID);
      const secretAccessKey = present(env.AWS_SECRET_ACCESS_KEY);
      if (!accessKeyId || !secretAccessKey) return null;
      return {
        credentials: defined({
          region,
          accessKeyId,
          secretAccessKey,
          sessionToken: present(env.AWS_SESSION_TOKEN),
        }),
      };
    }
    case "azure": {
      const apiKey = present(env.AZURE_API_KEY);
      if (!apiKey) return null;
      const apiVersion = present(env.AZURE_API_VERSION);
      const endpoint = present(env.AZURE_OPENAI_ENDPOINT);
      if (endpoint) {
        return { credentials: defined({ apiKey, apiVersion }), baseUrl: azureBaseUrl(endpoint) };
      }
      const resourceName = present(env.AZURE_RESOURCE_NAME);
      return resourceName ? { credentials: defined({ apiKey, resourceName, apiVersion }) } : null;
    }
    case "vertex": {
      const apiKey = present(env.GOOGLE_VERTEX_API_KEY);
      if (apiKey) return { credentials: { apiKey } };
      const project = present(env.GOOGLE_VERTEX_PROJECT);
      const location = present(env.GOOGLE_VERTEX_LOCATION);
      return project && location ? { credentials: { project, location } } : null;
    }
    case "openai-compatible": {
      // Gateways and servers have a base URL per account or per server: stored credentials only.
      const endpoint = getPlatform(platformId)?.publicEndpoint;
      const apiKey = endpoint ? present(env[endpoint.apiKeyEnv]) : undefined;
      return endpoint && apiKey ? { credentials: { apiKey }, baseUrl: endpoint.baseUrl } : null;
    }
    default:
      return null;
  }
}

/**
 * The environment variables {@link fromEnvironment} reads for a platform, as Settings names them
 * (optional ones in parentheses); null when the platform cannot be configured from the environment.
 */
export function describeEnvironmentVariables(platformId: string): string | null {
  switch (getCredentialKind(platformId)) {
    case "openai":
      return "OPENAI_API_KEY (OPENAI_BASE_URL)";
    case "anthropic":
      return "ANTHROPIC_API_KEY (ANTHROPIC_BASE_URL)";
    case "bedrock":
      return "AWS_REGION with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (AWS_SESSION_TOKEN), or with AWS_BEARER_TOKEN_BEDROCK";
    case "azure":
      return "AZURE_API_KEY with AZURE_RESOURCE_NAME or AZURE_OPENAI_ENDPOINT (AZURE_API_VERSION)";
    case "vertex":
      return "GOOGLE_VERTEX_API_KEY, or GOOGLE_VERTEX_PROJECT with GOOGLE_VERTEX_LOCATION";
    case "openai-compatible":
      return getPlatform(platformId)?.publicEndpoint?.apiKeyEnv ?? null;
    default:
      return null;
  }
}

/**
 * Resolves every routable platform: the stored credential, else the environment, else the
 * emulator (when `emulatorUrl` is given), else nothing. Pure: no network, no database.
 */
export function resolveConnections(
  stored: Partial<Record<string, StoredCredential | null>>,
  env: RawEnv,
  emulatorUrl: string | null,
): PlatformConnections {
  const emulator = emulatorUrl ? getEmulatorTargets(emulatorUrl) : null;
  const connections: PlatformConnections = {};
  for (const platformId of ROUTABLE_PLATFORMS) {
    const saved = stored[platformId];
    const fromStore = saved ? fromStored(saved) : null;
    if (fromStore) {
      connections[platformId] = { simulated: false, source: "store", ...fromStore };
      continue;
    }
    const fromEnv = fromEnvironment(platformId, env);
    if (fromEnv) {
      connections[platformId] = { simulated: false, source: "env", ...fromEnv };
      continue;
    }
    const baseUrl = emulator?.baseUrls[platformId];
    const credentials = emulator?.credentials[platformId];
    if (baseUrl && credentials) {
      connections[platformId] = { simulated: true, source: "emulator", credentials, baseUrl };
    }
  }
  return connections;
}

/** True when some routable platform has no real credentials (so it needs the emulator). */
export function needsEmulator(connections: PlatformConnections): boolean {
  return ROUTABLE_PLATFORMS.some((id) => {
    const connection = connections[id];
    return !connection || connection.simulated;
  });
}

/**
 * Reads the stored credentials (decrypted with `CROSSBENCH_SECRET_KEY`) and resolves every
 * platform as {@link resolveConnections} does. `env` is the raw environment (usually
 * `process.env`); `emulatorUrl` the running emulator's root URL, or null when none runs.
 */
export async function resolvePlatformConnections(
  db: Db,
  env: RawEnv,
  emulatorUrl: string | null,
  keys: KeyRing = keyRingFromEnv(parseEnv(env)),
): Promise<PlatformConnections> {
  const stored: Partial<Record<string, StoredCredential | null>> = {};
  await Promise.all(
    ROUTABLE_PLATFORMS.map(async (platformId) => {
      stored[platformId] = await unsafeReadCredentialSecrets(db, platformId, keys);
    }),
  );
  return resolveConnections(stored, env, emulatorUrl);
}

/** The target as the router should see it: simulated when its platform goes to the emulator. */
export function markSimulated(target: Target, connections: PlatformConnections): Target {
  const simulated = connections[target.platformId]?.simulated ?? false;
  return target.simulated === simulated ? target : { ...target, simulated };
}

/** Options of {@link createAppAdapters}. */
export type AppAdapterOptions = {
  connections: PlatformConnections;
  /** The fetch for real endpoints: a safe fetch, since base URLs may come from users. */
  fetch: typeof fetch;
  /** The fetch for the emulator on loopback (default: `fetch`). */
  emulatorFetch?: typeof fetch;
};

function unavailable(target: Target): ProviderAdapter {
  return {
    id: `unavailable:${target.platformId}`,
    call: () =>
      Promise.resolve({
        ok: false,
        error: {
          kind: "auth",
          retryable: false,
          message: `no credentials or adapter for ${target.platformId} (${target.apiStyle})`,
        },
        metrics: {},
      }),
  };
}

/**
 * The `adapters` lookup for `createRouter`: one adapter per platform and API style, created on
 * first use and cached. A platform with no connection or no adapter for the style gets an adapter
 * that fails with an `auth` error, so the router falls back instead of throwing.
 */
export function createAppAdapters(options: AppAdapterOptions): (target: Target) => ProviderAdapter {
  const { connections } = options;
  const credentials: Partial<Record<string, PlatformCredentials>> = {};
  const baseUrls: Partial<Record<string, string>> = {};
  for (const [platformId, connection] of Object.entries(connections)) {
    if (!connection) continue;
    credentials[platformId] = connection.credentials;
    if (connection.baseUrl) baseUrls[platformId] = connection.baseUrl;
  }
  const cache = new Map<string, ProviderAdapter>();
  return (target) => {
    const key = `${target.platformId}\u0000${target.apiStyle}`;
    let adapter = cache.get(key);
    if (!adapter) {
      const connection = connections[target.platformId];
      const fetchFn =
        connection?.simulated && options.emulatorFetch ? options.emulatorFetch : options.fetch;
      adapter =
        createAdapterFor(target, { credentials, baseUrls, fetch: fetchFn }) ?? unavailable(target);
      cache.set(key, adapter);
    }
    return adapter;
  };
}
