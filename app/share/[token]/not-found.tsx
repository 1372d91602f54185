import { LinkIcon } from "lucide-react";
import type { Metadata } from "next";

import { EmptyState } from "@/components/empty-state";
import { SharedReportFrame } from "@/components/reports/shared-report-frame";

export const metadata: Metadata = {
  title: "Link not valid",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

/** A share link that is unknown, expired or revoked: refused, saying why it may be. */
export default function ShareLinkRefused() {
  return (
    <SharedReportFrame>
      <h1 className="text-2xl font-semibold tracking-tight">This share link is not valid</h1>
      <EmptyState
        icon={LinkIcon}
        title="Link expired, revoked or mistyped"
        description="Share links to Crossbench reports stop working when they expire or when the report's owner revokes them."
        nextStep="Ask whoever sent you the link for a new one."
      />
    </SharedReportFrame>
  );
}
