import { ExternalLink as ExternalLinkIcon } from "lucide-react";
import type { ReactNode } from "react";

/**
 * A link to a source outside Crossbench: opens in a new tab, and says so to screen readers.
 * `icon` replaces lucide's external-link icon (a page with many links draws it once, IconSymbol).
 */
export function ExternalLink({
  href,
  children,
  icon,
}: {
  href: string;
  children: ReactNode;
  icon?: ReactNode;
}) {
  return (
    <a
      href={href}
      target="_blank"
      rel="noreferrer"
      className="inline-flex items-center gap-0.5 text-primary underline underline-offset-2"
    >
      {children}
      {icon ?? <ExternalLinkIcon aria-hidden className="size-3" />}
      <span className="sr-only"> (opens in a new tab)</span>
    </a>
  );
}
