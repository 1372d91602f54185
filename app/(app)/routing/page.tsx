import type { Metadata } from "next";

import { EmptyState } from "@/components/empty-state";
import { areas } from "@/components/nav-items";
import { PageHeader } from "@/components/page-header";
import { requirePageCaller } from "@/lib/server/session";

const area = areas.routing;

export const metadata: Metadata = { title: area.label };

export default async function RoutingPage() {
  await requirePageCaller("viewer");
  return (
    <>
      <PageHeader title={area.label} description={area.description} />
      <EmptyState
        icon={area.icon}
        title="No routing simulations yet"
        description="Routing policies will be plotted here, quality against cost: single targets, random mix, threshold, cascade, oracle, and emulations of each cloud's native router, with the share of traffic each sends to each vendor group."
        nextStep="Simulations replay the recorded trials of a finished run; no provider is called."
      />
    </>
  );
}
