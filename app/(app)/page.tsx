import type { Metadata } from "next";

import { areas, canOpen } from "@/components/nav-items";
import { CatalogCoverage } from "@/components/overview/catalog-coverage";
import { GettingStarted, type SetupStep } from "@/components/overview/getting-started";
import { LatestRuns } from "@/components/overview/latest-runs";
import { LockinSummary } from "@/components/overview/lockin-summary";
import { NextSteps } from "@/components/overview/next-steps";
import { ParityGaps } from "@/components/overview/parity-gaps";
import { RegressionsCard } from "@/components/overview/regressions-card";
import { PageHeader } from "@/components/page-header";
import { formatDay } from "@/lib/format";
import { BAND_LABELS } from "@/lib/lockin/bands";
import { hasRole } from "@/lib/schemas/roles";
import { getDb } from "@/lib/server/ops/db";
import { getOverview } from "@/lib/server/domain/comparisons/overview";
import { requirePageCaller } from "@/lib/server/http/session";

const area = areas.overview;

// The root layout's title template only applies to segments below it, not to its own page.
export const metadata: Metadata = { title: { absolute: `${area.label} · Crossbench` } };

const setupSteps: readonly SetupStep[] = [
  {
    title: "Load the catalogue",
    description: "Sync platforms, models and offerings, with prices, regions and sources.",
    area: areas.settings,
    href: "/settings/catalog",
  },
  {
    title: "Add provider credentials",
    description:
      "Without them, runs use the local emulator and every result is labelled simulated.",
    area: areas.settings,
    isOptional: true,
  },
  {
    title: "Launch an evaluation run",
    description: "Pick a suite and the targets to evaluate: offerings or routing policies.",
    area: areas.runs,
  },
  {
    title: "Read the results",
    description: "Check parity across platforms, lock-in risk, and simulated routing policies.",
    area: areas.compare,
  },
  {
    title: "Share a report",
    description: "Export PDF or Markdown for leadership.",
    area: areas.reports,
  },
];

// Counts come from the database at request time.
export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const caller = await requirePageCaller("viewer");
  const overview = await getOverview(caller, getDb());
  const { coverage, lockin } = overview;
  const steps = setupSteps.map((step) => ({ ...step, canOpen: canOpen(step.area, caller.role) }));
  return (
    <>
      <PageHeader title={area.label} description={area.description} />
      <div className="flex flex-col gap-6">
        <NextSteps
          steps={overview.hints.map((hint) => ({
            ...hint,
            canDo: hasRole(caller.role, hint.minRole),
          }))}
        />
        <div className="grid gap-6 xl:grid-cols-2">
          <LatestRuns runs={overview.latestRuns} />
          <ParityGaps
            runsScanned={overview.gapRunsScanned}
            gaps={overview.parityGaps.map((gap) => ({
              key: `${gap.runId}:${gap.a.targetId}:${gap.b.targetId}`,
              runId: gap.runId,
              runName: gap.runName,
              isSimulated: gap.isSimulated,
              modelId: gap.modelId,
              modelName: gap.modelName,
              platformA: gap.a.platformName,
              platformB: gap.b.platformName,
              referenceTargetId: gap.b.targetId,
              difference: gap.pair.difference,
              low: gap.pair.low,
              high: gap.pair.high,
              n: gap.pair.n,
              verdict: gap.pair.verdict,
            }))}
          />
        </div>
        <RegressionsCard regressions={overview.regressions} />
        <LockinSummary
          isAvailable={lockin !== null}
          unscored={lockin?.unscored ?? 0}
          note={
            lockin
              ? `${lockin.isExampleProfile ? "Example workload profile" : "Your workload profile"}, ${lockin.isDefaultWeights ? "default weights" : "your weights"}; catalogue snapshot ${lockin.snapshot ? `${lockin.snapshot.source}, ${formatDay(lockin.snapshot.takenAt)}` : "not recorded"}.`
              : ""
          }
          rows={(lockin?.platforms ?? []).map((p) => ({
            ...p,
            bandLabel: BAND_LABELS[p.band].label,
          }))}
        />
        <CatalogCoverage
          platforms={coverage.platforms}
          models={coverage.models}
          offerings={coverage.offerings}
          snapshotDate={coverage.latestSnapshot?.takenAt.toISOString().slice(0, 10) ?? null}
          snapshotSource={coverage.latestSnapshot?.source ?? null}
        />
        <GettingStarted steps={steps} hasRuns={overview.latestRuns.length > 0} />
      </div>
    </>
  );
}
