"use client";

import { useId, type KeyboardEvent, type ReactNode } from "react";

/** The cell an arrow key moves to from `cell`, or null at an edge. */
function neighbour(cell: HTMLElement, key: string): Element | null {
  const row = cell.parentElement;
  if (!(row instanceof HTMLTableRowElement)) return null;
  const column = Array.from(row.children).indexOf(cell);
  const sibling = (element: Element | null) => element?.children[column] ?? null;
  switch (key) {
    case "ArrowRight":
      return cell.nextElementSibling;
    case "ArrowLeft":
      return cell.previousElementSibling;
    case "ArrowDown":
      return sibling(row.nextElementSibling);
    case "ArrowUp":
      return sibling(row.previousElementSibling);
    case "Home":
      return row.firstElementChild;
    case "End":
      return row.lastElementChild;
    default:
      return null;
  }
}

/**
 * Arrow-key navigation over a table's body cells (those marked `data-grid-cell`): one cell is in
 * the Tab order at a time (the first, then the last one visited), and the arrow keys, Home and End
 * move between cells, so a wide grid is read cell by cell without tabbing through every "Show
 * output" button. Keys pressed inside a cell's own controls are left to them.
 */
export function GridKeys({ label, children }: { label: string; children: ReactNode }) {
  const hintId = useId();
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const cell = event.target;
    if (!(cell instanceof HTMLElement) || !cell.hasAttribute("data-grid-cell")) return;
    const next = neighbour(cell, event.key);
    if (!(next instanceof HTMLElement) || !next.hasAttribute("data-grid-cell")) return;
    event.preventDefault();
    cell.tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
  }
  return (
    <div role="group" aria-label={label} aria-describedby={hintId} onKeyDown={onKeyDown}>
      <p id={hintId} className="mb-2 text-xs text-muted-foreground">
        In the grid, the arrow keys move between cells; Home and End go to the row&apos;s ends.
      </p>
      {children}
    </div>
  );
}
