"use client";

// A client component so that the page sends the prepared model once, as data, rather than the
// rendered tree a second time in the component payload. It is still rendered to HTML on the
// server; it holds no state and fetches nothing.
import type { ReactNode } from "react";

import { ChartFrame } from "@/components/compare/chart-frame";
import { CostQualityChart } from "@/components/compare/cost-quality-chart";
import { ParityChart } from "@/components/compare/parity-chart";
import { LockinChart } from "@/components/lockin/lockin-chart";
import { NeutralityChart } from "@/components/routing/neutrality-chart";
import { RouterAuditList } from "@/components/routing/router-audit";
import { RoutingChart } from "@/components/routing/routing-chart";
import { SimulatedBadge } from "@/components/runs/run-badges";
import { RunResultsTable, type RunResultRow } from "@/components/runs/run-results-table";
import type { PreparedLockinChart } from "@/lib/charts/lockin";
import type { PreparedCostQuality } from "@/lib/charts/pareto";
import type { PreparedParity } from "@/lib/charts/parity";
import type { PreparedNeutrality, PreparedRoutingChart } from "@/lib/charts/routing";
import type { Brief } from "@/lib/views/brief";
import type { RouterAuditView } from "@/lib/views/router-audit";
import { ReportBrief } from "./report-brief";
import "./report-print.css";
import { SimulatedWatermark } from "./simulated-watermark";

/** Everything a report shows, prepared from its frozen snapshot by the page. */
export type ReportDocumentModel = {
  title: string;
  isSimulated: boolean;
  draftedAt: string;
  updatedAt: string;
  createdBy: string | null;
  /** Page one: the answer, the recommendation, key numbers, monthly cost, risk, provenance. */
  brief: Brief;
  summary: { text: string; figure: string }[];
  /** Per target: score, pass rate, latency, speed, cost and errors, as on the run page. */
  results: RunResultRow[];
  /** The run and catalogue snapshot the compare figures come from. */
  source: string;
  parity: { chart: PreparedParity; referenceLabel: string; description: string } | null;
  costQuality: { chart: PreparedCostQuality; description: string } | null;
  lockin: { chart: PreparedLockinChart; description: string; source: string };
  routing: {
    chart: PreparedRoutingChart;
    neutrality: PreparedNeutrality;
    description: string;
    source: string;
  } | null;
  routingReason: string | null;
  /** The measured audit of the run's cloud routers, written out; empty without one. */
  routerAudit: RouterAuditView[];
  methodology: {
    metrics: { name: string; definition: string }[];
    statistics: string[];
    lockinWeights: { id: string; label: string; weight: number }[];
    routingPolicies: { id: string; label: string; description: string }[];
    /** How the brief's recommendation is derived. */
    recommendationRules: readonly string[];
  };
  provenance: {
    catalogSnapshot: string;
    runs: {
      id: string;
      name: string;
      suite: string;
      created: string;
      finished: string;
      isSimulated: boolean;
    }[];
  };
};

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3">
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

const unavailable = (text: string) => (
  <p className="rounded-lg border border-dashed p-4 text-sm text-muted-foreground">{text}</p>
);

/**
 * A report as a document, on screen, printed to PDF and behind a share link. The slots carry
 * what differs between those: the editable title and texts, and the actions around the report.
 */
export function ReportDocument({
  model,
  heading,
  recommendations,
  annotations,
  actions,
}: {
  model: ReportDocumentModel;
  /** The title, editable or not; defaults to the title as a heading. */
  heading?: ReactNode;
  /** The analyst's recommendations, shown in the brief beside the generated one. */
  recommendations: ReactNode;
  annotations: ReactNode;
  /** Exports, share links: hidden when printed. */
  actions?: ReactNode;
}) {
  return (
    <article data-report-document className="relative flex flex-col gap-8">
      {model.isSimulated ? <SimulatedWatermark /> : null}
      <header className="flex flex-col gap-2">
        {heading ?? (
          <h1 className="text-2xl font-semibold tracking-tight md:text-3xl">{model.title}</h1>
        )}
        <p className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
          <span>
            Drafted {model.draftedAt}
            {model.createdBy ? ` by ${model.createdBy}` : ""}; last edited {model.updatedAt}.
          </span>
          {model.isSimulated ? (
            <SimulatedBadge title="Some figures came from the emulator, not a real platform" />
          ) : null}
        </p>
        {model.isSimulated ? (
          <p className="text-sm font-medium text-amber-800 dark:text-amber-200">
            Simulated data: some figures in this report came from the local emulator, not from a
            real platform.
          </p>
        ) : null}
      </header>

      <ReportBrief brief={model.brief} recommendations={recommendations} />

      {actions ? <div className="flex flex-col gap-4 print:hidden">{actions}</div> : null}

      <Section id="report-summary" title="Executive summary">
        {model.summary.length === 0 ? (
          unavailable("The data this report covers supports no summary sentence.")
        ) : (
          <ul className="flex flex-col gap-2">
            {model.summary.map((sentence, index) => (
              <li key={index} className="flex flex-col gap-0.5 border-l-4 border-primary/40 pl-3">
                <span>{sentence.text}</span>
                <span className="text-sm text-muted-foreground tabular-nums">
                  {sentence.figure}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>

      {model.results.length ? (
        <Section id="report-results" title="Results per target">
          <RunResultsTable rows={model.results} />
        </Section>
      ) : null}

      <Section id="report-charts" title="Key charts">
        {model.parity ? (
          <ChartFrame
            id="report-parity"
            title={`Score and parity against ${model.parity.referenceLabel}`}
            description={model.parity.description}
            source={model.source}
            isSimulated={model.isSimulated}
          >
            {model.parity.chart.isEmpty ? (
              unavailable("No case was scored on the compared targets.")
            ) : (
              <ParityChart
                chart={model.parity.chart}
                referenceLabel={model.parity.referenceLabel}
              />
            )}
          </ChartFrame>
        ) : (
          unavailable("Parity: the report's run compares fewer than two targets.")
        )}
        {model.costQuality ? (
          <ChartFrame
            id="report-cost-quality"
            title="Cost against quality"
            description={model.costQuality.description}
            source={model.source}
            isSimulated={model.isSimulated}
          >
            {model.costQuality.chart.isEmpty ? (
              unavailable("No target has both a cost and a score.")
            ) : (
              <CostQualityChart chart={model.costQuality.chart} />
            )}
          </ChartFrame>
        ) : null}
        <ChartFrame
          id="report-lockin"
          title="Lock-in risk per platform, by factor"
          description={model.lockin.description}
          source={model.lockin.source}
          isSimulated={false}
        >
          {model.lockin.chart.isEmpty ? (
            unavailable("No platform could be scored for the workload profile.")
          ) : (
            <LockinChart chart={model.lockin.chart} />
          )}
          {model.lockin.chart.unscored.length ? (
            <p className="text-xs text-muted-foreground">
              Not scored (no bar, not zero):{" "}
              {model.lockin.chart.unscored.map((u) => `${u.label} (${u.reason})`).join("; ")}.
            </p>
          ) : null}
        </ChartFrame>
        {model.routing ? (
          <>
            <ChartFrame
              id="report-routing"
              title="Quality against cost, by routing policy"
              description={model.routing.description}
              source={model.routing.source}
              isSimulated={model.isSimulated}
            >
              {model.routing.chart.isEmpty ? (
                unavailable("No routing policy could be replayed.")
              ) : (
                <RoutingChart chart={model.routing.chart} />
              )}
            </ChartFrame>
            <ChartFrame
              id="report-neutrality"
              title="Share of calls by vendor group, per routing policy"
              description="Where each routing policy sends its calls at its operating point, by model vendor."
              source={model.routing.source}
              isSimulated={model.isSimulated}
            >
              {model.routing.neutrality.isEmpty ? (
                unavailable("No routing policy to audit.")
              ) : (
                <NeutralityChart chart={model.routing.neutrality} />
              )}
            </ChartFrame>
          </>
        ) : (
          unavailable(
            `Routing: not simulated${model.routingReason ? ` (${model.routingReason})` : ""}.`,
          )
        )}
        {model.routerAudit.length > 0 ? (
          <ChartFrame
            id="report-router-audit"
            title="Model routers, measured"
            description="Which models each router chose, by provider group (the platform owner's own models and the vendors it has invested in count to its group), against its own pool choosing on measured quality and cost alone, and against Crossbench's quality-threshold policy on the same cases."
            source={model.source}
            isSimulated={model.isSimulated}
          >
            <RouterAuditList audits={model.routerAudit} isSimulated={model.isSimulated} />
          </ChartFrame>
        ) : null}
      </Section>

      <Section id="report-annotations" title="Annotations">
        {annotations}
      </Section>

      <Section id="report-methodology" title="Methodology">
        <dl className="grid max-w-prose gap-2 text-sm">
          {model.methodology.metrics.map((metric) => (
            <div key={metric.name}>
              <dt className="font-medium">{metric.name}</dt>
              <dd className="text-muted-foreground">{metric.definition}</dd>
            </div>
          ))}
        </dl>
        <h3 className="text-base font-semibold">Statistics</h3>
        <ul className="max-w-prose list-disc pl-5 text-sm text-muted-foreground">
          {model.methodology.statistics.map((text, index) => (
            <li key={index}>{text}</li>
          ))}
        </ul>
        <h3 className="text-base font-semibold">How the brief recommends</h3>
        <ul className="max-w-prose list-disc pl-5 text-sm text-muted-foreground">
          {model.methodology.recommendationRules.map((text, index) => (
            <li key={index}>{text}</li>
          ))}
        </ul>
        <h3 className="text-base font-semibold">Lock-in weights in force</h3>
        <table className="max-w-md text-left text-sm">
          <caption className="sr-only">Lock-in factor weights</caption>
          <thead>
            <tr className="border-b">
              <th scope="col" className="py-1 pr-4 font-medium text-muted-foreground">
                Factor
              </th>
              <th scope="col" className="py-1 font-medium text-muted-foreground">
                Weight
              </th>
            </tr>
          </thead>
          <tbody>
            {model.methodology.lockinWeights.map((weight) => (
              <tr key={weight.id} className="border-b last:border-0">
                <td className="py-1 pr-4">{weight.label}</td>
                <td className="py-1 tabular-nums">{weight.weight}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {model.methodology.routingPolicies.length ? (
          <>
            <h3 className="text-base font-semibold">Routing policies</h3>
            <dl className="grid max-w-prose gap-2 text-sm">
              {model.methodology.routingPolicies.map((policy) => (
                <div key={policy.id}>
                  <dt className="font-medium">{policy.label}</dt>
                  <dd className="text-muted-foreground">{policy.description}</dd>
                </div>
              ))}
            </dl>
          </>
        ) : null}
      </Section>

      <Section id="report-provenance" title="Provenance">
        <p className="text-sm">
          Catalogue snapshot:{" "}
          <span className="font-medium">{model.provenance.catalogSnapshot}</span>
        </p>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Runs this report covers</caption>
          <thead>
            <tr className="border-b">
              {["Run", "Run id", "Suite", "Launched", "Finished", "Data"].map((head) => (
                <th key={head} scope="col" className="py-1 pr-3 font-medium text-muted-foreground">
                  {head}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {model.provenance.runs.map((run) => (
              <tr key={run.id} className="border-b last:border-0">
                <td className="py-1 pr-3">{run.name}</td>
                <td className="py-1 pr-3 font-mono text-xs break-all">{run.id}</td>
                <td className="py-1 pr-3">{run.suite}</td>
                <td className="py-1 pr-3">{run.created}</td>
                <td className="py-1 pr-3">{run.finished}</td>
                <td className="py-1">{run.isSimulated ? "simulated" : "real platforms"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </article>
  );
}

/** Text the analyst wrote, shown read-only (shared and printed copies). */
export function ReportText({ text, empty }: { text: string; empty: string }) {
  return text.trim() ? (
    <div className="max-w-prose text-sm whitespace-pre-wrap">{text}</div>
  ) : (
    <p className="text-sm text-muted-foreground">{empty}</p>
  );
}
