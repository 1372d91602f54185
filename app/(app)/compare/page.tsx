import type { Metadata } from "next";

import { EmptyState } from "@/components/empty-state";
import { areas } from "@/components/nav-items";
import { PageHeader } from "@/components/page-header";
import { requirePageCaller } from "@/lib/server/session";

const area = areas.compare;

export const metadata: Metadata = { title: area.label };

export default async function ComparePage() {
  await requirePageCaller("viewer");
  return (
    <>
      <PageHeader title={area.label} description={area.description} />
      <EmptyState
        icon={area.icon}
        title="Nothing to compare yet"
        description="Parity per platform will appear here: the paired score difference against a reference target, with its 95% CI and n, and a verdict of equivalent, different or inconclusive."
        nextStep="It needs a finished run that evaluates the same model on two or more platforms."
      />
    </>
  );
}
