import type { ReactNode } from "react";
import { ExternalLink } from "@/components/ui/external-link";
import { IconSymbol, IconUse } from "@/components/ui/icon-symbol";

const ICON_ID = "lockin-source-link-icon";

/**
 * The external-link icon (lucide's), drawn once on the lock-in page: its forty-odd source links
 * point at this drawing instead of each carrying a copy of it. Render it once, before the links.
 */
export function SourceLinkIcon() {
  return (
    <IconSymbol id={ICON_ID}>
      <path d="M15 3h6v6" />
      <path d="M10 14 21 3" />
      <path d="M18 13v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h6" />
    </IconSymbol>
  );
}

/** An ExternalLink whose icon is the page's SourceLinkIcon. */
export function SourceLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <ExternalLink href={href} icon={<IconUse id={ICON_ID} className="size-3" />}>
      {children}
    </ExternalLink>
  );
}
