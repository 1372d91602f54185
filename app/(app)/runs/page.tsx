import type { Metadata } from "next";

import { EmptyState } from "@/components/empty-state";
import { areas } from "@/components/nav-items";
import { PageHeader } from "@/components/page-header";
import { requirePageCaller } from "@/lib/server/session";

const area = areas.runs;

export const metadata: Metadata = { title: area.label };

export default async function RunsPage() {
  await requirePageCaller("viewer");
  return (
    <>
      <PageHeader title={area.label} description={area.description} />
      <EmptyState
        icon={area.icon}
        title="No runs yet"
        description="Evaluation runs (suite × targets) will be listed here with their status, progress, who launched them, and whether they ran against real or simulated platforms."
        nextStep="Operators launch runs by choosing a suite, the targets and parameters such as temperature and repeats."
      />
    </>
  );
}
