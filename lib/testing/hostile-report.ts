import { DEFAULT_WEIGHTS } from "@/lib/lockin";
import {
  REPORT_DATA_VERSION,
  type ReportData,
  type ReportTarget,
  type ReportView,
} from "@/lib/report/report-data";
import type { PolicyResult } from "@/lib/routing/types";
import { policyResult, reportRun, targetSummary } from "./report-fixtures";

/**
 * Hostile text for the export security tests: what a user (or an imported suite, or a catalogue
 * source) could type into a name, a title or an annotation to make an export run code, load an
 * image, hide a link, break a table or start a spreadsheet formula. Tests only.
 */
export const HOSTILE_TEXTS: readonly string[] = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "[click](javascript:alert(1))",
  "![x](http://evil/x.png)",
  "| col | injection",
  "=cmd|' /C calc'!A0",
  "@SUM(1)",
  "+1",
  "-1",
  "\t=1+1",
  "\r=1+1",
  "line one\nline two\r\nline three",
  "`code` and ```fence```",
  "# not a heading",
  "back\\slash \\| escaped pipe \\",
  "&lt;script&gt; is an entity",
  "<http://evil/autolink>",
  "http://evil/bare and www.evil.com",
  "**bold** _em_ ~~strike~~",
  "> quote",
  "---",
  "1. ordered",
  '"quoted", with comma',
];

const summary = targetSummary({ trials: 10, costUsd: -0.5 });

function target(id: string, text: string): ReportTarget {
  return {
    id,
    label: `${text} ${id}`,
    kind: "offering",
    modelId: "vendor/model",
    modelName: text,
    platformId: id,
    platformName: `${text} ${id}`,
    isSimulated: true,
    summary,
  };
}

function policy(id: string, kind: PolicyResult["kind"], text: string): PolicyResult {
  const label = `${text} ${id}`;
  return policyResult({
    id,
    kind,
    label,
    description: text,
    n: 10,
    quality: 0.8,
    costPerCase: 0.001,
    group: text,
  });
}

/** A report snapshot with `text` in every field a user, a suite or a catalogue can fill. */
export function hostileReportData(text: string): ReportData {
  const snapshot = { id: text, source: text, takenAt: "2026-11-01T00:00:00.000Z" };
  return {
    version: REPORT_DATA_VERSION,
    draftedAt: "2026-11-26T10:00:00.000Z",
    isSimulated: true,
    selection: { runIds: ["run1"], modelIds: [], platformIds: [] },
    runs: [
      reportRun({
        name: text,
        suite: { id: text, name: text, caseCount: 10 },
        catalogSnapshot: snapshot,
        storedTrials: 20,
        judgeLabel: text,
      }),
    ],
    catalogSnapshot: snapshot,
    compare: {
      runId: "run1",
      mode: "targets",
      modelId: null,
      modelName: null,
      targets: [target("a", text), target("b", text)],
      selected: ["a", "b"],
      referenceId: "a",
      pairs: [
        {
          targetId: "b",
          referenceId: "a",
          pair: {
            n: 10,
            meanA: 0.8,
            meanB: 0.81,
            difference: -0.01,
            low: -0.03,
            high: 0.01,
            verdict: "equivalent",
            margin: 0.02,
            mcnemar: null,
            casesNeeded: null,
          },
        },
      ],
      categories: [text],
      categoryDifferences: [{ targetId: "b", category: text, difference: -0.01, n: 10 }],
    },
    lockin: {
      asOf: "2026-11-26",
      snapshot,
      weights: DEFAULT_WEIGHTS,
      isDefaultWeights: true,
      profile: {
        models: [],
        requiredRegions: [],
        services: [],
        monthlySpendUsd: 0,
        dataStoredGb: 0,
        exitScope: "leave-platform",
      },
      isExampleProfile: true,
      unknownModels: [text],
      platforms: [
        {
          platformId: "p",
          platformName: text,
          platformKind: "cloud",
          score: 50,
          band: "high",
          factors: [
            {
              id: "substitutability",
              label: text,
              value: 50,
              weight: 20,
              contribution: 10,
              evidence: [],
              measures: text,
              reference: text,
              referenceUrl: "",
            },
          ],
          modelsCounted: [text],
          modelsNotOffered: [text],
          weightCovered: 20,
          weightTotal: 20,
        },
      ],
    },
    routing: {
      runId: "run1",
      ignoredTargets: [text],
      n: 10,
      targets: [],
      policies: [policy("threshold", "threshold", text), policy("random-mix", "random-mix", text)],
      frontier: [{ quality: 0.8, costPerCase: 0.001, policyId: "threshold" }],
      costRange: { min: 0.001, max: 0.002 },
      weakId: null,
      strongId: null,
      vendorGroups: [text],
      exclusions: { targets: [], casesMissingScore: 0, casesMissingCost: 0 },
      categoryScores: {},
    },
    routingReason: text,
    routerAudit: [
      {
        id: "router1",
        label: `${text} router`,
        platformName: text,
        mode: text,
        ownerGroup: `${text} group`,
        calls: 10,
        unmappedCalls: 1,
        shares: [{ group: `${text} group`, isOwnerGroup: true, calls: 9, share: 1 }],
        ownerShare: { rate: 1, low: 0.7, high: 1, n: 9 },
        pool: { size: 2, groups: [text], measured: 0, counterfactual: null, reason: text },
        versus: {
          referenceLabel: text,
          referenceKind: "measured",
          quality: {
            difference: -0.01,
            low: -0.05,
            high: 0.02,
            n: 10,
            routerMean: 0.8,
            referenceMean: 0.81,
          },
          cost: {
            difference: 0.0001,
            low: 0,
            high: 0.0002,
            n: 10,
            routerMean: 0.0011,
            referenceMean: 0.001,
          },
          referenceOwnerShare: 0.5,
        },
        versusReason: null,
        unreachable: [
          {
            id: "single1",
            label: text,
            platformName: text,
            kind: "better",
            quality: { difference: 0.05, low: 0.01, high: 0.09, n: 10 },
            costPerCase: 0.0009,
            routerCostPerCase: 0.0011,
          },
        ],
      },
    ],
    summary: [{ text, figure: text }],
    methodology: {
      metrics: [{ name: text, definition: text }],
      statistics: [text],
      lockinWeights: [{ id: "substitutability", label: text, weight: 20 }],
      routingPolicies: [{ id: "threshold", label: text, description: text }],
    },
  };
}

/** A saved report with `text` as its title, annotations, recommendations, author and data. */
export function hostileReportView(text: string): ReportView {
  return {
    id: "rep1",
    title: text,
    annotations: text,
    recommendations: text,
    monthlyRequests: 120000,
    isSimulated: true,
    createdAt: new Date("2026-11-26T10:00:00Z"),
    updatedAt: new Date("2026-11-26T11:00:00Z"),
    createdBy: text,
    data: hostileReportData(text),
    shareLinks: [],
  };
}
