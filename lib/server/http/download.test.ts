import { describe, expect, it } from "vitest";
import { safeFileName, textDownload } from "./download";

describe("downloads", () => {
  it("keeps a file name to characters that cannot break out of the Content-Disposition header", () => {
    expect(safeFileName("crossbench-run-abc_1-trials.csv")).toBe("crossbench-run-abc_1-trials.csv");
    expect(safeFileName('x"; filename=evil.exe\r\nSet-Cookie: a=b')).toBe(
      "x-filename-evil.exe-Set-Cookie-a-b",
    );
    expect(safeFileName("../../etc/passwd")).toBe("etc-passwd");
    expect(safeFileName("…")).toBe("crossbench-download");
  });

  it("streams the pieces in order with attachment headers, and ends the source when cancelled", async () => {
    const full = textDownload({
      fileName: "a b.csv",
      contentType: "text/csv; charset=utf-8",
      pieces: ["x,y\r\n", "1,2\r\n"][Symbol.iterator](),
    });
    expect(full.headers.get("content-disposition")).toBe('attachment; filename="a-b.csv"');
    expect(full.headers.get("cache-control")).toBe("no-store");
    expect(await full.text()).toBe("x,y\r\n1,2\r\n");

    let ended = false;
    async function* endless() {
      try {
        for (;;) yield "row\r\n";
      } finally {
        ended = true;
      }
    }
    const partial = textDownload({ fileName: "b.csv", contentType: "text/csv", pieces: endless() });
    const reader = partial.body!.getReader();
    await reader.read();
    await reader.cancel();
    expect(ended).toBe(true);
  });
});
