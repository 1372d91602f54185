import {
  EMULATED_PLATFORM_ENTRIES,
  type CredentialKind,
  type EmulatedPlatformId,
} from "../catalog/platforms";
import { NATIVE_ROUTERS } from "../catalog/native-routers";
import { SEED_OFFERINGS } from "../catalog/seed";
import { anthropicFormat } from "./formats/anthropic";
import { bedrockFormat } from "./formats/bedrock";
import { openAiFormat } from "./formats/openai";
import { vertexFormat } from "./formats/vertex";
import type { Route, WireFormat } from "./types";

/** The wire API a simulated platform speaks. */
export type EmulatedApi =
  | "openai-chat"
  | "azure-openai"
  | "anthropic-messages"
  | "bedrock-converse"
  | "vertex-gemini"
  | "openai-compatible";

/** One simulated platform: its catalogue id, path prefix and API. */
export type EmulatedPlatform = {
  /** The catalogue platform id. */
  id: EmulatedPlatformId;
  /** The path prefix, without slashes. */
  prefix: string;
  api: EmulatedApi;
  /** What an official client takes as its base URL, relative to the emulator's root. */
  basePath: string;
  format: WireFormat;
  /**
   * Native model ids the catalogue lists for the platform and the model ids of the native routers
   * it serves (`openrouter/auto`); any other id also works.
   */
  models: string[];
};

/** How the emulator speaks one API family: the wire API, its format and the client's base path. */
type Wire = {
  api: EmulatedApi;
  format: WireFormat;
  /** Appended to the platform's prefix to give the base URL an official client takes. */
  basePathSuffix: string;
};

/** The wire of each credential kind (API family); null where the emulator does not speak it. */
const WIRES: Readonly<Record<CredentialKind, Wire | null>> = {
  openai: { api: "openai-chat", format: openAiFormat, basePathSuffix: "/v1" },
  // The AzureOpenAI client takes the resource endpoint and adds `/openai/…` itself.
  azure: { api: "azure-openai", format: openAiFormat, basePathSuffix: "" },
  anthropic: { api: "anthropic-messages", format: anthropicFormat, basePathSuffix: "" },
  bedrock: { api: "bedrock-converse", format: bedrockFormat, basePathSuffix: "" },
  vertex: { api: "vertex-gemini", format: vertexFormat, basePathSuffix: "/v1" },
  "google-ai": null,
  "openai-compatible": { api: "openai-compatible", format: openAiFormat, basePathSuffix: "/v1" },
};

function modelsOf(platformId: string): string[] {
  const offered = SEED_OFFERINGS.filter((offering) => offering.platformId === platformId).map(
    (offering) => offering.nativeId,
  );
  // A router called by a fixed model id; Bedrock's are ARN templates, one per region and account.
  const routers = NATIVE_ROUTERS.filter(
    (router) => router.platformId === platformId && !router.invocationId.includes("{"),
  ).map((router) => router.invocationId);
  return [...new Set([...offered, ...routers])];
}

/** Every simulated platform, in registry order, as `GET /` lists them. */
export const EMULATED_PLATFORMS: EmulatedPlatform[] = EMULATED_PLATFORM_ENTRIES.flatMap(
  (platform): EmulatedPlatform[] => {
    const wire = WIRES[platform.credentialKind];
    if (!wire) return [];
    return [
      {
        id: platform.id,
        prefix: platform.emulatorPath,
        api: wire.api,
        basePath: `/${platform.emulatorPath}${wire.basePathSuffix}`,
        format: wire.format,
        models: modelsOf(platform.id),
      },
    ];
  },
);

const BY_PREFIX = new Map(EMULATED_PLATFORMS.map((platform) => [platform.prefix, platform]));

/** What a request path asks for. */
export type Endpoint =
  | { kind: "chat"; platform: EmulatedPlatform; route: Route }
  | { kind: "models"; platform: EmulatedPlatform }
  | { kind: "unknown"; platform: EmulatedPlatform | null };

const VERTEX_PATH =
  /^\/v1(?:beta1)?\/projects\/[^/]+\/locations\/[^/]+\/publishers\/[^/]+\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;
/** Claude on Vertex: Anthropic Messages bodies under the Vertex prefix. */
const VERTEX_ANTHROPIC_PATH =
  /^\/v1\/projects\/[^/]+\/locations\/[^/]+\/publishers\/anthropic\/models\/([^/:]+):(rawPredict|streamRawPredict)$/;
const BEDROCK_PATH = /^\/model\/([^/]+)\/(converse|converse-stream)$/;
const AZURE_DEPLOYMENT_PATH = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/;

/** Maps a method and path to a platform endpoint. */
export function matchEndpoint(
  method: string,
  pathname: string,
  query: URLSearchParams = new URLSearchParams(),
): Endpoint {
  const slash = pathname.indexOf("/", 1);
  const prefix = slash === -1 ? pathname.slice(1) : pathname.slice(1, slash);
  const platform = BY_PREFIX.get(prefix);
  if (!platform) return { kind: "unknown", platform: null };
  const rest = slash === -1 ? "" : pathname.slice(slash);
  const chat = (pathModel: string | null, pathStream: boolean | null): Endpoint =>
    method === "POST"
      ? { kind: "chat", platform, route: { platformId: platform.id, pathModel, pathStream, query } }
      : { kind: "unknown", platform };

  switch (platform.api) {
    case "openai-chat":
    case "openai-compatible":
      if (rest === "/v1/chat/completions") return chat(null, null);
      if (rest === "/v1/models" && method === "GET") return { kind: "models", platform };
      break;
    case "azure-openai": {
      const deployment = AZURE_DEPLOYMENT_PATH.exec(rest);
      if (deployment?.[1]) return chat(decodeURIComponent(deployment[1]), null);
      if (rest === "/openai/v1/chat/completions") return chat(null, null);
      if ((rest === "/openai/v1/models" || rest === "/openai/models") && method === "GET") {
        return { kind: "models", platform };
      }
      break;
    }
    case "anthropic-messages":
      if (rest === "/v1/messages") return chat(null, null);
      if (rest === "/v1/models" && method === "GET") return { kind: "models", platform };
      break;
    case "bedrock-converse": {
      const match = BEDROCK_PATH.exec(rest);
      if (match?.[1]) return chat(decodeURIComponent(match[1]), match[2] === "converse-stream");
      break;
    }
    case "vertex-gemini": {
      const claude = VERTEX_ANTHROPIC_PATH.exec(rest);
      if (claude?.[1] && method === "POST") {
        return {
          kind: "chat",
          platform: { ...platform, format: anthropicFormat },
          route: {
            platformId: platform.id,
            pathModel: decodeURIComponent(claude[1]),
            pathStream: claude[2] === "streamRawPredict",
            query,
          },
        };
      }
      const match = VERTEX_PATH.exec(rest);
      if (match?.[1]) {
        return chat(decodeURIComponent(match[1]), match[2] === "streamGenerateContent");
      }
      break;
    }
  }
  return { kind: "unknown", platform };
}
