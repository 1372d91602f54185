import { PLATFORMS } from "../platforms";
import type { PlatformFact } from "../types";

/**
 * Where models are bought: every platform of the registry (the clouds, the vendors' own APIs and
 * a self-hosted, OpenAI-compatible server), as catalogue facts. Each row cites the page that
 * documents the platform's model prices.
 */
export const SEED_PLATFORMS: readonly PlatformFact[] = PLATFORMS.map((platform) => ({
  id: platform.id,
  name: platform.name,
  kind: platform.kind,
  owner: platform.owner,
  homepageUrl: platform.homepageUrl,
  sourceUrl: platform.sourceUrl,
}));
