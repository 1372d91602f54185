import { Prisma } from "@/prisma/generated/client";
import {
  DEFAULT_WEIGHTS,
  FACTOR_IDS,
  scoreLockin,
  type LockinFacts,
  type LockinOffering,
  type LockinWeights,
  type PlatformLockin,
  type WorkloadProfile,
} from "@/lib/lockin";
import { lockinWeightsSchema, workloadProfileSchema } from "@/lib/schemas/lockin";
import type { Caller } from "../caller";
import { requireRole } from "../caller";
import type { SnapshotInfo } from "../catalog/catalog";
import { catalogVersion } from "../catalog/catalog-version";
import { perDatabase, stableKey } from "../../ops/versioned-cache";
import type { Db } from "../../ops/db-client";
import { AppError } from "../errors";

/**
 * The Lock-in page: each user's weights and workload profile (LockinSettings), the catalogue facts
 * the lock-in model needs, and the scores. Only the profile's models' offerings, and the recent
 * releases of the profile's vendors, are loaded, so a catalogue with thousands of offerings still
 * loads a few small result sets.
 */

export type LockinView = {
  snapshot: SnapshotInfo | null;
  /** "Today" for deprecation windows, YYYY-MM-DD. */
  asOf: string;
  weights: LockinWeights;
  isDefaultWeights: boolean;
  profile: WorkloadProfile;
  /** True when the user has not saved a profile: the example built from the catalogue is shown. */
  isExampleProfile: boolean;
  /** Saved profile models the catalogue no longer has (left out of the scores). */
  unknownModels: string[];
  /** Platforms in catalogue order; each with its score (null when it offers none of the models). */
  platforms: PlatformLockin[];
  /** Model ids and names the profile editor suggests (models with a current offering). */
  modelOptions: { id: string; name: string }[];
};

/** The example profile's models, spend in USD per month, when the catalogue has them. */
const EXAMPLE_MODELS: readonly [string, number][] = [
  ["anthropic/claude-sonnet-4.6", 6000],
  ["openai/gpt-5.4-mini", 2500],
  ["meta/llama-3.3-70b-instruct", 1500],
];

const day = (value: Date) => value.toISOString().slice(0, 10);

function readWeights(stored: Prisma.JsonValue | null | undefined): LockinWeights | null {
  if (stored === null || stored === undefined) return null;
  const parsed = lockinWeightsSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

function readProfile(stored: Prisma.JsonValue | null | undefined): WorkloadProfile | null {
  if (stored === null || stored === undefined) return null;
  const parsed = workloadProfileSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

/** The example profile: well-known models present in the catalogue, else its most-offered ones. */
async function buildExampleProfile(db: Db): Promise<WorkloadProfile> {
  const present = await db.model.findMany({
    where: { id: { in: EXAMPLE_MODELS.map(([id]) => id) } },
    select: { id: true },
  });
  let models = EXAMPLE_MODELS.filter(([id]) => present.some((model) => model.id === id)).map(
    ([modelId, monthlySpendUsd]) => ({ modelId, monthlySpendUsd }),
  );
  if (models.length === 0) {
    const top = await db.$queryRaw<{ model_id: string }[]>`
      SELECT o."modelId" AS model_id FROM "Offering" o
      WHERE o.lifecycle <> 'retired' AND o."withdrawnAt" IS NULL
      GROUP BY o."modelId"
      ORDER BY count(DISTINCT o."platformId") DESC, o."modelId"
      LIMIT 3`;
    models = top.map((row, index) => ({
      modelId: row.model_id,
      monthlySpendUsd: [6000, 2500, 1500][index] ?? 1000,
    }));
  }
  return {
    models,
    requiredRegions: ["eu"],
    services: ["guardrails", "knowledge-bases"],
    monthlySpendUsd: 12_000,
    dataStoredGb: 2000,
    exitScope: "leave-platform",
  };
}

/** The catalogue facts for a profile: only its models' offerings, plus its vendors' recent releases. */
async function loadFacts(db: Db, modelIds: string[], asOf: string): Promise<LockinFacts> {
  const cutoff = new Date(`${asOf}T00:00:00Z`);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - 1);
  const [platforms, models, offerings, ties, releases] = await Promise.all([
    db.platform.findMany({
      select: {
        id: true,
        name: true,
        kind: true,
        owner: true,
        sourceUrl: true,
        snapshotDate: true,
      },
      orderBy: { name: "asc" },
    }),
    db.model.findMany({
      where: { id: { in: modelIds } },
      select: { id: true, name: true, vendor: true, sourceUrl: true, snapshotDate: true },
    }),
    modelIds.length === 0
      ? []
      : db.$queryRaw<
          {
            platform_id: string;
            model_id: string;
            regions: string[];
            blended: Prisma.Decimal | null;
            context_window: number | null;
            capabilities: string[];
            api_styles: string[];
            lifecycle: LockinOffering["lifecycle"];
            deprecation_date: Date | null;
            source_url: string;
            snapshot_date: Date;
          }[]
        >`
          SELECT o."platformId" AS platform_id, o."modelId" AS model_id, o.regions,
            (3 * o."inputPrice" + o."outputPrice") / 4 AS blended,
            o."contextWindow" AS context_window, o.capabilities, o."apiStyles" AS api_styles,
            o.lifecycle::text AS lifecycle, o."deprecationDate" AS deprecation_date,
            o."sourceUrl" AS source_url, o."snapshotDate" AS snapshot_date
          FROM "Offering" o
          WHERE o."modelId" IN (${Prisma.join(modelIds)}) AND o.lifecycle <> 'retired' AND o."withdrawnAt" IS NULL`,
    db.vendorTie.findMany({
      select: {
        platformOwner: true,
        vendor: true,
        kind: true,
        amountUsd: true,
        announcedOn: true,
        sourceUrl: true,
        snapshotDate: true,
      },
    }),
    // The models the profile's vendors released in the year before asOf, on every platform that
    // sells one of those vendors: whether it offers each, and the first snapshot that listed it
    // when an earlier sync of the same source had not (so the arrival falls between the two).
    db.$queryRaw<
      {
        platform_id: string;
        model_id: string;
        model_name: string;
        vendor: string;
        released_on: Date;
        offered: boolean;
        arrived_by: Date | null;
      }[]
    >`
      WITH profile_vendors AS (
        SELECT DISTINCT m.vendor FROM "Model" m WHERE m.id IN (${modelIds.length ? Prisma.join(modelIds) : null})
      ),
      sold AS (
        SELECT DISTINCT o."platformId" AS platform_id, m.vendor
        FROM "Offering" o JOIN "Model" m ON m.id = o."modelId"
        WHERE m.vendor IN (SELECT vendor FROM profile_vendors)
          AND o.lifecycle <> 'retired' AND o."withdrawnAt" IS NULL
      ),
      recent AS (
        SELECT s.platform_id, r.id, r.name, r.vendor, r."releaseDate" AS released_on
        FROM sold s JOIN "Model" r ON r.vendor = s.vendor
        WHERE r."releaseDate" > ${cutoff}::date AND r."releaseDate" <= ${asOf}::date
      ),
      listed AS (
        SELECT x."platformId" AS platform_id, x."modelId" AS model_id, x."originSource" AS source,
          least(min(p."effectiveDate"), min(x."createdAt")::date) AS first_seen
        FROM "Offering" x LEFT JOIN "OfferingPrice" p ON p."offeringId" = x.id
        WHERE x.lifecycle <> 'retired' AND x."withdrawnAt" IS NULL
          AND x."modelId" IN (SELECT id FROM recent)
        GROUP BY x."platformId", x."modelId", x."originSource"
      ),
      first_listed AS (
        SELECT DISTINCT ON (platform_id, model_id) platform_id, model_id, source, first_seen
        FROM listed ORDER BY platform_id, model_id, first_seen
      )
      SELECT r.platform_id, r.id AS model_id, r.name AS model_name, r.vendor, r.released_on,
        (f.model_id IS NOT NULL) AS offered,
        CASE WHEN EXISTS (
          SELECT 1 FROM "CatalogSnapshot" c
          WHERE c.source = f.source AND c."takenAt"::date < f.first_seen
        ) THEN f.first_seen END AS arrived_by
      FROM recent r
      LEFT JOIN first_listed f ON f.platform_id = r.platform_id AND f.model_id = r.id
      ORDER BY r.platform_id, r.released_on DESC, r.name`,
  ]);
  return {
    asOf,
    platforms: platforms.map((platform) => ({
      ...platform,
      snapshotDate: day(platform.snapshotDate),
    })),
    models: models.map((model) => ({ ...model, snapshotDate: day(model.snapshotDate) })),
    offerings: offerings.map((row) => ({
      platformId: row.platform_id,
      modelId: row.model_id,
      regions: row.regions,
      blendedPrice: row.blended === null ? null : Number(row.blended),
      contextWindow: row.context_window,
      capabilities: row.capabilities,
      apiStyles: row.api_styles,
      lifecycle: row.lifecycle,
      deprecationDate: row.deprecation_date ? day(row.deprecation_date) : null,
      sourceUrl: row.source_url,
      snapshotDate: day(row.snapshot_date),
    })),
    ties: ties.map((tie) => ({
      platformOwner: tie.platformOwner,
      vendor: tie.vendor,
      kind: tie.kind,
      amountUsd: tie.amountUsd === null ? null : Number(tie.amountUsd),
      announcedOn: tie.announcedOn ? day(tie.announcedOn) : null,
      sourceUrl: tie.sourceUrl,
      snapshotDate: day(tie.snapshotDate),
    })),
    releases: releases.map((row) => ({
      platformId: row.platform_id,
      modelId: row.model_id,
      modelName: row.model_name,
      vendor: row.vendor,
      releasedOn: day(row.released_on),
      offered: row.offered,
      arrivedBy: row.arrived_by ? day(row.arrived_by) : null,
    })),
  };
}

/**
 * The caller's lock-in page: their weights (the default rubric when none are saved), their profile
 * (an example built from the catalogue when none is saved) and every platform's score.
 */
export async function getLockinView(
  caller: Caller,
  db: Db,
  options: { now?: Date } = {},
): Promise<LockinView> {
  requireRole(caller, "viewer");
  const asOf = day(options.now ?? new Date());
  const [settings, version] = await Promise.all([
    db.lockinSettings.findUnique({ where: { userId: caller.userId } }),
    catalogVersion(db),
  ]);
  const base = await baseCache(db).get(asOf, version, () => loadBase(db));
  const savedWeights = readWeights(settings?.weights);
  const savedProfile = readProfile(settings?.profile);
  const profile = savedProfile ?? base.exampleProfile;
  const weights = savedWeights ?? { ...DEFAULT_WEIGHTS };
  // The scores depend only on the catalogue, the day, the profile and the weights: users with the
  // same settings (everyone on the example profile and default rubric) share one computation.
  const scored = await scoreCache(db).get(
    stableKey({ asOf, profile, weights }),
    version,
    async () => {
      const facts = await loadFacts(
        db,
        profile.models.map((model) => model.modelId),
        asOf,
      );
      return {
        platforms: scoreLockin(facts, profile, weights),
        knownModels: new Set(facts.models.map((model) => model.id)),
      };
    },
  );
  return {
    snapshot: base.snapshot,
    asOf,
    weights,
    isDefaultWeights: savedWeights === null,
    profile,
    isExampleProfile: savedProfile === null,
    unknownModels: profile.models.map((m) => m.modelId).filter((id) => !scored.knownModels.has(id)),
    platforms: scored.platforms,
    modelOptions: base.modelOptions,
  };
}

/** One platform's factors on the caller's lock-in page, with the names of the profile's models. */
export async function getPlatformFactors(
  caller: Caller,
  db: Db,
  platformId: string,
): Promise<{ platform: PlatformLockin; modelNames: Record<string, string> }> {
  const view = await getLockinView(caller, db);
  const platform = view.platforms.find((entry) => entry.platformId === platformId);
  if (!platform) throw new AppError("NOT_FOUND", "No such platform in the catalogue.");
  return { platform, modelNames: profileModelNames(view) };
}

/**
 * The model ids and names the profile editor suggests (models with a current offering), loaded
 * when the editor is first used rather than sent with the page.
 */
export async function listLockinModelOptions(
  caller: Caller,
  db: Db,
  options: { now?: Date } = {},
): Promise<{ id: string; name: string }[]> {
  requireRole(caller, "viewer");
  const asOf = day(options.now ?? new Date());
  const version = await catalogVersion(db);
  const base = await baseCache(db).get(asOf, version, () => loadBase(db));
  return base.modelOptions;
}

/** The names of the models a view's profile names (ids stay ids when the catalogue lacks them). */
export function profileModelNames(view: LockinView): Record<string, string> {
  const ids = new Set(view.profile.models.map((model) => model.modelId));
  return Object.fromEntries(
    view.modelOptions.filter((m) => ids.has(m.id)).map((m) => [m.id, m.name]),
  );
}

type LockinBase = {
  snapshot: SnapshotInfo | null;
  modelOptions: { id: string; name: string }[];
  exampleProfile: WorkloadProfile;
};

/** What every user's lock-in page shares for one catalogue version. */
async function loadBase(db: Db): Promise<LockinBase> {
  const [snapshot, modelOptions, exampleProfile] = await Promise.all([
    db.catalogSnapshot.findFirst({
      orderBy: [{ createdAt: "desc" }],
      select: { id: true, source: true, takenAt: true, createdAt: true },
    }),
    db.$queryRaw<{ id: string; name: string }[]>`
      SELECT m.id, m.name FROM "Model" m
      WHERE EXISTS (SELECT 1 FROM "Offering" o WHERE o."modelId" = m.id AND o.lifecycle <> 'retired' AND o."withdrawnAt" IS NULL)
      ORDER BY m.name`,
    buildExampleProfile(db),
  ]);
  return { snapshot, modelOptions, exampleProfile };
}

/**
 * Lock-in data per catalogue version (lib/server/ops/versioned-cache): the shared parts by day,
 * and the scores by day, profile and weights. Values are shared between requests: never mutated.
 */
const baseCache = perDatabase<LockinBase>({ maxEntries: 4 });
const scoreCache = perDatabase<{ platforms: PlatformLockin[]; knownModels: Set<string> }>({
  maxEntries: 200,
});

/** How many lock-in computations ran and were reused (tests and benchmarks). */
export function lockinCacheStats(db: Db) {
  return { base: baseCache(db).stats(), scores: scoreCache(db).stats() };
}

/** Saves the caller's factor weights (analyst and above). */
export async function saveLockinWeights(
  caller: Caller,
  db: Db,
  input: LockinWeights,
): Promise<LockinWeights> {
  requireRole(caller, "analyst");
  const parsed = lockinWeightsSchema.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "The weights are not valid.");
  const weights = Object.fromEntries(FACTOR_IDS.map((id) => [id, parsed.data[id]]));
  await db.lockinSettings.upsert({
    where: { userId: caller.userId },
    create: { userId: caller.userId, weights },
    update: { weights },
  });
  return parsed.data;
}

/** Puts the caller back on the default rubric. */
export async function resetLockinWeights(caller: Caller, db: Db): Promise<LockinWeights> {
  requireRole(caller, "analyst");
  await db.lockinSettings.upsert({
    where: { userId: caller.userId },
    create: { userId: caller.userId, weights: Prisma.DbNull },
    update: { weights: Prisma.DbNull },
  });
  return { ...DEFAULT_WEIGHTS };
}

/** Saves the caller's workload profile; every model must be in the catalogue. */
export async function saveWorkloadProfile(
  caller: Caller,
  db: Db,
  input: WorkloadProfile,
): Promise<WorkloadProfile> {
  requireRole(caller, "analyst");
  const parsed = workloadProfileSchema.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "The workload profile is not valid.");
  const profile = parsed.data;
  const ids = profile.models.map((model) => model.modelId);
  const found = await db.model.findMany({ where: { id: { in: ids } }, select: { id: true } });
  const missing = ids.filter((id) => !found.some((model) => model.id === id));
  if (missing.length) {
    const message = `must be catalogue model ids; not found: ${missing.join(", ")}`;
    const fieldErrors: Record<string, string[]> = { models: [message] };
    profile.models.forEach((model, index) => {
      if (missing.includes(model.modelId))
        fieldErrors[`models.${index}.modelId`] = ["is not a model id in the catalogue"];
    });
    throw new AppError("INVALID_INPUT", `Models ${message}.`, fieldErrors);
  }
  await db.lockinSettings.upsert({
    where: { userId: caller.userId },
    create: { userId: caller.userId, profile },
    update: { profile },
  });
  return profile;
}

/** Drops the caller's saved profile and returns the example profile shown again. */
export async function resetWorkloadProfile(caller: Caller, db: Db): Promise<WorkloadProfile> {
  requireRole(caller, "analyst");
  await db.lockinSettings.upsert({
    where: { userId: caller.userId },
    create: { userId: caller.userId, profile: Prisma.DbNull },
    update: { profile: Prisma.DbNull },
  });
  return buildExampleProfile(db);
}
