import { createHash } from "node:crypto";
import { Database, LockKeyhole } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import {
  listLockinModelOptionsAction,
  loadPlatformFactorsAction,
  resetLockinWeightsAction,
  resetWorkloadProfileAction,
  saveLockinWeightsAction,
  saveWorkloadProfileAction,
} from "./actions";
import { EmptyState } from "@/components/empty-state";
import { FactorDefinitions } from "@/components/lockin/factor-definitions";
import { LockinChart } from "@/components/lockin/lockin-chart";
import { LockinDataTable } from "@/components/lockin/lockin-data-table";
import { PlatformFactors } from "@/components/lockin/platform-factors";
import { ProfileForm } from "@/components/lockin/profile-form";
import { ReferenceFacts } from "@/components/lockin/reference-facts";
import { SourceLinkIcon } from "@/components/lockin/source-link";
import { WeightsForm } from "@/components/lockin/weights-form";
import { areas } from "@/components/nav-items";
import { PageHeader } from "@/components/page-header";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatDay } from "@/lib/format";
import {
  BAND_AREAS,
  platformHeading,
  prepareLockinChart,
  prepareLockinCsv,
} from "@/lib/charts/lockin";
import {
  FACTORS,
  GEOGRAPHIES,
  GEOGRAPHY_LABELS,
  listReferenceFacts,
  SERVICE_KIND_INFO,
  SERVICE_KINDS,
} from "@/lib/lockin";
import { hasRole } from "@/lib/schemas/roles";
import { getDb } from "@/lib/server/ops/db";
import { getLockinView, profileModelNames } from "@/lib/server/domain/comparisons/lockin";
import { requirePageCaller } from "@/lib/server/http/session";

const area = areas.lockIn;

export const metadata: Metadata = { title: area.label };

export default async function LockInPage() {
  const caller = await requirePageCaller("viewer");
  const view = await getLockinView(caller, getDb());
  const canEdit = hasRole(caller.role, "analyst");

  if (!view.snapshot) {
    return (
      <>
        <PageHeader title={area.label} description={area.description} />
        <EmptyState
          icon={LockKeyhole}
          title="No catalogue loaded yet"
          description="Lock-in scores are computed from the catalogue (which platforms offer which models, where, at what price and through which API) and your workload profile."
          nextStep={
            <>
              An administrator loads the catalogue on{" "}
              <Link href="/settings/catalog" className="underline underline-offset-2">
                Settings → Catalogue
              </Link>
              ; the scores appear here as soon as it is loaded.
            </>
          }
        />
      </>
    );
  }

  const snapshotLabel = `${view.snapshot.source}, facts as of ${formatDay(view.snapshot.takenAt)}`;
  const chart = prepareLockinChart(view.platforms);
  const csv = prepareLockinCsv(view.platforms, snapshotLabel);
  const profileNames = profileModelNames(view);
  const settingsKey = createHash("sha256")
    .update(JSON.stringify([view.weights, view.profile, view.snapshot.id]))
    .digest("hex")
    .slice(0, 16);
  const sorted = [...view.platforms].sort(
    (a, b) => (b.score ?? -1) - (a.score ?? -1) || a.platformName.localeCompare(b.platformName),
  );

  return (
    <>
      <SourceLinkIcon />
      <PageHeader title={area.label} description={area.description} />
      <p className="flex items-center gap-2 text-sm text-muted-foreground">
        <Database aria-hidden className="size-4" />
        <span>
          Catalogue snapshot: <span className="font-medium text-foreground">{snapshotLabel}</span>;
          loaded {formatDay(view.snapshot.createdAt)}. Deprecation windows counted from {view.asOf}.
        </span>
      </p>

      {view.isExampleProfile ? (
        <Alert variant="info">
          <div>
            <span className="font-medium">Example profile — edit it.</span> These scores are for an
            example workload built from the catalogue, not yours.{" "}
            {canEdit ? (
              <a href="#workload-profile">Describe your workload</a>
            ) : (
              "An analyst can describe your workload"
            )}{" "}
            to score your own lock-in.
          </div>
        </Alert>
      ) : null}
      {view.unknownModels.length ? (
        <Alert variant="error">
          <div>
            Your profile names models the catalogue no longer has; they are left out:{" "}
            {view.unknownModels.join(", ")}.
          </div>
        </Alert>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h2 className="text-lg">Lock-in risk per platform, by factor</h2>
          </CardTitle>
          <CardDescription>
            Each bar is a platform&apos;s 0–100 lock-in risk for the{" "}
            {view.isExampleProfile ? "example" : "saved"} workload profile, made of the points each
            factor contributes ({view.isDefaultWeights ? "default weights" : "your weights"}).
            Platforms scored on the whole profile first, highest risk first; platforms scored on
            part of it follow, marked partial, and are not ranked against them. n ={" "}
            {chart.n.platforms} platform
            {chart.n.platforms === 1 ? "" : "s"} scored, {chart.n.models} profile model
            {chart.n.models === 1 ? "" : "s"} counted; catalogue {snapshotLabel}. Bands:{" "}
            {BAND_AREAS.map((b) =>
              b.band === "critical" ? `${b.label} over 75` : `${b.label} ${b.from}–${b.to}`,
            ).join(", ")}
            .
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          {chart.isEmpty ? (
            <EmptyState
              icon={LockKeyhole}
              title="No platform could be scored"
              description="None of the platforms in the catalogue offers a model of the workload profile (or every weighted factor lacks data)."
              nextStep={
                canEdit
                  ? "Add models the catalogue offers to the workload profile below, or give weight to more factors."
                  : "Ask an analyst to add models the catalogue offers to the workload profile."
              }
            />
          ) : (
            <LockinChart chart={chart} />
          )}
          {chart.unscored.length ? (
            <p className="text-xs text-muted-foreground">
              Not scored (no bar, not zero):{" "}
              {chart.unscored.map((u) => `${u.label} (${u.reason})`).join("; ")}.
            </p>
          ) : null}
          {!chart.isEmpty ? (
            <LockinDataTable
              chart={chart}
              csv={csv}
              fileName={`crossbench-lockin-${view.asOf}.csv`}
            />
          ) : null}
        </CardContent>
      </Card>

      <div className="grid gap-6 xl:grid-cols-2">
        <Card id="workload-profile" className="scroll-mt-20">
          <CardHeader>
            <CardTitle asChild>
              <h2 className="text-lg">
                Workload profile{view.isExampleProfile ? " (example profile — edit it)" : ""}
              </h2>
            </CardTitle>
            <CardDescription>
              The workload is placed on each platform in turn; models a platform does not offer are
              left out of its score. Saved for you only.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ProfileForm
              profile={view.profile}
              isExample={view.isExampleProfile}
              canEdit={canEdit}
              loadModelOptions={listLockinModelOptionsAction}
              geographies={GEOGRAPHIES.map((id) => ({ id, label: GEOGRAPHY_LABELS[id] }))}
              services={SERVICE_KINDS.map((id) => ({
                id,
                label: SERVICE_KIND_INFO[id].label,
                hint: `lock ${SERVICE_KIND_INFO[id].lock}: ${SERVICE_KIND_INFO[id].why}`,
              }))}
              saveProfile={saveWorkloadProfileAction}
              resetProfile={resetWorkloadProfileAction}
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle asChild>
              <h2 className="text-lg">Factor weights</h2>
            </CardTitle>
            <CardDescription>
              How much each factor counts. Saved for you only; see{" "}
              <a href="#factor-definitions" className="underline underline-offset-2">
                what each factor measures
              </a>
              .
            </CardDescription>
          </CardHeader>
          <CardContent>
            <WeightsForm
              factors={FACTORS.map((f) => ({
                id: f.id,
                label: f.label,
                defaultWeight: f.defaultWeight,
              }))}
              weights={view.weights}
              isDefault={view.isDefaultWeights}
              canEdit={canEdit}
              saveWeights={saveLockinWeightsAction}
              resetWeights={resetLockinWeightsAction}
            />
          </CardContent>
        </Card>
      </div>

      <section aria-labelledby="factor-tables" className="flex flex-col gap-3">
        <h2 id="factor-tables" className="text-lg font-semibold">
          Factors and evidence per platform
        </h2>
        <p className="max-w-prose text-sm text-muted-foreground">
          Value is 0–100 per factor; contribution is value × weight ÷ the sum of the weights of the
          factors with a value. A factor without a value (missing data, or a requirement the
          platform cannot meet) shows &quot;— left out&quot;: it is not counted as zero, and its
          weight is shared among the others.
        </p>
        {sorted.map((platform, index) => (
          <PlatformFactors
            // Keyed by the settings too: after a save, every row drops what it loaded before.
            key={`${platform.platformId}:${settingsKey}`}
            heading={platformHeading(platform)}
            initial={index === 0 ? { platform, modelNames: profileNames } : undefined}
            loadFactors={loadPlatformFactorsAction}
            isOpen={index === 0}
          />
        ))}
      </section>

      <section aria-labelledby="factor-definitions" className="flex flex-col gap-3">
        <h2 id="factor-definitions" className="scroll-mt-20 text-lg font-semibold">
          What each factor measures
        </h2>
        <FactorDefinitions factors={FACTORS} />
      </section>

      <section aria-labelledby="reference-facts" className="flex flex-col gap-3">
        <h2 id="reference-facts" className="scroll-mt-20 text-lg font-semibold">
          Reference facts
        </h2>
        <p className="max-w-prose text-sm text-muted-foreground">
          What the factors take from outside the catalogue, summarised in our words: read the source
          for the binding terms. Each shows the date it was last checked against its source.
        </p>
        <ReferenceFacts
          rows={listReferenceFacts(
            Object.fromEntries(view.platforms.map((p) => [p.platformId, p.platformName])),
          )}
        />
      </section>
    </>
  );
}
