import type { ReactNode } from "react";

const ICON_ID = "lockin-source-link-icon";

/**
 * The external-link icon (lucide's), drawn once on the lock-in page: its forty-odd source links
 * point at this drawing instead of each carrying a copy of it. Render it once, before the links.
 */
export function SourceLinkIcon() {
  return (
    <svg aria-hidden width="0" height="0" className="absolute">
      <symbol
        id={ICON_ID}
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={2}
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d="M15 3h6v6" />
        <path d="M10 14 21 3" />
        <path d="M18 13v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h6" />
      </symbol>
    </svg>
  );
}

/**
 * A link to a source outside Crossbench, as ExternalLink (components/ui/external-link) draws it
 * (opens in a new tab, says so to screen readers), with its icon drawn by SourceLinkIcon.
 */
export function SourceLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a
      href={href}
      target="_blank"
      rel="noreferrer"
      className="inline-flex items-center gap-0.5 text-primary underline underline-offset-2"
    >
      {children}
      <svg aria-hidden className="size-3">
        <use href={`#${ICON_ID}`} />
      </svg>
      <span className="sr-only"> (opens in a new tab)</span>
    </a>
  );
}
