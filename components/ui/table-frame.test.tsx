import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { TableFrame } from "@/components/ui/table-frame";

describe("TableFrame", () => {
  it("names the table for screen readers and heads each column, numbers right-aligned", () => {
    const html = renderToStaticMarkup(
      <TableFrame
        caption="Runs, newest first"
        head={["Run", { label: "Cost", className: "text-right" }]}
      >
        <tr>
          <td>Nightly</td>
          <td>$1.00</td>
        </tr>
      </TableFrame>,
    );
    expect(html).toContain('<caption class="sr-only">Runs, newest first</caption>');
    expect(html).toMatch(/<th scope="col" class="px-3 py-2 font-medium">Run<\/th>/);
    expect(html).toMatch(/<th scope="col" class="[^"]*text-right[^"]*">Cost<\/th>/);
    expect(html).toContain("<tbody><tr><td>Nightly</td>");
  });
});
