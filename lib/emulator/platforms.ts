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
  id: string;
  /** The path prefix, without slashes. */
  prefix: string;
  api: EmulatedApi;
  /** What an official client takes as its base URL, relative to the emulator's root. */
  basePath: string;
  format: WireFormat;
  /** Native model ids the catalogue lists for the platform; any other id also works. */
  models: string[];
};

function modelsOf(platformId: string): string[] {
  return [
    ...new Set(
      SEED_OFFERINGS.filter((offering) => offering.platformId === platformId).map(
        (offering) => offering.nativeId,
      ),
    ),
  ];
}

/** The OpenAI-compatible gateways, each under `/{id}/v1`. */
const OPENAI_COMPATIBLE = [
  "oci-genai",
  "ibm-watsonx",
  "snowflake-cortex",
  "databricks",
  "mistral",
  "self-hosted",
];

/** Every simulated platform, in the order `GET /` lists them. */
export const EMULATED_PLATFORMS: EmulatedPlatform[] = [
  {
    id: "openai",
    prefix: "openai",
    api: "openai-chat",
    basePath: "/openai/v1",
    format: openAiFormat,
    models: modelsOf("openai"),
  },
  {
    id: "azure-foundry",
    prefix: "azure",
    api: "azure-openai",
    // The AzureOpenAI client takes the resource endpoint and adds `/openai/…` itself.
    basePath: "/azure",
    format: openAiFormat,
    models: modelsOf("azure-foundry"),
  },
  {
    id: "anthropic",
    prefix: "anthropic",
    api: "anthropic-messages",
    basePath: "/anthropic",
    format: anthropicFormat,
    models: modelsOf("anthropic"),
  },
  {
    id: "aws-bedrock",
    prefix: "bedrock",
    api: "bedrock-converse",
    basePath: "/bedrock",
    format: bedrockFormat,
    models: modelsOf("aws-bedrock"),
  },
  {
    id: "gcp-vertex",
    prefix: "vertex",
    api: "vertex-gemini",
    basePath: "/vertex/v1",
    format: vertexFormat,
    models: modelsOf("gcp-vertex"),
  },
  ...OPENAI_COMPATIBLE.map((id): EmulatedPlatform => ({
    id,
    prefix: id,
    api: "openai-compatible",
    basePath: `/${id}/v1`,
    format: openAiFormat,
    models: modelsOf(id),
  })),
];

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
