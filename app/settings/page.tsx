import type { Metadata } from "next";

import { EmptyState } from "@/components/empty-state";
import { areas } from "@/components/nav-items";
import { PageHeader } from "@/components/page-header";

const area = areas.settings;

export const metadata: Metadata = { title: area.label };

export default function SettingsPage() {
  return (
    <>
      <PageHeader title={area.label} description={area.description} />
      <EmptyState
        icon={area.icon}
        title="Nothing to configure yet"
        description="Admins will manage users and roles, provider credentials and catalogue syncs here."
        nextStep="Until a platform has credentials, runs use the local emulator and their results are labelled simulated."
      />
    </>
  );
}
