import type { Metadata } from "next";

import { EmptyState } from "@/components/empty-state";
import { areas } from "@/components/nav-items";
import { PageHeader } from "@/components/page-header";
import { requirePageCaller } from "@/lib/server/session";

const area = areas.reports;

export const metadata: Metadata = { title: area.label };

export default async function ReportsPage() {
  await requirePageCaller("viewer");
  return (
    <>
      <PageHeader title={area.label} description={area.description} />
      <EmptyState
        icon={area.icon}
        title="No reports yet"
        description="PDF and Markdown exports for leadership will be listed here, each stating its data snapshot and whether its results are simulated."
        nextStep="Reports are exported from finished runs and comparisons."
      />
    </>
  );
}
