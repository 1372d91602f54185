import type { AlertDeliveryStatus, AlertFacts, AlertKind } from "@/lib/schemas/alerts";
import { REGRESSION_RULE_LABELS, type RegressionRule } from "@/lib/views/regressions";

/**
 * The webhook body Crossbench POSTs to an alert channel, and the one-line text in it. Built when a
 * delivery is attempted, from the facts stored with the delivery and the app's public address, so
 * every attempt of one delivery sends the same bytes.
 */

/** The shape's version; fields are only ever added within a version. */
export const ALERT_BODY_VERSION = 1;

/**
 * The JSON body of every alert. `text` is for chat tools (a Slack incoming webhook posts it as the
 * message); the other fields are for programs, unescaped.
 */
export type AlertBody = {
  version: typeof ALERT_BODY_VERSION;
  kind: AlertKind;
  /** One line of Slack-formatted text: `&`, `<` and `>` escaped, no line breaks. */
  text: string;
  /** The rule that fired: "parity_changed", "score_drop", "latency_p95", "error_rate" or "router_shift"; null for a test. */
  rule: string | null;
  /** One sentence saying what changed, with its numbers. */
  summary: string;
  /** The target the rule fired on (model and platform, policy or router, as the run labels it). */
  target: string | null;
  regressionId: string | null;
  runId: string | null;
  /** The run page, on the app's public address (CROSSBENCH_URL). */
  runUrl: string | null;
  previousRunId: string | null;
  previousRunUrl: string | null;
  schedule: { id: string; name: string } | null;
  /** When the regression was detected (ISO 8601, UTC). */
  createdAt: string;
  /** The measurement came from the emulator (a simulated platform), not a real cloud. */
  simulated: boolean;
};

/** The facts of a test message sent from Settings to the channel called `channelName`. */
export function buildTestAlertFacts(channelName: string, createdAt: Date): AlertFacts {
  return {
    kind: "test",
    rule: null,
    summary: `Test message for the alert channel “${oneLine(channelName)}”: alerts from Crossbench reach this address.`,
    target: null,
    regressionId: null,
    runId: null,
    previousRunId: null,
    schedule: null,
    createdAt: createdAt.toISOString(),
    simulated: false,
  };
}

/** The page of run `runId` on the app at `baseUrl` (its public address, without a trailing slash). */
export function runPageUrl(baseUrl: string, runId: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/runs/${encodeURIComponent(runId)}`;
}

/** The body to send for `facts`, with links on the app at `baseUrl`. */
export function buildAlertBody(facts: AlertFacts, baseUrl: string): AlertBody {
  const runUrl = facts.runId ? runPageUrl(baseUrl, facts.runId) : null;
  return {
    version: ALERT_BODY_VERSION,
    kind: facts.kind,
    text: formatAlertText(facts, runUrl),
    rule: facts.rule,
    summary: facts.summary,
    target: facts.target,
    regressionId: facts.regressionId,
    runId: facts.runId,
    runUrl,
    previousRunId: facts.previousRunId,
    previousRunUrl: facts.previousRunId ? runPageUrl(baseUrl, facts.previousRunId) : null,
    schedule: facts.schedule,
    createdAt: facts.createdAt,
    simulated: facts.simulated,
  };
}

const isRule = (rule: string | null): rule is RegressionRule =>
  rule !== null && Object.hasOwn(REGRESSION_RULE_LABELS, rule);

/**
 * The one-line message for chat tools: "[simulated] Crossbench: <rule in words> on <target>
 * (schedule <name>): <summary> Run: <url>". Text from runs and schedules is escaped as Slack
 * requires (`&`, `<`, `>`), so a summary such as "p95 > 2 s" cannot be read as a link or a mention.
 */
export function formatAlertText(facts: AlertFacts, runUrl: string | null): string {
  const summary = escapeSlack(asSentence(oneLine(facts.summary)));
  if (facts.kind === "test") return `Crossbench: ${summary}`;
  const simulated = facts.simulated ? "[simulated] " : "";
  const rule = isRule(facts.rule) ? REGRESSION_RULE_LABELS[facts.rule] : "Regression";
  const target = facts.target ? ` on ${escapeSlack(oneLine(facts.target))}` : "";
  const schedule = facts.schedule ? ` (schedule ${escapeSlack(oneLine(facts.schedule.name))})` : "";
  const link = runUrl ? ` Run: ${runUrl}` : "";
  return `${simulated}Crossbench: ${rule}${target}${schedule}: ${summary}${link}`;
}

/** Slack's three control characters, escaped as its message formatting requires. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function asSentence(text: string): string {
  return text === "" || /[.!?…]$/.test(text) ? text : `${text}.`;
}

/** What a delivery carries, in words. */
export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  regression: "Regression",
  test: "Test message",
};

/** Where a delivery stands, in words. */
export const ALERT_STATUS_LABELS: Record<AlertDeliveryStatus, string> = {
  pending: "Pending",
  delivered: "Delivered",
  failed: "Failed",
};

/** What a delivery's record says about its last attempt. */
export type DeliveryOutcomeFacts = {
  status: AlertDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
};

/**
 * A delivery's outcome in one sentence: "Delivered: the endpoint answered 200.", its failure, or
 * why it is still pending (waiting for a worker, or retrying after a failed attempt).
 */
export function describeDeliveryOutcome(delivery: DeliveryOutcomeFacts): string {
  switch (delivery.status) {
    case "delivered":
      return delivery.lastStatusCode === null
        ? "Delivered."
        : `Delivered: the endpoint answered ${delivery.lastStatusCode}.`;
    case "failed":
      return delivery.lastError ?? "Failed.";
    case "pending":
      return delivery.attempts === 0
        ? "Waiting for a worker to send it (workers send alerts, usually within seconds)."
        : `${delivery.lastError ?? "The last attempt failed."} It will be retried.`;
  }
}
