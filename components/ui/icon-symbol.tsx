import type { ReactNode } from "react";

/**
 * An icon drawn once on a page as an SVG symbol (lucide's 24×24 stroke style), for pages that
 * show it many times: each use points at this drawing with {@link IconUse} instead of carrying
 * its own copy of the paths. Render it once, before the uses.
 */
export function IconSymbol({ id, children }: { id: string; children: ReactNode }) {
  return (
    <svg aria-hidden width="0" height="0" className="absolute">
      <symbol
        id={id}
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={2}
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        {children}
      </symbol>
    </svg>
  );
}

/** The page's IconSymbol `id`, drawn where it stands (size it with `className`). */
export function IconUse({ id, className }: { id: string; className?: string }) {
  return (
    <svg aria-hidden className={className}>
      <use href={`#${id}`} />
    </svg>
  );
}
