import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { RegressionsCard } from "@/components/overview/regressions-card";
import {
  REGRESSIONS_EMPTY,
  REGRESSIONS_WATCHED,
  type RegressionView,
} from "@/lib/views/regressions";

/** Text as React writes it into markup. */
const escape = (text: string) =>
  text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll("'", "&#x27;");

const regression = (fields: Partial<RegressionView> = {}): RegressionView => ({
  id: "reg-1",
  rule: "score_drop",
  ruleLabel: "Score drop",
  summary: "Claude on Bedrock scored −6.2 points against the schedule's previous run.",
  targetLabel: "Claude on Bedrock",
  createdAt: new Date("2026-12-06T10:00:00Z"),
  run: { id: "run-2", name: "Nightly (2026-12-06)", isSimulated: false },
  previousRun: { id: "run-1", name: "Nightly (2026-12-05)" },
  schedule: { id: "sch-1", name: "Nightly" },
  ...fields,
});

describe("RegressionsCard", () => {
  it("says nothing was detected and what is watched", () => {
    const html = renderToStaticMarkup(<RegressionsCard regressions={[]} />);
    expect(html).toContain(REGRESSIONS_EMPTY);
    expect(html).toContain(escape(REGRESSIONS_WATCHED));
  });

  it("lists each regression with its rule, sentence and links, and marks simulated runs", () => {
    const html = renderToStaticMarkup(
      <RegressionsCard
        regressions={[
          regression(),
          regression({
            id: "reg-2",
            run: { id: "run-3", name: "Emulated", isSimulated: true },
            previousRun: null,
          }),
        ]}
      />,
    );
    expect(html).toContain("Score drop");
    expect(html).toContain("Nightly · 2026-12-06 10:00:00 UTC");
    expect(html).toContain('href="/runs/run-2"');
    expect(html).toContain('href="/compare/runs?a=run-2&amp;b=run-1"');
    expect(html).toContain("Compare with Nightly (2026-12-05)");
    // Only the emulated run carries the badge, and it has no previous run to compare with.
    expect(html.match(/Simulated/g)).toHaveLength(1);
    expect(html.match(/Compare with/g)).toHaveLength(1);
  });
});
