import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { getReportDocument } from "@/app/(app)/reports/report-model";
import { ReportDocument, ReportText } from "@/components/reports/report-document";
import { ReportExports } from "@/components/reports/report-exports";
import { SharedReportFrame } from "@/components/reports/shared-report-frame";
import { getPdfUnavailableReason } from "@/lib/server/domain/reports/report-pdf";
import { loadSharedReport } from "./load-shared";

export const metadata: Metadata = {
  title: "Shared report",
  robots: { index: false, follow: false },
  // The token is the credential: never send it on to another site.
  referrer: "no-referrer",
};

export const dynamic = "force-dynamic";

/** A report opened through a share link: read-only, no account, nothing else reachable. */
export default async function SharedReportPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await params;
  const isPrint = (await searchParams).print === "1";
  const view = await loadSharedReport(token);
  if (!view) notFound();
  return (
    <SharedReportFrame>
      <ReportDocument
        model={await getReportDocument(view)}
        recommendations={<ReportText text={view.recommendations} empty="None written." />}
        annotations={<ReportText text={view.annotations} empty="None written." />}
        actions={
          isPrint ? undefined : (
            <ReportExports
              base={`/share/${encodeURIComponent(token)}`}
              browserHint={getPdfUnavailableReason()}
            />
          )
        }
      />
    </SharedReportFrame>
  );
}
