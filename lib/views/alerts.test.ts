import { describe, expect, it } from "vitest";
import { alertFactsSchema, type AlertFacts } from "@/lib/schemas/alerts";
import {
  buildAlertBody,
  buildTestAlertFacts,
  describeDeliveryOutcome,
  escapeSlack,
  formatAlertText,
  runPageUrl,
} from "./alerts";

const regression: AlertFacts = {
  kind: "regression",
  rule: "score_drop",
  summary: "The score fell 6.2 points (paired 95% CI −9.1 to −3.3, n = 120 cases)",
  target: "Llama 3.1 70B on Bedrock",
  regressionId: "reg1",
  runId: "run2",
  previousRunId: "run1",
  schedule: { id: "sch1", name: "Nightly parity" },
  createdAt: "2026-05-04T06:01:02.000Z",
  simulated: false,
};

describe("the alert text", () => {
  it("is one line naming the rule, target and schedule, the summary as a sentence, and the run", () => {
    const text = formatAlertText(regression, "https://cb.example.com/runs/run2");
    expect(text).toBe(
      "Crossbench: Score drop on Llama 3.1 70B on Bedrock (schedule Nightly parity): The score fell 6.2 points (paired 95% CI −9.1 to −3.3, n = 120 cases). Run: https://cb.example.com/runs/run2",
    );
  });

  it("says when the measurement was simulated", () => {
    expect(formatAlertText({ ...regression, simulated: true }, null)).toMatch(
      /^\[simulated\] Crossbench: Score drop on /,
    );
  });

  it("escapes Slack's control characters in stored text and never breaks the line", () => {
    const text = formatAlertText(
      {
        ...regression,
        rule: "latency_p95",
        summary: "Latency p95 > 2 s\nfor <!channel> & friends.",
        target: "A<B>",
        schedule: { id: "s", name: "R&D\tnightly" },
      },
      null,
    );
    expect(text).not.toMatch(/[\n\t]/);
    expect(text).not.toMatch(/[<>]/);
    expect(text).toContain("on A&lt;B&gt; (schedule R&amp;D nightly)");
    expect(text).toContain("Latency p95 &gt; 2 s for &lt;!channel&gt; &amp; friends.");
  });

  it("falls back to a generic word for a rule it does not know", () => {
    expect(formatAlertText({ ...regression, rule: "new_rule" }, null)).toContain(
      "Crossbench: Regression on ",
    );
  });

  it("reads a test message as such, with the channel's name", () => {
    const facts = buildTestAlertFacts("#ml-alerts <Slack>", new Date("2026-05-04T06:00:00Z"));
    expect(alertFactsSchema.parse(facts)).toEqual(facts);
    expect(formatAlertText(facts, null)).toBe(
      "Crossbench: Test message for the alert channel “#ml-alerts &lt;Slack&gt;”: alerts from Crossbench reach this address.",
    );
  });
});

describe("the alert body", () => {
  it("links the run and the previous run on the app's public address", () => {
    const body = buildAlertBody(regression, "https://cb.example.com/");
    expect(body).toMatchObject({
      version: 1,
      kind: "regression",
      rule: "score_drop",
      target: "Llama 3.1 70B on Bedrock",
      runUrl: "https://cb.example.com/runs/run2",
      previousRunUrl: "https://cb.example.com/runs/run1",
      schedule: { id: "sch1", name: "Nightly parity" },
      createdAt: "2026-05-04T06:01:02.000Z",
      simulated: false,
    });
    // Programs get the summary unescaped; only `text` is Slack-formatted.
    expect(body.summary).toBe(regression.summary);
    expect(body.text).toContain(body.runUrl ?? "missing");
  });

  it("has no links for a test message", () => {
    const body = buildAlertBody(buildTestAlertFacts("ops", new Date(0)), "http://localhost:3000");
    expect(body).toMatchObject({ kind: "test", rule: null, runUrl: null, previousRunUrl: null });
  });

  it("encodes a run id into its path", () => {
    expect(runPageUrl("http://localhost:3000", "a/b?c")).toBe(
      "http://localhost:3000/runs/a%2Fb%3Fc",
    );
  });

  it("escapes ampersands before angle brackets, so nothing is escaped twice", () => {
    expect(escapeSlack("<&>")).toBe("&lt;&amp;&gt;");
  });
});

describe("a delivery's outcome in words", () => {
  const base = { attempts: 1, lastStatusCode: null, lastError: null };
  it("names the answer of a delivered message", () => {
    expect(describeDeliveryOutcome({ ...base, status: "delivered", lastStatusCode: 204 })).toBe(
      "Delivered: the endpoint answered 204.",
    );
  });
  it("says a pending message is waiting for a worker, or retrying after a failure", () => {
    expect(describeDeliveryOutcome({ ...base, status: "pending", attempts: 0 })).toMatch(
      /^Waiting for a worker/,
    );
    expect(
      describeDeliveryOutcome({
        ...base,
        status: "pending",
        lastError: "The endpoint answered 503 Service Unavailable.",
      }),
    ).toBe("The endpoint answered 503 Service Unavailable. It will be retried.");
  });
  it("gives a failure's reason", () => {
    expect(
      describeDeliveryOutcome({
        ...base,
        status: "failed",
        lastError: "Refused before connecting.",
      }),
    ).toBe("Refused before connecting.");
  });
});
