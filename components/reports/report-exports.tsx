import { Download } from "lucide-react";

import { Button } from "@/components/ui/button";

/**
 * Download links for a report: PDF (when a browser is installed to print it), Markdown, JSON and
 * CSV. `base` is the report's address; each export is a route under it.
 */
export function ReportExports({
  base,
  browserHint,
}: {
  base: string;
  /** Why the PDF cannot be made here and how to fix it, or null when it can. */
  browserHint: string | null;
}) {
  const links = [
    { href: `${base}/report.md`, label: "Markdown" },
    { href: `${base}/report.json`, label: "JSON (chart data)" },
    { href: `${base}/tables.csv`, label: "CSV (tables)" },
  ];
  return (
    <section aria-labelledby="report-exports" className="flex flex-col gap-2">
      <h2 id="report-exports" className="text-lg font-semibold">
        Export
      </h2>
      <div className="flex flex-wrap gap-2">
        {browserHint ? (
          <Button variant="outline" size="sm" disabled aria-describedby="pdf-unavailable">
            <Download aria-hidden />
            PDF
          </Button>
        ) : (
          <Button asChild variant="outline" size="sm">
            <a href={`${base}/report.pdf`} download>
              <Download aria-hidden />
              PDF
            </a>
          </Button>
        )}
        {links.map((link) => (
          <Button key={link.href} asChild variant="outline" size="sm">
            <a href={link.href} download>
              <Download aria-hidden />
              {link.label}
            </a>
          </Button>
        ))}
      </div>
      {browserHint ? (
        <p id="pdf-unavailable" className="max-w-prose text-sm text-muted-foreground">
          PDF export needs Chromium on the server. {browserHint}
        </p>
      ) : null}
    </section>
  );
}
