import { randomUUID } from "node:crypto";
import type {
  CatalogBatch,
  CatalogSyncReport,
  ModelFact,
  OfferingRef,
  OfferingFact,
  PlatformFact,
  Prices,
  SkippedEntry,
  VendorTieFact,
} from "@/lib/catalog/types";
import {
  mergeFields,
  readFieldSources,
  sourceRank,
  sourcesOfNew,
  type FieldSource,
  type FieldSources,
  type TrackedField,
  type TrackedValues,
} from "@/lib/catalog/provenance";
import { planWithdrawals } from "@/lib/catalog/withdrawals";
import { Prisma } from "@/prisma/generated/client";
import type { Db } from "../../ops/db-client";

/** How many offering changes a report lists (the counts are always complete). */
export const REPORT_CHANGE_LIMIT = 500;

type Tx = Prisma.TransactionClient;

type Counts = CatalogSyncReport["created"];
const zero = (): Counts => ({ models: 0, offerings: 0, platforms: 0, ties: 0 });

const PRICE_COLUMNS = {
  input: "inputPrice",
  output: "outputPrice",
  cachedInput: "cachedInputPrice",
  batchInput: "batchInputPrice",
  batchOutput: "batchOutputPrice",
} as const satisfies Record<keyof Prices, string>;

/** The database keeps 6 decimals; compare and write at that precision. */
const round6 = (value: number | null) => (value === null ? null : Math.round(value * 1e6) / 1e6);
const decimalNumber = (value: Prisma.Decimal | null) => (value === null ? null : Number(value));
const isoDate = (value: Date | null) => (value === null ? null : value.toISOString().slice(0, 10));
const dateOf = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`);
const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join("\u0000") === [...b].sort().join("\u0000");
const offeringKey = (platformId: string, nativeId: string) => `${platformId}\u0000${nativeId}`;

/**
 * Applies one catalogue batch (the curated seed, a LiteLLM or a models.dev sync) in a single
 * transaction: all of it or nothing. Unless `dryRun`, every call records a new CatalogSnapshot
 * with its report, and created or changed rows point at it.
 *
 * - Platforms and vendor ties in the batch are created or updated.
 * - Models are created when new. Existing models are updated from the curated seed only; an
 *   importer just fills facts the catalogue lacks (a release date), so a sync never overwrites
 *   curated names, families or flags.
 * - Offerings are keyed by (platform, native id): created, updated (the report lists the changed
 *   fields) or unchanged. A new offering, or a price change, adds one OfferingPrice row.
 * - Offerings whose platform or model is neither in the catalogue nor in the batch are skipped.
 * - With `full` (the batch is the source's whole listing), offerings the source created that the
 *   batch no longer lists are marked withdrawn as of this snapshot (kept, with their prices); a
 *   withdrawn offering the batch lists again is restored. See lib/catalog/withdrawals.
 *
 * Loads each table once, diffs in memory, inserts with `createMany` and updates offerings with one
 * `UPDATE … FROM jsonb_to_recordset(…)`, so a full LiteLLM file takes a few queries, not thousands.
 * A dry run computes the same report and writes nothing.
 */
export async function applyCatalogBatch(
  db: Db,
  batch: CatalogBatch,
  options: { dryRun: boolean; actorId?: string | null; full?: boolean },
): Promise<CatalogSyncReport> {
  return db.$transaction((tx) => applyInTransaction(tx, batch, options), {
    maxWait: 10_000,
    timeout: 120_000,
  });
}

async function applyInTransaction(
  tx: Tx,
  batch: CatalogBatch,
  options: { dryRun: boolean; actorId?: string | null; full?: boolean },
): Promise<CatalogSyncReport> {
  const write = !options.dryRun;
  const snapshotDate = dateOf(batch.takenAt);
  const created = zero();
  const updated = zero();
  const unchanged = zero();
  const skipped: SkippedEntry[] = [...batch.skipped];
  const changes: CatalogSyncReport["changes"] = [];

  const [platforms, models, ties, offerings] = await Promise.all([
    tx.platform.findMany(),
    tx.model.findMany(),
    tx.vendorTie.findMany(),
    tx.offering.findMany({
      select: {
        id: true,
        platformId: true,
        modelId: true,
        nativeId: true,
        regions: true,
        inputPrice: true,
        outputPrice: true,
        cachedInputPrice: true,
        batchInputPrice: true,
        batchOutputPrice: true,
        contextWindow: true,
        maxOutputTokens: true,
        capabilities: true,
        apiStyles: true,
        lifecycle: true,
        deprecationDate: true,
        sourceUrl: true,
        originSource: true,
        withdrawnAt: true,
        fieldSources: true,
      },
    }),
  ]);

  const snapshotId = write
    ? (
        await tx.catalogSnapshot.create({
          data: {
            source: batch.source,
            sourceUrl: batch.sourceUrl,
            takenAt: new Date(batch.takenAt),
            createdById: options.actorId ?? null,
          },
          select: { id: true },
        })
      ).id
    : null;
  const stamp = { snapshotDate, snapshotId };

  // Platforms.
  const platformById = new Map(platforms.map((row) => [row.id, row]));
  const newPlatforms: PlatformFact[] = [];
  for (const fact of dedupe(batch.platforms, (fact) => fact.id)) {
    const row = platformById.get(fact.id);
    if (!row) {
      newPlatforms.push(fact);
      continue;
    }
    const fields = (["name", "kind", "owner", "homepageUrl", "sourceUrl"] as const).filter(
      (field) => row[field] !== fact[field],
    );
    if (fields.length === 0) {
      unchanged.platforms += 1;
      continue;
    }
    updated.platforms += 1;
    if (write) {
      await tx.platform.update({
        where: { id: fact.id },
        data: { ...platformData(fact), ...stamp },
      });
    }
  }
  created.platforms = newPlatforms.length;
  if (write && newPlatforms.length > 0) {
    await tx.platform.createMany({
      data: newPlatforms.map((fact) => ({ ...platformData(fact), ...stamp })),
    });
  }

  // Models.
  const modelById = new Map(models.map((row) => [row.id, row]));
  const isCurated = batch.source === "seed";
  const newModels: ModelFact[] = [];
  for (const fact of dedupe(batch.models, (fact) => fact.id)) {
    const row = modelById.get(fact.id);
    if (!row) {
      newModels.push(fact);
      continue;
    }
    let data: Prisma.ModelUpdateInput = {};
    if (isCurated) {
      const curatedChanges = {
        ...(row.name !== fact.name ? { name: fact.name } : {}),
        ...(row.vendor !== fact.vendor ? { vendor: fact.vendor } : {}),
        ...(row.family !== fact.family ? { family: fact.family } : {}),
        ...(row.openWeights !== fact.openWeights ? { openWeights: fact.openWeights } : {}),
        ...(isoDate(row.releaseDate) !== fact.releaseDate
          ? { releaseDate: fact.releaseDate === null ? null : dateOf(fact.releaseDate) }
          : {}),
        ...(row.sourceUrl !== fact.sourceUrl ? { sourceUrl: fact.sourceUrl } : {}),
      };
      data = curatedChanges;
    } else if (row.releaseDate === null && fact.releaseDate !== null) {
      data = { releaseDate: dateOf(fact.releaseDate) };
    }
    if (Object.keys(data).length === 0) {
      unchanged.models += 1;
      continue;
    }
    updated.models += 1;
    if (write)
      await tx.model.update({ where: { id: fact.id }, data: { ...data, ...stampOf(stamp) } });
  }
  created.models = newModels.length;
  if (write && newModels.length > 0) {
    await tx.model.createMany({
      data: newModels.map((fact) => ({
        id: fact.id,
        name: fact.name,
        vendor: fact.vendor,
        family: fact.family,
        openWeights: fact.openWeights,
        releaseDate: fact.releaseDate === null ? null : dateOf(fact.releaseDate),
        sourceUrl: fact.sourceUrl,
        ...stamp,
      })),
    });
  }

  // Vendor ties.
  const tieKey = (tie: Pick<VendorTieFact, "platformOwner" | "vendor" | "kind">) =>
    `${tie.platformOwner}\u0000${tie.vendor}\u0000${tie.kind}`;
  const tieByKey = new Map(ties.map((row) => [tieKey(row), row]));
  const newTies: VendorTieFact[] = [];
  for (const fact of dedupe(batch.ties, tieKey)) {
    const row = tieByKey.get(tieKey(fact));
    if (!row) {
      newTies.push(fact);
      continue;
    }
    const isSame =
      decimalNumber(row.amountUsd) === fact.amountUsd &&
      isoDate(row.announcedOn) === fact.announcedOn &&
      row.description === fact.description &&
      row.sourceUrl === fact.sourceUrl;
    if (isSame) {
      unchanged.ties += 1;
      continue;
    }
    updated.ties += 1;
    if (write) {
      await tx.vendorTie.update({
        where: { id: row.id },
        data: { ...tieData(fact), snapshotDate },
      });
    }
  }
  created.ties = newTies.length;
  if (write && newTies.length > 0) {
    await tx.vendorTie.createMany({
      data: newTies.map((fact) => ({ ...tieData(fact), snapshotDate })),
    });
  }

  // Offerings.
  const knownPlatforms = new Set([...platformById.keys(), ...batch.platforms.map((p) => p.id)]);
  const knownModels = new Set([...modelById.keys(), ...batch.models.map((m) => m.id)]);
  const offeringByKey = new Map(
    offerings.map((row) => [offeringKey(row.platformId, row.nativeId), row]),
  );
  const seen = new Set<string>();
  const inserts: Prisma.OfferingCreateManyInput[] = [];
  const updates: OfferingUpdateRow[] = [];
  const priceRows: Prisma.OfferingPriceCreateManyInput[] = [];
  const sourceUpdates: { id: string; fieldSources: FieldSources }[] = [];
  const conflicts: CatalogSyncReport["conflicts"] = [];
  let conflictsTotal = 0;
  let priceChanges = 0;
  const fieldStamp: FieldSource = {
    source: batch.source,
    snapshotId,
    date: snapshotDate.toISOString().slice(0, 10),
  };

  for (const fact of batch.offerings) {
    const label = `${fact.platformId}:${fact.nativeId}`;
    const key = offeringKey(fact.platformId, fact.nativeId);
    if (seen.has(key)) {
      skipped.push({ key: label, reason: "duplicate offering in the batch" });
      continue;
    }
    seen.add(key);
    if (!knownPlatforms.has(fact.platformId)) {
      skipped.push({ key: label, reason: `unknown platform ${fact.platformId}` });
      continue;
    }
    if (!knownModels.has(fact.modelId)) {
      skipped.push({ key: label, reason: `unknown model ${fact.modelId}` });
      continue;
    }
    const prices = {
      input: round6(fact.prices.input),
      output: round6(fact.prices.output),
      cachedInput: round6(fact.prices.cachedInput),
      batchInput: round6(fact.prices.batchInput),
      batchOutput: round6(fact.prices.batchOutput),
    };
    const row = offeringByKey.get(key);
    if (!row) {
      const id = randomUUID();
      created.offerings += 1;
      pushChange(changes, {
        platformId: fact.platformId,
        nativeId: fact.nativeId,
        fields: ["created"],
      });
      inserts.push({
        id,
        ...offeringColumns(fact, prices),
        ...stamp,
        originSource: batch.source,
        fieldSources: sourcesOfNew(trackedOf(fact, prices), fieldStamp) as Prisma.InputJsonValue,
      });
      priceChanges += 1;
      if (snapshotId) priceRows.push(priceRow(id, snapshotId, prices, snapshotDate));
      continue;
    }
    // Field by field, the higher-precedence source's value stands (lib/catalog/provenance); the
    // offering-wide facts (model, lifecycle, deprecation, source URL) follow the same rule
    // against the source that created the offering.
    const currentSources = readFieldSources(row.fieldSources);
    const merged = mergeFields(
      { values: trackedOfRow(row), sources: currentSources, originSource: row.originSource },
      { values: trackedOf(fact, prices), stamp: fieldStamp },
    );
    conflictsTotal += merged.conflicts.length;
    for (const conflict of merged.conflicts) {
      if (conflicts.length < REPORT_CHANGE_LIMIT)
        conflicts.push({ platformId: fact.platformId, nativeId: fact.nativeId, ...conflict });
    }
    const ownsOffering = sourceRank(batch.source) >= sourceRank(row.originSource);
    const effective = withTracked(
      ownsOffering
        ? fact
        : {
            ...fact,
            modelId: row.modelId,
            lifecycle: row.lifecycle,
            deprecationDate: isoDate(row.deprecationDate),
            sourceUrl: row.sourceUrl,
          },
      merged.values,
    );
    const effectivePrices = effective.prices;
    const priceFields = (Object.keys(PRICE_COLUMNS) as (keyof Prices)[])
      .filter((name) => decimalNumber(row[PRICE_COLUMNS[name]]) !== effectivePrices[name])
      .map((name) => PRICE_COLUMNS[name]);
    const fields = [
      ...(row.modelId !== effective.modelId ? ["modelId"] : []),
      ...(sameList(row.regions, effective.regions) ? [] : ["regions"]),
      ...priceFields,
      ...(row.contextWindow !== effective.contextWindow ? ["contextWindow"] : []),
      ...(row.maxOutputTokens !== effective.maxOutputTokens ? ["maxOutputTokens"] : []),
      ...(sameList(row.capabilities, effective.capabilities) ? [] : ["capabilities"]),
      ...(sameList(row.apiStyles, effective.apiStyles) ? [] : ["apiStyles"]),
      ...(row.lifecycle !== effective.lifecycle ? ["lifecycle"] : []),
      ...(isoDate(row.deprecationDate) !== effective.deprecationDate ? ["deprecationDate"] : []),
      ...(row.sourceUrl !== effective.sourceUrl ? ["sourceUrl"] : []),
    ];
    const sourcesChanged = JSON.stringify(merged.sources) !== JSON.stringify(currentSources);
    if (fields.length === 0) {
      unchanged.offerings += 1;
      if (sourcesChanged) sourceUpdates.push({ id: row.id, fieldSources: merged.sources });
      continue;
    }
    updated.offerings += 1;
    pushChange(changes, { platformId: fact.platformId, nativeId: fact.nativeId, fields });
    updates.push({
      id: row.id,
      ...offeringColumns(effective, effectivePrices),
      fieldSources: merged.sources,
    });
    if (priceFields.length > 0) priceChanges += 1;
    if (priceFields.length > 0 && snapshotId) {
      priceRows.push(priceRow(row.id, snapshotId, effectivePrices, snapshotDate));
    }
  }
  if (write) {
    if (inserts.length > 0) await tx.offering.createMany({ data: inserts });
    if (updates.length > 0) await updateOfferings(tx, updates, snapshotDate, snapshotId);
    if (sourceUpdates.length > 0) await updateFieldSources(tx, sourceUpdates);
    if (priceRows.length > 0) await tx.offeringPrice.createMany({ data: priceRows });
  }

  // Withdrawals: judged on every offering the batch lists, including unchanged and skipped ones.
  const plan = planWithdrawals(
    offerings.map((row) => ({
      key: offeringKey(row.platformId, row.nativeId),
      originSource: row.originSource,
      withdrawnAt: isoDate(row.withdrawnAt),
    })),
    seen,
    batch.source,
    { isFull: options.full ?? false },
  );
  const refOf = (key: string): OfferingRef & { id: string } => {
    const row = offeringByKey.get(key);
    if (!row) throw new Error(`planWithdrawals returned an unknown offering ${key}`);
    return { id: row.id, platformId: row.platformId, nativeId: row.nativeId, modelId: row.modelId };
  };
  const withdrawn = plan.withdraw.map(refOf);
  const restored = plan.restore.map(refOf);
  if (write && withdrawn.length > 0) {
    await tx.offering.updateMany({
      where: { id: { in: withdrawn.map((ref) => ref.id) } },
      data: { withdrawnAt: snapshotDate, withdrawnSnapshotId: snapshotId },
    });
  }
  if (write && restored.length > 0) {
    await tx.offering.updateMany({
      where: { id: { in: restored.map((ref) => ref.id) } },
      data: { withdrawnAt: null, withdrawnSnapshotId: null },
    });
  }
  const withoutId = ({ platformId, nativeId, modelId }: OfferingRef): OfferingRef => ({
    platformId,
    nativeId,
    modelId,
  });

  const report: CatalogSyncReport = {
    snapshotId,
    dryRun: options.dryRun,
    created,
    updated,
    unchanged,
    priceChanges,
    skipped,
    changes,
    withdrawn: withdrawn.map(withoutId),
    restored: restored.map(withoutId),
    conflicts,
    conflictsTotal,
  };
  if (snapshotId) {
    await tx.catalogSnapshot.update({
      where: { id: snapshotId },
      data: { report: report as unknown as Prisma.InputJsonValue },
    });
  }
  return report;
}

type PriceValues = Record<keyof Prices, number | null>;

function stampOf(stamp: { snapshotDate: Date; snapshotId: string | null }) {
  return {
    snapshotDate: stamp.snapshotDate,
    ...(stamp.snapshotId ? { snapshot: { connect: { id: stamp.snapshotId } } } : {}),
  };
}

function dedupe<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) byKey.set(keyOf(item), item);
  return [...byKey.values()];
}

function pushChange(
  changes: CatalogSyncReport["changes"],
  change: CatalogSyncReport["changes"][number],
) {
  if (changes.length < REPORT_CHANGE_LIMIT) changes.push(change);
}

function platformData(fact: PlatformFact) {
  return {
    id: fact.id,
    name: fact.name,
    kind: fact.kind,
    owner: fact.owner,
    homepageUrl: fact.homepageUrl,
    sourceUrl: fact.sourceUrl,
  };
}

function tieData(fact: VendorTieFact) {
  return {
    platformOwner: fact.platformOwner,
    vendor: fact.vendor,
    kind: fact.kind,
    amountUsd: fact.amountUsd,
    announcedOn: fact.announcedOn === null ? null : dateOf(fact.announcedOn),
    description: fact.description,
    sourceUrl: fact.sourceUrl,
  };
}

function offeringColumns(fact: OfferingFact, prices: PriceValues) {
  return {
    platformId: fact.platformId,
    modelId: fact.modelId,
    nativeId: fact.nativeId,
    regions: fact.regions,
    inputPrice: prices.input,
    outputPrice: prices.output,
    cachedInputPrice: prices.cachedInput,
    batchInputPrice: prices.batchInput,
    batchOutputPrice: prices.batchOutput,
    contextWindow: fact.contextWindow,
    maxOutputTokens: fact.maxOutputTokens,
    capabilities: fact.capabilities,
    apiStyles: fact.apiStyles,
    lifecycle: fact.lifecycle,
    deprecationDate: fact.deprecationDate === null ? null : dateOf(fact.deprecationDate),
    sourceUrl: fact.sourceUrl,
  };
}

function priceRow(
  offeringId: string,
  snapshotId: string,
  prices: PriceValues,
  effectiveDate: Date,
): Prisma.OfferingPriceCreateManyInput {
  return {
    id: randomUUID(),
    offeringId,
    snapshotId,
    inputPrice: prices.input,
    outputPrice: prices.output,
    cachedInputPrice: prices.cachedInput,
    batchInputPrice: prices.batchInput,
    batchOutputPrice: prices.batchOutput,
    effectiveDate,
  };
}

type OfferingUpdateRow = { id: string; fieldSources: FieldSources } & ReturnType<
  typeof offeringColumns
>;

/** An offering's tracked fields as stored. */
function trackedOfRow(row: {
  inputPrice: Prisma.Decimal | null;
  outputPrice: Prisma.Decimal | null;
  cachedInputPrice: Prisma.Decimal | null;
  batchInputPrice: Prisma.Decimal | null;
  batchOutputPrice: Prisma.Decimal | null;
  contextWindow: number | null;
  maxOutputTokens: number | null;
  regions: string[];
  apiStyles: string[];
  capabilities: string[];
}): TrackedValues {
  return {
    inputPrice: decimalNumber(row.inputPrice),
    outputPrice: decimalNumber(row.outputPrice),
    cachedInputPrice: decimalNumber(row.cachedInputPrice),
    batchInputPrice: decimalNumber(row.batchInputPrice),
    batchOutputPrice: decimalNumber(row.batchOutputPrice),
    contextWindow: row.contextWindow,
    maxOutputTokens: row.maxOutputTokens,
    regions: row.regions,
    apiStyles: row.apiStyles,
    capabilities: row.capabilities,
  };
}

/** A batch's offering as tracked fields; an empty list counts as no value. */
function trackedOf(fact: OfferingFact, prices: PriceValues): TrackedValues {
  const list = (items: readonly string[]) => (items.length > 0 ? items : null);
  return {
    inputPrice: prices.input,
    outputPrice: prices.output,
    cachedInputPrice: prices.cachedInput,
    batchInputPrice: prices.batchInput,
    batchOutputPrice: prices.batchOutput,
    contextWindow: fact.contextWindow,
    maxOutputTokens: fact.maxOutputTokens,
    regions: list(fact.regions),
    apiStyles: list(fact.apiStyles),
    capabilities: list(fact.capabilities),
  };
}

/** The fact with its tracked fields replaced by the merged values. */
function withTracked(
  fact: OfferingFact,
  values: TrackedValues,
): OfferingFact & { prices: PriceValues } {
  const num = (value: TrackedValues[TrackedField]) => (typeof value === "number" ? value : null);
  const list = <T extends string>(value: TrackedValues[TrackedField]) =>
    (Array.isArray(value) ? [...value] : []) as T[];
  return {
    ...fact,
    prices: {
      input: num(values.inputPrice),
      output: num(values.outputPrice),
      cachedInput: num(values.cachedInputPrice),
      batchInput: num(values.batchInputPrice),
      batchOutput: num(values.batchOutputPrice),
    },
    contextWindow: num(values.contextWindow),
    maxOutputTokens: num(values.maxOutputTokens),
    regions: list(values.regions),
    apiStyles: list<OfferingFact["apiStyles"][number]>(values.apiStyles),
    capabilities: list<OfferingFact["capabilities"][number]>(values.capabilities),
  };
}

/** Records new field sources on offerings whose values did not change. */
async function updateFieldSources(
  tx: Tx,
  rows: { id: string; fieldSources: FieldSources }[],
): Promise<void> {
  await tx.$executeRaw`
    UPDATE "Offering" AS o SET "fieldSources" = v."fieldSources"
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v("id" text, "fieldSources" jsonb)
    WHERE o."id" = v."id"`;
}

/** One statement for every changed offering: the rows travel as a single JSON parameter. */
async function updateOfferings(
  tx: Tx,
  rows: OfferingUpdateRow[],
  snapshotDate: Date,
  snapshotId: string | null,
): Promise<void> {
  const payload = JSON.stringify(
    rows.map((row) => ({
      ...row,
      deprecationDate: row.deprecationDate === null ? null : isoDate(row.deprecationDate),
    })),
  );
  await tx.$executeRaw`
    UPDATE "Offering" AS o SET
      "modelId" = v."modelId",
      "regions" = v."regions",
      "inputPrice" = v."inputPrice",
      "outputPrice" = v."outputPrice",
      "cachedInputPrice" = v."cachedInputPrice",
      "batchInputPrice" = v."batchInputPrice",
      "batchOutputPrice" = v."batchOutputPrice",
      "contextWindow" = v."contextWindow",
      "maxOutputTokens" = v."maxOutputTokens",
      "capabilities" = v."capabilities",
      "apiStyles" = v."apiStyles",
      "lifecycle" = v."lifecycle"::"LifecycleStatus",
      "deprecationDate" = v."deprecationDate"::date,
      "sourceUrl" = v."sourceUrl",
      "fieldSources" = v."fieldSources",
      "snapshotDate" = ${isoDate(snapshotDate)}::date,
      "snapshotId" = ${snapshotId},
      "updatedAt" = now()
    FROM jsonb_to_recordset(${payload}::jsonb) AS v(
      "id" text, "modelId" text, "regions" text[],
      "inputPrice" numeric, "outputPrice" numeric, "cachedInputPrice" numeric,
      "batchInputPrice" numeric, "batchOutputPrice" numeric,
      "contextWindow" integer, "maxOutputTokens" integer,
      "capabilities" text[], "apiStyles" text[], "lifecycle" text,
      "deprecationDate" text, "sourceUrl" text, "fieldSources" jsonb
    )
    WHERE o."id" = v."id"`;
}
