import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { SubmitButton } from "@/components/forms/fields";

describe("SubmitButton", () => {
  it("is disabled in the server's HTML, so a click or Enter before hydration cannot submit the form natively (a GET with every field in the URL)", () => {
    const html = renderToStaticMarkup(
      <form>
        <SubmitButton isPending={false} pendingLabel="Saving…">
          Save
        </SubmitButton>
      </form>,
    );
    expect(html).toMatch(/<button[^>]*type="submit"[^>]*disabled=""/);
  });
});
