import type { Metadata } from "next";

import { EmptyState } from "@/components/empty-state";
import { areas } from "@/components/nav-items";
import { PageHeader } from "@/components/page-header";
import { requirePageCaller } from "@/lib/server/session";

const area = areas.lockIn;

export const metadata: Metadata = { title: area.label };

export default async function LockInPage() {
  await requirePageCaller("viewer");
  return (
    <>
      <PageHeader title={area.label} description={area.description} />
      <EmptyState
        icon={area.icon}
        title="No lock-in scores yet"
        description="Each platform will get a lock-in risk score from 0 (free to leave) to 100 (locked in), broken down into factors with their weight, evidence and snapshot date."
        nextStep="Scores are computed from the catalogue and your workload profile: the models you use, the regions you need and the platform services you rely on."
      />
    </>
  );
}
