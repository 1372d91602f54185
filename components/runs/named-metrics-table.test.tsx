import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { NamedMetricsTable } from "@/components/runs/named-metrics-table";

describe("NamedMetricsTable", () => {
  it("shows each target's metrics with the mean in points, the weight and the trials", () => {
    const html = renderToStaticMarkup(
      <NamedMetricsTable
        groups={[
          {
            id: "a",
            label: "Model A",
            isSimulated: true,
            metrics: [
              { name: "facts", mean: 0.375, weight: 16, trials: 3 },
              { name: "style", mean: null, weight: 0, trials: 1 },
            ],
          },
        ]}
      />,
    );
    expect(html).toContain("Mean (points, 0–100)");
    expect(html).toContain('rowSpan="2"');
    expect(html).toMatch(/>facts<\/th><td[^>]*>37\.5<\/td><td[^>]*>16<\/td><td[^>]*>3<\/td>/);
    expect(html).toMatch(/>style<\/th><td[^>]*>—<\/td><td[^>]*>0<\/td><td[^>]*>1<\/td>/);
    expect(html).toContain("Simulated");
  });
});
