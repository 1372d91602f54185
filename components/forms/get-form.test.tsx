import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { FilterSelect, GetForm } from "@/components/forms/get-form";

describe("GetForm", () => {
  it("submits with GET and keeps the other search params it is given", () => {
    const html = renderToStaticMarkup(
      <GetForm action="/runs/r1" label="Choose" hidden={{ outcome: "fail" }}>
        <button type="submit">Apply</button>
      </GetForm>,
    );
    const form = html.slice(0, html.indexOf(">") + 1);
    expect(form).toContain('method="get"');
    expect(form).toContain('action="/runs/r1"');
    expect(form).toContain('aria-label="Choose"');
    expect(html).toContain('<input type="hidden" name="outcome" value="fail"/>');
  });
});

describe("FilterSelect", () => {
  it("offers the empty choice first, labelled, then each option by its id", () => {
    const html = renderToStaticMarkup(
      <FilterSelect
        id="trials-target"
        name="target"
        label="Target"
        defaultValue=""
        emptyLabel="All targets"
        options={[{ id: "t1", label: "Claude on Bedrock" }]}
      />,
    );
    expect(html).toContain(
      '<label data-slot="label" class="text-sm leading-none font-medium" for="trials-target">Target</label>',
    );
    expect(html).toMatch(
      /<option value="" selected="">All targets<\/option><option value="t1">Claude on Bedrock<\/option>/,
    );
  });
});
