import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";

import { createShareLinkAction, revokeShareLinkAction, updateReportAction } from "../actions";
import { getReportDocument } from "../report-model";
import { ReportDocument, ReportText } from "@/components/reports/report-document";
import { ReportExports } from "@/components/reports/report-exports";
import { ReportTextForm } from "@/components/reports/report-text-form";
import { ShareLinksPanel } from "@/components/reports/share-links-panel";
import { hasRole } from "@/lib/schemas/roles";
import { SHARE_LINK_DEFAULT_DAYS, SHARE_LINK_MAX_DAYS } from "@/lib/schemas/reports";
import { getDb } from "@/lib/server/ops/db";
import { AppError } from "@/lib/server/domain/errors";
import { getPdfUnavailableReason } from "@/lib/server/domain/reports/report-pdf";
import { getReportView } from "@/lib/server/domain/reports/reports";
import { decodeRouteParam } from "@/lib/server/http/route-params";
import { requirePageCaller } from "@/lib/server/http/session";

// Read once per request: the title names the page, and so the printed PDF.
const loadReport = cache(async (rawId: string) => {
  const caller = await requirePageCaller("viewer");
  const id = decodeRouteParam(rawId);
  if (id === null) notFound();
  const view = await getReportView(caller, getDb(), id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return { caller, view };
});

export async function generateMetadata({
  params,
}: {
  params: Promise<{ id: string }>;
}): Promise<Metadata> {
  const { view } = await loadReport((await params).id);
  return { title: view.title };
}

// A report's share links and edits change between requests.
export const dynamic = "force-dynamic";

export default async function ReportPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const isPrint = (await searchParams).print === "1";
  const { caller, view } = await loadReport(id);
  const model = await getReportDocument(view);
  const canEdit = hasRole(caller.role, "analyst") && !isPrint;
  const base = `/reports/${encodeURIComponent(view.id)}`;

  return (
    <>
      {isPrint ? null : (
        <nav aria-label="Breadcrumb" className="text-sm text-muted-foreground print:hidden">
          <Link href="/reports" className="underline underline-offset-2">
            Reports
          </Link>{" "}
          / {view.title}
        </nav>
      )}
      <ReportDocument
        model={model}
        recommendations={
          <ReportText
            text={view.recommendations}
            empty={canEdit ? "None yet: write them in the form above." : "None written."}
          />
        }
        annotations={
          <ReportText
            text={view.annotations}
            empty={canEdit ? "None yet: write them in the form above." : "None written."}
          />
        }
        actions={
          isPrint ? undefined : (
            <>
              <ReportExports base={base} browserHint={getPdfUnavailableReason()} />
              {canEdit ? (
                <ReportTextForm
                  // Keyed by the report, not by its last save: a save's refresh must not remount
                  // the form, or its "Saved." confirmation is gone before anyone reads it.
                  key={view.id}
                  reportId={view.id}
                  title={view.title}
                  recommendations={view.recommendations}
                  annotations={view.annotations}
                  monthlyRequests={view.monthlyRequests}
                  updateReport={updateReportAction}
                />
              ) : null}
              <ShareLinksPanel
                reportId={view.id}
                links={view.shareLinks.map((link) => ({
                  id: link.id,
                  createdAt: link.createdAt.toISOString(),
                  expiresAt: link.expiresAt.toISOString(),
                  revokedAt: link.revokedAt?.toISOString() ?? null,
                  isActive: link.isActive,
                }))}
                defaultDays={SHARE_LINK_DEFAULT_DAYS}
                maxDays={SHARE_LINK_MAX_DAYS}
                canManage={canEdit}
                createShareLink={createShareLinkAction}
                revokeShareLink={revokeShareLinkAction}
              />
            </>
          )
        }
      />
    </>
  );
}
