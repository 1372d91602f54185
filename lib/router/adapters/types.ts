/**
 * What the adapters take instead of reading the environment: credentials and base URLs per
 * catalogue platform id, and the `fetch` to send requests with (a safe fetch for user-supplied
 * base URLs).
 */

/**
 * Credentials for one platform. Each adapter reads the fields it needs:
 * OpenAI, Anthropic and OpenAI-compatible `apiKey`; Azure `apiKey` plus `resourceName` (or a base
 * URL) and optional `apiVersion`; Bedrock `region` plus `accessKeyId`/`secretAccessKey`
 * (optional `sessionToken`) or `apiKey`; Vertex `apiKey` (express mode) or `project`, `location`
 * and optional service-account `googleCredentials`.
 */
export type PlatformCredentials = {
  apiKey?: string;
  /** Azure: the resource name in `https://{resourceName}.openai.azure.com`. */
  resourceName?: string;
  /** Azure: an `api-version`; with it, deployment-style URLs are used. */
  apiVersion?: string;
  /** Bedrock region, e.g. `us-east-1`. */
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  /** Vertex project and location. */
  project?: string;
  location?: string;
  /** Vertex service-account key fields. */
  googleCredentials?: { client_email: string; private_key: string };
  /** Vertex: a fixed bearer token (Claude on Vertex), instead of google-auth-library. */
  accessToken?: string;
};

/** Options shared by every adapter constructor. */
export type AdapterOptions = {
  credentials: PlatformCredentials;
  /** Overrides the provider's default endpoint (the emulator, a gateway, a self-hosted server). */
  baseUrl?: string;
  /** The fetch used for every request; pass a safe fetch for user-supplied base URLs. */
  fetch: typeof fetch;
  /** Extra headers sent with every request (for example the emulator's fault header). */
  headers?: Record<string, string>;
};
