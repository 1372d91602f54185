import type { Metadata } from "next";

import { areas, canOpen } from "@/components/nav-items";
import { CatalogCoverage } from "@/components/overview/catalog-coverage";
import { GettingStarted, type SetupStep } from "@/components/overview/getting-started";
import { PageHeader } from "@/components/page-header";
import { getDb } from "@/lib/server/db";
import { getCatalogCoverage } from "@/lib/server/overview";
import { requirePageCaller } from "@/lib/server/session";

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
  const coverage = await getCatalogCoverage(getDb());
  const steps = setupSteps.map((step) => ({ ...step, canOpen: canOpen(step.area, caller.role) }));
  return (
    <>
      <PageHeader title={area.label} description={area.description} />
      <div className="flex flex-col gap-6">
        <CatalogCoverage
          platforms={coverage.platforms}
          models={coverage.models}
          offerings={coverage.offerings}
          snapshotDate={coverage.latestSnapshot?.takenAt.toISOString().slice(0, 10) ?? null}
          snapshotSource={coverage.latestSnapshot?.source ?? null}
        />
        <GettingStarted steps={steps} />
      </div>
    </>
  );
}
