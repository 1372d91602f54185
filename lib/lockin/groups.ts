/**
 * Provider groups: who a call's money goes to, seen from one platform. A model whose vendor is the
 * platform's owner (Amazon's Nova on Bedrock) or is closely connected to it by a recorded tie
 * (equity, exclusive or first-party deal, DORA Art. 29's "closely connected") counts to the owner's
 * group; any other vendor is its own group. The lock-in concentration factor and the routers'
 * neutrality audit both group this way, through this one function.
 */

/** A platform as the grouping needs it: its id ("aws-bedrock") and owner ("Amazon"). */
export type GroupPlatform = { id: string; owner: string };

/** A recorded tie between a platform owner and a model vendor slug. */
export type GroupTie = { platformOwner: string; vendor: string };

/** True when the platform's owner is the model vendor itself (Google on Vertex, OpenAI's API). */
export function ownsVendor(platform: GroupPlatform, vendor: string): boolean {
  const owner = platform.owner.toLowerCase().replace(/[^a-z0-9]/g, "");
  return platform.id === vendor || platform.id.startsWith(`${vendor}-`) || owner.startsWith(vendor);
}

/** The name of the platform owner's group, e.g. "Amazon group". */
export function ownerGroupName(platform: GroupPlatform): string {
  return `${platform.owner} group`;
}

/**
 * The group a vendor's calls count to on this platform: the owner's group when the owner is the
 * vendor or is tied to it, otherwise `vendorName` (the vendor's display name; the slug by default).
 */
export function providerGroupOf(
  platform: GroupPlatform,
  ties: readonly GroupTie[],
  vendor: string,
  vendorName: string = vendor,
): { group: string; isOwnerGroup: boolean } {
  const tied =
    ownsVendor(platform, vendor) ||
    ties.some((tie) => tie.platformOwner === platform.owner && tie.vendor === vendor);
  return tied
    ? { group: ownerGroupName(platform), isOwnerGroup: true }
    : { group: vendorName, isOwnerGroup: false };
}
