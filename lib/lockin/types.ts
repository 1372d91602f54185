/**
 * The plain data the lock-in model reads (catalogue facts and a workload profile) and what it
 * returns. Dates are ISO `YYYY-MM-DD` strings; prices USD per 1M tokens.
 */

import type { Band } from "./bands";
import type { FactorId } from "./factors";
import type { Geography } from "./regions";
import type { ServiceKind } from "./reference-data";

export type LockinPlatform = {
  id: string;
  name: string;
  kind: "cloud" | "vendor_api" | "self_hosted";
  /** The company that runs it, as in VendorTie.platformOwner. */
  owner: string;
  sourceUrl: string;
  snapshotDate: string;
};

export type LockinModel = {
  id: string;
  name: string;
  /** Lower-case vendor slug, as in VendorTie.vendor. */
  vendor: string;
  sourceUrl: string;
  snapshotDate: string;
};

/** One offering of a model on a platform (retired offerings are left out by the caller). */
export type LockinOffering = {
  platformId: string;
  modelId: string;
  regions: string[];
  /** Blended price at 3 input : 1 output tokens; null when either price is unknown. */
  blendedPrice: number | null;
  contextWindow: number | null;
  capabilities: string[];
  apiStyles: string[];
  lifecycle: "ga" | "preview" | "deprecated";
  deprecationDate: string | null;
  sourceUrl: string;
  snapshotDate: string;
};

export type LockinTie = {
  platformOwner: string;
  vendor: string;
  kind: "equity" | "exclusive_hosting" | "first_party" | "partnership";
  amountUsd: number | null;
  announcedOn: string | null;
  sourceUrl: string;
  snapshotDate: string;
};

/**
 * A model a vendor released in the 12 months before `asOf`, as one platform stands with it: when it
 * arrived there, or that it has not. Loaded for the vendors of the workload profile only.
 */
export type RecentRelease = {
  platformId: string;
  modelId: string;
  modelName: string;
  vendor: string;
  /** The vendor's first release of the model, YYYY-MM-DD. */
  releasedOn: string;
  /** Whether the platform offers it now (a current, not withdrawn offering). */
  offered: boolean;
  /**
   * The first catalogue snapshot that listed it on the platform (YYYY-MM-DD), when a sync of the
   * same source ran before that one: it arrived between the two, so this bounds its arrival. Null
   * when it was already listed by the first sync Crossbench made of its source (arrival unknown)
   * or when it is not offered.
   */
  arrivedBy: string | null;
};
/** Everything the model needs from the catalogue. */
export type LockinFacts = {
  platforms: LockinPlatform[];
  /** At least the models of the profile. */
  models: LockinModel[];
  /** Every non-retired offering of the profile's models, on every platform. */
  offerings: LockinOffering[];
  ties: LockinTie[];
  /** Recent releases of the profile's vendors, per platform that sells those vendors. */
  releases: RecentRelease[];
  /** "Today" for deprecation windows and the EU Data Act date. */
  asOf: string;
};

/** One model the workload uses and what it spends on it. */
export type ProfileModel = { modelId: string; monthlySpendUsd: number };

/** The workload whose lock-in is scored: it is placed, in turn, on each platform. */
export type WorkloadProfile = {
  models: ProfileModel[];
  /**
   * What leaving means for data gravity: the whole platform (every service, as an exit plan under
   * DORA Art. 28(8) assumes; clouds' exit waivers then apply) or only the AI workload, the rest
   * staying (exit waivers do not apply).
   */
  exitScope: ExitScope;
  requiredRegions: Geography[];
  services: ServiceKind[];
  /** All monthly AI spend, USD (at least the sum of the models' spend, usually). */
  monthlySpendUsd: number;
  /** Data kept on the platform (documents, vector stores, logs, tuning sets), GB. */
  dataStoredGb: number;
};

/** The two meanings of leaving a platform that the data-gravity factor can score. */
export const EXIT_SCOPES = ["leave-platform", "move-ai-only"] as const;
export type ExitScope = (typeof EXIT_SCOPES)[number];

/**
 * One fact behind a factor value. `source` is null for facts from the user's own profile.
 * `snapshotDate` is the catalogue snapshot's date, or, for a reference fact (`check` set), the date
 * it was last checked against its source, with whether that check confirmed it.
 */
export type Evidence = {
  text: string;
  source: string | null;
  snapshotDate: string | null;
  check?: "confirmed" | "unconfirmed";
};

/** A factor as computed for one platform. */
export type FactorResult = {
  id: FactorId;
  label: string;
  /** 0–100, or null when the catalogue lacks the data (then excluded, weights renormalised). */
  value: number | null;
  weight: number;
  /** value × weight / Σ weights of the factors with a value; null when value is null. */
  contribution: number | null;
  evidence: Evidence[];
  measures: string;
  reference: string;
  referenceUrl: string;
};

/** The lock-in score of one platform for the profile. */
export type PlatformLockin = {
  platformId: string;
  platformName: string;
  platformKind: LockinPlatform["kind"];
  /** 0–100, or null when the platform offers none of the profile's models. */
  score: number | null;
  band: Band | null;
  factors: FactorResult[];
  /** Profile models this platform offers (scored) and those it does not. */
  modelsCounted: string[];
  modelsNotOffered: string[];
  /** Σ weights of the factors with a value, and Σ of all weights. */
  weightCovered: number;
  weightTotal: number;
};
