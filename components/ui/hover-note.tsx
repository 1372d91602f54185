import type { ReactNode } from "react";

/**
 * A value with a note shown on hover and on keyboard focus (and read by screen readers through
 * aria-describedby): the value is focusable, so the note reaches keyboard and touch users, which
 * a native `title` does not. The note is plain text in the page, so it can be selected and copied.
 * CSS only (group-hover / group-focus-within): no script, so it works in server components.
 */
/** `id` must be unique on the page: it ties the note to its value for screen readers. */
export function HoverNote({
  id,
  children,
  note,
}: {
  id: string;
  children: ReactNode;
  note: string;
}) {
  return (
    <span className="group relative inline-block">
      <span
        tabIndex={0}
        aria-describedby={id}
        className="cursor-help rounded-sm underline decoration-dotted underline-offset-2 focus-visible:outline-2 focus-visible:outline-ring"
      >
        {children}
      </span>
      <span
        id={id}
        role="tooltip"
        className="invisible absolute top-full left-0 z-20 mt-1 w-64 rounded-md border bg-popover px-2 py-1.5 text-xs font-normal whitespace-normal text-popover-foreground no-underline shadow-md group-focus-within:visible group-hover:visible"
      >
        {note}
      </span>
    </span>
  );
}
