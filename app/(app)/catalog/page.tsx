import type { Metadata } from "next";

import { EmptyState } from "@/components/empty-state";
import { areas } from "@/components/nav-items";
import { PageHeader } from "@/components/page-header";
import { requirePageCaller } from "@/lib/server/session";

const area = areas.catalog;

export const metadata: Metadata = { title: area.label };

export default async function CatalogPage() {
  await requirePageCaller("viewer");
  return (
    <>
      <PageHeader title={area.label} description={area.description} />
      <EmptyState
        icon={area.icon}
        title="No catalogue loaded yet"
        description="The access matrix will appear here: which models are sold on which platform, in which regions, at what price and through which API, each row with its source and snapshot date."
        nextStep="An admin loads the catalogue from Settings, under catalogue syncs."
      />
    </>
  );
}
