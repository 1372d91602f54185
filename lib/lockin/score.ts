/**
 * The lock-in risk model: places the workload profile on each platform in turn and scores how hard
 * it would be to leave, factor by factor, with the evidence behind each value.
 *
 * Missing data: a model lacking the data a factor needs is left out of that factor's spend-weighted
 * mean (the other models' weights are renormalised), and said so in the evidence. A factor with no
 * data at all (or, for residency, no required region served here) has value null: it is shown as a
 * gap and excluded from the score, whose weights are renormalised over the factors that have a
 * value (`weightCovered` says how much of the rubric that is). Unknown is never scored as 0 or as
 * a neutral 50.
 */

import { bandOf } from "./bands";
import { FACTORS, type FactorId, type LockinWeights } from "./factors";
import { computeHhi, HHI_HIGHLY_CONCENTRATED, hhiToFactorValue } from "./hhi";
import { providerGroupOf } from "./groups";
import {
  DATA_ACT_FACT,
  DATA_ACT_NO_SWITCHING_CHARGES_FROM,
  EGRESS_PRICES,
  PASS_THROUGH_HOSTING,
  SERVICE_KIND_INFO,
  type EgressPrice,
  type FactCheck,
} from "./reference-data";
import { GEOGRAPHY_LABELS, isHostedOnOtherCloud, servesGeography, type Geography } from "./regions";
import type {
  Evidence,
  FactorResult,
  LockinFacts,
  LockinModel,
  LockinOffering,
  LockinPlatform,
  PlatformLockin,
  WorkloadProfile,
} from "./types";

/** A model as served by one platform: its offerings there merged (regional variants, tiers). */
type Host = {
  platformId: string;
  modelId: string;
  regions: Set<string>;
  capabilities: Set<string>;
  apiStyles: Set<string>;
  contextWindow: number | null;
  blendedPrice: number | null;
  /** Whether any offering is GA or preview (a deprecated-only host is no alternative). */
  isCurrent: boolean;
  isDeprecated: boolean;
  /** The latest deprecation date among its offerings, when every offering has one. */
  deprecationDate: string | null;
  sourceUrl: string;
  snapshotDate: string;
};

type Computed = { value: number | null; evidence: Evidence[] };

/** A model of the workload on the platform being scored, with its share of spend there. */
type Placed = { model: LockinModel; host: Host; share: number };

type Context = {
  facts: LockinFacts;
  profile: WorkloadProfile;
  platform: LockinPlatform;
  placed: Placed[];
  hostsByModel: Map<string, Host[]>;
  platformById: Map<string, LockinPlatform>;
};

/** Substitutability points by the number of other platforms offering the model. */
export function substitutabilityPoints(otherPlatforms: number): number {
  if (otherPlatforms <= 0) return 100;
  if (otherPlatforms === 1) return 60;
  if (otherPlatforms === 2) return 25;
  return 0;
}

/** Price-premium points: (ratio − 1) / 0.5 clamped to [0, 1], × 100. */
export function pricePremiumPoints(ratio: number): number {
  return Math.min(1, Math.max(0, (ratio - 1) / 0.5)) * 100;
}

/**
 * Spend-weighted mean of the values that are known; the weights of the known values are
 * renormalised. Null when no value is known. When the known weights are all 0, a plain mean.
 */
export function weightedMean(
  items: readonly { weight: number; value: number | null }[],
): number | null {
  const known = items.filter(
    (item): item is { weight: number; value: number } => item.value !== null,
  );
  if (known.length === 0) return null;
  const total = known.reduce((sum, item) => sum + item.weight, 0);
  if (total <= 0) return known.reduce((sum, item) => sum + item.value, 0) / known.length;
  return known.reduce((sum, item) => sum + item.weight * item.value, 0) / total;
}

const pct = (share: number) => `${Math.round(share * 100)}%`;
const round1 = (value: number) => Math.round(value * 10) / 10;
const usd = (value: number) =>
  value >= 100 ? `$${Math.round(value).toLocaleString("en-US")}` : `$${value.toFixed(2)}`;

/** An evidence row for a reference fact: its source, the date it was checked, and how. */
function factEvidence(text: string, fact: FactCheck): Evidence {
  return { text, source: fact.sourceUrl, snapshotDate: fact.checkedOn, check: fact.check };
}

/** Days from one ISO date to another (negative when `to` is earlier). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Lag points of one recent model: days from release to arrival, 180 days or more = 100. */
export const FULL_LAG_DAYS = 180;
export function lagPoints(days: number): number {
  return Math.min(1, Math.max(0, days) / FULL_LAG_DAYS) * 100;
}

function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function buildHosts(offerings: readonly LockinOffering[]): Map<string, Host[]> {
  const byKey = new Map<string, Host>();
  for (const offering of offerings) {
    const key = `${offering.platformId}\u0000${offering.modelId}`;
    const isCurrent = offering.lifecycle !== "deprecated";
    const existing = byKey.get(key);
    if (!existing) {
      byKey.set(key, {
        platformId: offering.platformId,
        modelId: offering.modelId,
        regions: new Set(offering.regions),
        capabilities: new Set(offering.capabilities),
        apiStyles: new Set(offering.apiStyles),
        contextWindow: offering.contextWindow,
        blendedPrice: offering.blendedPrice,
        isCurrent,
        isDeprecated: offering.lifecycle === "deprecated",
        deprecationDate: offering.deprecationDate,
        sourceUrl: offering.sourceUrl,
        snapshotDate: offering.snapshotDate,
      });
      continue;
    }
    for (const region of offering.regions) existing.regions.add(region);
    for (const capability of offering.capabilities) existing.capabilities.add(capability);
    for (const style of offering.apiStyles) existing.apiStyles.add(style);
    if (offering.contextWindow !== null)
      existing.contextWindow = Math.max(existing.contextWindow ?? 0, offering.contextWindow);
    if (offering.blendedPrice !== null)
      existing.blendedPrice = Math.min(
        existing.blendedPrice ?? Number.POSITIVE_INFINITY,
        offering.blendedPrice,
      );
    existing.isCurrent ||= isCurrent;
    existing.isDeprecated &&= offering.lifecycle === "deprecated";
    existing.deprecationDate =
      existing.deprecationDate === null || offering.deprecationDate === null
        ? null
        : existing.deprecationDate > offering.deprecationDate
          ? existing.deprecationDate
          : offering.deprecationDate;
  }
  const byModel = new Map<string, Host[]>();
  for (const host of byKey.values()) {
    const list = byModel.get(host.modelId) ?? [];
    list.push(host);
    byModel.set(host.modelId, list);
  }
  return byModel;
}

function alternativesOf(context: Context, placed: Placed): Host[] {
  return (context.hostsByModel.get(placed.model.id) ?? []).filter(
    (host) => host.platformId !== context.platform.id && host.isCurrent,
  );
}

function platformNames(context: Context, hosts: readonly Host[]): string {
  return hosts
    .map((host) => context.platformById.get(host.platformId)?.name ?? host.platformId)
    .join(", ");
}

function hostEvidence(placed: Placed, text: string): Evidence {
  return { text, source: placed.host.sourceUrl, snapshotDate: placed.host.snapshotDate };
}

function substitutability(context: Context): Computed {
  const evidence: Evidence[] = [];
  const items = context.placed.map((placed) => {
    const others = alternativesOf(context, placed);
    const points = substitutabilityPoints(others.length);
    evidence.push(
      hostEvidence(
        placed,
        others.length
          ? `${placed.model.name} (${pct(placed.share)} of spend): ${others.length} other platform${others.length === 1 ? "" : "s"} (${platformNames(context, others)}) → ${points}`
          : `${placed.model.name} (${pct(placed.share)} of spend): no other platform offers it → 100`,
      ),
    );
    return { weight: placed.share, value: points };
  });
  return { value: weightedMean(items), evidence };
}

function apiPortability(context: Context): Computed {
  const evidence: Evidence[] = [];
  let lockedShare = 0;
  for (const placed of context.placed) {
    const styles = [...placed.host.apiStyles];
    const messagesHosts = (context.hostsByModel.get(placed.model.id) ?? []).filter(
      (host) => host.isCurrent && host.apiStyles.has("anthropic-messages"),
    ).length;
    const isOpenAi = placed.host.apiStyles.has("openai-compatible");
    const isPortableMessages =
      placed.host.apiStyles.has("anthropic-messages") && messagesHosts >= 2;
    const portable = isOpenAi || isPortableMessages;
    if (!portable) lockedShare += placed.share;
    const how = isOpenAi
      ? "OpenAI-compatible endpoint"
      : isPortableMessages
        ? `Anthropic Messages API, served for this model on ${messagesHosts} platforms`
        : "no portable API";
    evidence.push(
      hostEvidence(
        placed,
        `${placed.model.name} (${pct(placed.share)} of spend): API styles ${styles.length ? styles.join(", ") : "not recorded"} → ${portable ? "portable" : "not portable"} (${how})`,
      ),
    );
  }
  return { value: lockedShare * 100, evidence };
}

function featureParity(context: Context): Computed {
  const evidence: Evidence[] = [];
  const items = context.placed.map((placed) => {
    const alternatives = alternativesOf(context, placed);
    if (alternatives.length === 0) {
      evidence.push(hostEvidence(placed, `${placed.model.name}: no alternative host → 100`));
      return { weight: placed.share, value: 100 };
    }
    let best: { gap: number; host: Host; missing: string[]; isShorter: boolean } | null = null;
    for (const alternative of alternatives) {
      const missing = [...placed.host.capabilities].filter(
        (capability) => !alternative.capabilities.has(capability),
      );
      const hasContexts = placed.host.contextWindow !== null && alternative.contextWindow !== null;
      const isShorter =
        hasContexts && (alternative.contextWindow ?? 0) < (placed.host.contextWindow ?? 0);
      const denominator = placed.host.capabilities.size + (hasContexts ? 1 : 0);
      const gap = denominator ? ((missing.length + (isShorter ? 1 : 0)) / denominator) * 100 : 0;
      if (!best || gap < best.gap) best = { gap, host: alternative, missing, isShorter };
    }
    if (!best) return { weight: placed.share, value: null };
    const name = context.platformById.get(best.host.platformId)?.name ?? best.host.platformId;
    const lacks = [
      ...best.missing,
      ...(best.isShorter
        ? [`context window (${best.host.contextWindow} < ${placed.host.contextWindow} tokens)`]
        : []),
    ];
    evidence.push({
      text: `${placed.model.name}: best alternative ${name} ${lacks.length ? `lacks ${lacks.join(", ")}` : "matches every capability and the context window"} → ${round1(best.gap)}`,
      source: best.host.sourceUrl,
      snapshotDate: best.host.snapshotDate,
    });
    return { weight: placed.share, value: best.gap };
  });
  return { value: weightedMean(items), evidence };
}

function pricePremium(context: Context): Computed {
  const evidence: Evidence[] = [];
  const items = context.placed.map((placed) => {
    const own = placed.host.blendedPrice;
    const priced = alternativesOf(context, placed).filter(
      (host): host is Host & { blendedPrice: number } =>
        host.blendedPrice !== null && host.blendedPrice > 0,
    );
    if (own === null) {
      evidence.push(
        hostEvidence(placed, `${placed.model.name}: no price on this platform (left out)`),
      );
      return { weight: placed.share, value: null };
    }
    if (priced.length === 0) {
      evidence.push(
        hostEvidence(placed, `${placed.model.name}: no priced alternative host (left out)`),
      );
      return { weight: placed.share, value: null };
    }
    const cheapest = priced.reduce((min, host) =>
      host.blendedPrice < min.blendedPrice ? host : min,
    );
    const ratio = own / cheapest.blendedPrice;
    const points = pricePremiumPoints(ratio);
    const name = context.platformById.get(cheapest.platformId)?.name ?? cheapest.platformId;
    evidence.push({
      text: `${placed.model.name}: ${usd(own)} here vs ${usd(cheapest.blendedPrice)} on ${name} per 1M blended tokens (ratio ${ratio.toFixed(2)}) → ${round1(points)}`,
      source: cheapest.sourceUrl,
      snapshotDate: cheapest.snapshotDate,
    });
    return { weight: placed.share, value: points };
  });
  return { value: weightedMean(items), evidence };
}

function servesIn(host: Host, geography: Geography): boolean {
  return [...host.regions].some((region) => servesGeography(region, geography, host.platformId));
}

function residency(context: Context): Computed {
  const required = context.profile.requiredRegions;
  if (required.length === 0) {
    return {
      value: 0,
      evidence: [{ text: "The profile requires no region → 0", source: null, snapshotDate: null }],
    };
  }
  if (context.platform.kind === "self_hosted") {
    // Self-hosting is placed where you choose: no region is out of reach, and none ties you here.
    const labels = required.map((geography) => GEOGRAPHY_LABELS[geography]).join(", ");
    return {
      value: 0,
      evidence: [
        {
          text: `Self-hosted: you choose where the models run, so the required regions (${labels}) are met by design → 0`,
          source: null,
          snapshotDate: null,
        },
      ],
    };
  }
  const evidence: Evidence[] = [];
  const items = context.placed.map((placed) => {
    const values: number[] = [];
    for (const geography of required) {
      const label = GEOGRAPHY_LABELS[geography];
      if (!servesIn(placed.host, geography)) {
        evidence.push(
          hostEvidence(
            placed,
            `${placed.model.name}: not served here in ${label} (regions ${[...placed.host.regions].join(", ") || "not recorded"}), so the requirement cannot be met here (left out)`,
          ),
        );
        continue;
      }
      const others = alternativesOf(context, placed).filter((host) => servesIn(host, geography));
      const points = others.length === 0 ? 100 : others.length === 1 ? 50 : 0;
      values.push(points);
      evidence.push(
        hostEvidence(
          placed,
          others.length
            ? `${placed.model.name} in ${label}: also served by ${platformNames(context, others)} → ${points}`
            : `${placed.model.name} in ${label}: no other platform serves it there → 100`,
        ),
      );
    }
    const value = values.length ? values.reduce((sum, v) => sum + v, 0) / values.length : null;
    return { weight: placed.share, value };
  });
  return { value: weightedMean(items), evidence };
}

function hostingLocus(context: Context): Computed {
  const evidence: Evidence[] = [];
  const items = context.placed.map((placed) => {
    const passThrough = PASS_THROUGH_HOSTING.find(
      (entry) => entry.platformId === context.platform.id && entry.vendor === placed.model.vendor,
    );
    if (passThrough) {
      evidence.push(factEvidence(`${placed.model.name}: ${passThrough.note} → 100`, passThrough));
      return { weight: placed.share, value: 100 };
    }
    const foreign = [...placed.host.regions].filter(isHostedOnOtherCloud);
    if (foreign.length) {
      evidence.push(
        hostEvidence(
          placed,
          `${placed.model.name}: served from another cloud's regions (${foreign.join(", ")}) → 50`,
        ),
      );
      return { weight: placed.share, value: 50 };
    }
    evidence.push(
      hostEvidence(
        placed,
        `${placed.model.name}: run by ${context.platform.name} itself (no documented pass-through) → 0`,
      ),
    );
    return { weight: placed.share, value: 0 };
  });
  return { value: weightedMean(items), evidence };
}

function dataGravity(context: Context): Computed {
  const { profile, platform, facts } = context;
  const evidence: Evidence[] = [];
  const modelSpend = profile.models.reduce((sum, model) => sum + model.monthlySpendUsd, 0);
  const spend = profile.monthlySpendUsd > 0 ? profile.monthlySpendUsd : modelSpend;
  const dataActNote = factEvidence(
    facts.asOf >= DATA_ACT_NO_SWITCHING_CHARGES_FROM
      ? "EU Data Act Art. 29: switching charges, egress for switching included, are no longer allowed (since 12 Jan 2027); this factor still uses the list price of ordinary egress"
      : "EU Data Act Art. 29: switching charges may only cover costs until 11 Jan 2027 and are not allowed from 12 Jan 2027; this factor uses today's list price",
    DATA_ACT_FACT,
  );
  if (profile.dataStoredGb === 0) {
    return {
      value: 0,
      evidence: [
        {
          text: "The profile stores no data on the platform → 0",
          source: null,
          snapshotDate: null,
        },
      ],
    };
  }
  const published = EGRESS_PRICES[platform.id] ?? null;
  // A vendor API publishes no egress charge: its own catalogue page is the evidence (catalogue
  // snapshot date), not a checked reference fact.
  const egress: EgressPrice | null =
    published ??
    (platform.kind === "vendor_api"
      ? {
          usdPerGb: 0,
          freeGbPerMonth: 0,
          note: `${platform.name} publishes no egress charge; stored files are downloaded through its API`,
          sourceUrl: platform.sourceUrl,
          checkedOn: platform.snapshotDate,
          check: "unconfirmed",
        }
      : null);
  if (!egress) {
    evidence.push({
      text: `No egress price recorded for ${platform.name} (it depends on the infrastructure it runs on): unknown`,
      source: platform.sourceUrl,
      snapshotDate: platform.snapshotDate,
    });
    return { value: null, evidence: [...evidence, dataActNote] };
  }
  if (spend <= 0) {
    evidence.push({
      text: "The profile's monthly AI spend is 0, so egress cannot be set against it: unknown",
      source: null,
      snapshotDate: null,
    });
    return { value: null, evidence };
  }
  const stored = profile.dataStoredGb;
  const billableGb = Math.max(0, stored - egress.freeGbPerMonth);
  const listCost = egress.usdPerGb * billableGb;
  const gb = (value: number) => `${value.toLocaleString("en-US")} GB`;
  const priceText =
    egress.freeGbPerMonth > 0
      ? `${egress.note}: $${egress.usdPerGb}/GB × ${gb(billableGb)} (${gb(stored)} stored − ${gb(egress.freeGbPerMonth)} free a month) = ${usd(listCost)} at list price`
      : `${egress.note}: $${egress.usdPerGb}/GB × ${gb(stored)} = ${usd(listCost)} at list price`;
  evidence.push(
    published
      ? factEvidence(priceText, published)
      : { text: priceText, source: platform.sourceUrl, snapshotDate: platform.snapshotDate },
  );
  let cost = listCost;
  const waiver = egress.exitWaiver;
  if (waiver) {
    const conditions = `Conditions: ${waiver.conditions.join("; ")}`;
    if (profile.exitScope === "leave-platform") {
      cost = 0;
      evidence.push(
        factEvidence(
          `Exit waiver (since ${waiver.announcedOn}): ${waiver.summary}; it covers ${waiver.covers}. ${conditions}. The profile leaves the whole platform, so egress is counted as $0 (the profile's stored data is taken to be data the waiver covers)`,
          waiver,
        ),
      );
    } else {
      evidence.push(
        factEvidence(
          `Exit waiver (since ${waiver.announcedOn}) not counted: it requires leaving ${waiver.scope === "whole-cloud" ? "the whole cloud" : "each service that holds the data"}, and the profile moves only its AI workload. ${conditions}`,
          waiver,
        ),
      );
    }
  }
  const ratio = cost / spend;
  const value = Math.min(1, ratio) * 100;
  evidence.push({
    text: `${usd(cost)} is ${pct(ratio)} of ${usd(spend)} monthly AI spend → ${round1(value)}`,
    source: null,
    snapshotDate: null,
  });
  evidence.push(dataActNote);
  return { value, evidence };
}

function proprietaryServices(context: Context): Computed {
  const services = [...new Set(context.profile.services)];
  if (services.length === 0) {
    return {
      value: 0,
      evidence: [
        { text: "The profile uses no platform service → 0", source: null, snapshotDate: null },
      ],
    };
  }
  let free = 1;
  const evidence: Evidence[] = services.map((kind) => {
    const info = SERVICE_KIND_INFO[kind];
    free *= 1 - info.lock / 100;
    return factEvidence(`${info.label}: lock ${info.lock} (${info.why})`, info);
  });
  const value = (1 - free) * 100;
  evidence.push({
    text: `Combined: 100 × (1 − ${services.map((kind) => (1 - SERVICE_KIND_INFO[kind].lock / 100).toFixed(2)).join(" × ")}) = ${round1(value)}; the same services are assumed on every platform`,
    source: null,
    snapshotDate: null,
  });
  return { value, evidence };
}

function concentration(context: Context): Computed {
  const { platform, facts } = context;
  const ties = facts.ties.filter((tie) => tie.platformOwner === platform.owner);
  const groupOf = (vendor: string) => providerGroupOf(platform, ties, vendor).group;
  const byGroup = new Map<string, number>();
  for (const placed of context.placed) {
    const group = groupOf(placed.model.vendor);
    byGroup.set(group, (byGroup.get(group) ?? 0) + placed.share);
  }
  const hhi = computeHhi([...byGroup.values()]);
  if (hhi === null) return { value: null, evidence: [] };
  const value = hhiToFactorValue(hhi);
  const evidence: Evidence[] = [
    {
      text: `Spend by provider group: ${[...byGroup.entries()].map(([group, share]) => `${group} ${pct(share)}`).join(", ")}; HHI = ${Math.round(hhi).toLocaleString("en-US")} of 10,000 (${hhi > HHI_HIGHLY_CONCENTRATED ? "highly concentrated, above 1,800" : "not highly concentrated"}) → ${round1(value)}`,
      source: null,
      snapshotDate: null,
    },
  ];
  const vendors = new Set(context.placed.map((placed) => placed.model.vendor));
  for (const tie of ties) {
    if (!vendors.has(tie.vendor)) continue;
    const amount = tie.amountUsd ? ` ($${(tie.amountUsd / 1e9).toLocaleString("en-US")}B)` : "";
    evidence.push({
      text: `${tie.platformOwner} and ${tie.vendor} are closely connected: ${tie.kind.replace("_", " ")}${amount}${tie.announcedOn ? `, ${tie.announcedOn}` : ""}`,
      source: tie.sourceUrl,
      snapshotDate: tie.snapshotDate,
    });
  }
  return { value, evidence };
}

function deprecation(context: Context): Computed {
  const { facts, platform } = context;
  const horizon = addDays(facts.asOf, 365);
  const evidence: Evidence[] = [];
  const exposure = weightedMean(
    context.placed.map((placed) => {
      const date = placed.host.deprecationDate;
      const isExposed = placed.host.isDeprecated || (date !== null && date <= horizon);
      if (isExposed) {
        evidence.push(
          hostEvidence(
            placed,
            `${placed.model.name} (${pct(placed.share)} of spend): ${date ? `deprecation date ${date}` : "deprecated"}, within 12 months → 100`,
          ),
        );
      }
      return { weight: placed.share, value: isExposed ? 100 : 0 };
    }),
  );
  if (evidence.length === 0) {
    evidence.push({
      text: `No model of the profile is deprecated here or has a deprecation date before ${horizon}`,
      source: platform.sourceUrl,
      snapshotDate: platform.snapshotDate,
    });
  }
  const lag = platformLag(context, evidence);
  const value = exposure === null ? lag : lag === null ? exposure : (exposure + lag) / 2;
  return { value, evidence };
}

/**
 * The platform's lag in offering new models: for each model the vendors of the profile's models
 * placed here released in the 12 months before `asOf`, the days from the vendor's release to its
 * arrival on the platform as lag points (180 days or more = 100); a model not offered yet counts
 * the days since its release. A model already listed by the first sync Crossbench made of its
 * source has no known arrival date and counts 0 (said in the evidence). Null when those vendors
 * released nothing in the year.
 */
function platformLag(context: Context, evidence: Evidence[]): number | null {
  const { facts, platform } = context;
  const vendors = new Set(context.placed.map((placed) => placed.model.vendor));
  const releases = facts.releases.filter(
    (release) => release.platformId === platform.id && vendors.has(release.vendor),
  );
  const vendorList = [...vendors].sort().join(", ");
  if (releases.length === 0) {
    evidence.push({
      text: `No model released in the last 12 months by the profile's vendors here (${vendorList}): lag not measured, exposure alone counts`,
      source: platform.sourceUrl,
      snapshotDate: platform.snapshotDate,
    });
    return null;
  }
  const points = releases.map((release) => {
    if (!release.offered) {
      const days = daysBetween(release.releasedOn, facts.asOf);
      return { release, days, points: lagPoints(days), kind: "missing" as const };
    }
    if (release.arrivedBy === null)
      return { release, days: 0, points: 0, kind: "unknown" as const };
    const days = Math.max(0, daysBetween(release.releasedOn, release.arrivedBy));
    return { release, days, points: lagPoints(days), kind: "arrived" as const };
  });
  const lag = points.reduce((sum, entry) => sum + entry.points, 0) / points.length;
  const missing = points.filter((entry) => entry.kind === "missing");
  const arrived = points.filter((entry) => entry.kind === "arrived");
  const unknown = points.filter((entry) => entry.kind === "unknown");
  const parts = [
    missing.length
      ? `not offered yet: ${missing
          .slice(0, 3)
          .map((entry) => `${entry.release.modelName} (${entry.days} days since release)`)
          .join(", ")}${missing.length > 3 ? ` and ${missing.length - 3} more` : ""}`
      : null,
    arrived.length
      ? `arrived: ${arrived
          .slice(0, 3)
          .map((entry) => `${entry.release.modelName} within ${entry.days} days`)
          .join(", ")}${arrived.length > 3 ? ` and ${arrived.length - 3} more` : ""}`
      : null,
    unknown.length
      ? `${unknown.length} offered since the first catalogue sync that listed them (arrival date unknown, counted as no delay)`
      : null,
  ].filter((part): part is string => part !== null);
  evidence.push({
    text: `Lag for ${points.length} model${points.length === 1 ? "" : "s"} that ${vendorList} released in the last 12 months: ${parts.join("; ")}; mean of min(1, days ÷ ${FULL_LAG_DAYS}) × 100 → lag ${round1(lag)}`,
    source: platform.sourceUrl,
    snapshotDate: platform.snapshotDate,
  });
  return lag;
}

const COMPUTE: Record<FactorId, (context: Context) => Computed> = {
  substitutability,
  "api-portability": apiPortability,
  "feature-parity": featureParity,
  "price-premium": pricePremium,
  residency,
  "hosting-locus": hostingLocus,
  "data-gravity": dataGravity,
  "proprietary-services": proprietaryServices,
  concentration,
  deprecation,
};

/** Adds each factor's contribution and the score; weights renormalise over known factors. */
function finish(
  platform: LockinPlatform,
  computed: { id: FactorId; result: Computed }[],
  weights: LockinWeights,
  placed: Placed[],
  notOffered: string[],
): PlatformLockin {
  const weightTotal = FACTORS.reduce((sum, factor) => sum + weights[factor.id], 0);
  const weightCovered = computed.reduce(
    (sum, { id, result }) => sum + (result.value === null ? 0 : weights[id]),
    0,
  );
  const factors: FactorResult[] = FACTORS.map((definition) => {
    const result = computed.find((entry) => entry.id === definition.id)?.result ?? {
      value: null,
      evidence: [],
    };
    const weight = weights[definition.id];
    const value = result.value === null ? null : Math.min(100, Math.max(0, result.value));
    return {
      id: definition.id,
      label: definition.label,
      value,
      weight,
      contribution: value === null || weightCovered <= 0 ? null : (value * weight) / weightCovered,
      evidence: result.evidence,
      measures: definition.measures,
      reference: definition.reference,
      referenceUrl: definition.referenceUrl,
    };
  });
  const score =
    placed.length === 0 || weightCovered <= 0
      ? null
      : factors.reduce((sum, factor) => sum + (factor.contribution ?? 0), 0);
  return {
    platformId: platform.id,
    platformName: platform.name,
    platformKind: platform.kind,
    score,
    band: score === null ? null : bandOf(score),
    factors,
    modelsCounted: placed.map((entry) => entry.model.id),
    modelsNotOffered: notOffered,
    weightCovered: placed.length === 0 ? 0 : weightCovered,
    weightTotal,
  };
}

/** Merges repeated models of a profile (spend added) and drops unknown ones. */
function profileModels(
  profile: WorkloadProfile,
  modelById: Map<string, LockinModel>,
): { model: LockinModel; spend: number }[] {
  const merged = new Map<string, { model: LockinModel; spend: number }>();
  for (const entry of profile.models) {
    const model = modelById.get(entry.modelId);
    if (!model) continue;
    const existing = merged.get(model.id);
    if (existing) existing.spend += entry.monthlySpendUsd;
    else merged.set(model.id, { model, spend: Math.max(0, entry.monthlySpendUsd) });
  }
  return [...merged.values()];
}

/**
 * Scores every platform for the profile: the workload is placed on the platform (the models it
 * offers, weighted by their spend) and each factor of the rubric is computed with its evidence.
 * A platform offering none of the profile's models has score null. Results keep the platforms'
 * order; sorting is the caller's choice.
 */
export function scoreLockin(
  facts: LockinFacts,
  profile: WorkloadProfile,
  weights: LockinWeights,
): PlatformLockin[] {
  const hostsByModel = buildHosts(facts.offerings);
  const modelById = new Map(facts.models.map((model) => [model.id, model]));
  const platformById = new Map(facts.platforms.map((platform) => [platform.id, platform]));
  const models = profileModels(profile, modelById);

  return facts.platforms.map((platform) => {
    const onPlatform = models
      .map(({ model, spend }) => ({
        model,
        spend,
        host: hostsByModel.get(model.id)?.find((host) => host.platformId === platform.id),
      }))
      .filter((entry): entry is { model: LockinModel; spend: number; host: Host } => !!entry.host);
    const notOffered = models
      .filter(({ model }) => !onPlatform.some((entry) => entry.model.id === model.id))
      .map(({ model }) => model.id);
    const totalSpend = onPlatform.reduce((sum, entry) => sum + entry.spend, 0);
    const placed: Placed[] = onPlatform.map((entry) => ({
      model: entry.model,
      host: entry.host,
      share: totalSpend > 0 ? entry.spend / totalSpend : 1 / onPlatform.length,
    }));
    if (placed.length === 0) {
      const empty: Computed = {
        value: null,
        evidence: [
          {
            text: `${platform.name} offers none of the profile's models: not scored`,
            source: platform.sourceUrl,
            snapshotDate: platform.snapshotDate,
          },
        ],
      };
      return finish(
        platform,
        FACTORS.map((f) => ({ id: f.id, result: empty })),
        weights,
        placed,
        notOffered,
      );
    }
    const context: Context = { facts, profile, platform, placed, hostsByModel, platformById };
    const computed = FACTORS.map((factor) => ({
      id: factor.id,
      result: COMPUTE[factor.id](context),
    }));
    return finish(platform, computed, weights, placed, notOffered);
  });
}
