import { BellRing, KeyRound, RefreshCw, ScrollText, Users } from "lucide-react";
import type { Metadata } from "next";

import { areas } from "@/components/nav-items";
import { PageHeader } from "@/components/page-header";
import { SettingsIndex, type SettingsSection } from "@/components/settings/settings-index";
import { requirePageCaller } from "@/lib/server/http/session";

const area = areas.settings;

export const metadata: Metadata = { title: area.label };

const sections: readonly SettingsSection[] = [
  {
    href: "/settings/users",
    title: "Users",
    description: "Create accounts with a one-time password and change who has which role.",
    icon: Users,
  },
  {
    href: "/settings/credentials",
    title: "Provider credentials",
    description:
      "Keys for each cloud platform, stored encrypted. Without them runs use the emulator and are labelled simulated.",
    icon: KeyRound,
  },
  {
    href: "/settings/catalog",
    title: "Catalogue syncs",
    description:
      "Refresh platforms, models and offerings from LiteLLM or models.dev, now or on a daily schedule, and see every past snapshot.",
    icon: RefreshCw,
  },
  {
    href: "/settings/alerts",
    title: "Alert channels",
    description:
      "Webhooks (Slack or your own) that receive regressions found after scheduled runs, signed, with every delivery recorded.",
    icon: BellRing,
  },
  {
    href: "/settings/audit",
    title: "Audit log",
    description: "Sign-ins, failed attempts, account and credential changes, newest first.",
    icon: ScrollText,
  },
];

export default async function SettingsPage() {
  await requirePageCaller("admin");
  return (
    <>
      <PageHeader title={area.label} description={area.description} />
      <section aria-labelledby="settings-sections" className="flex flex-col gap-4">
        <h2 id="settings-sections" className="sr-only">
          Sections
        </h2>
        <SettingsIndex sections={sections} />
      </section>
    </>
  );
}
