"use client";

import { Check, Copy, X } from "lucide-react";
import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type MouseEvent,
  type ReactNode,
} from "react";

import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { PreparedCellDetail } from "@/lib/charts/access-matrix";
import type { CatalogFilters } from "@/lib/schemas/catalog";

/** What the popover asks the server for: one cell of the matrix drawn with `filters`. */
export type MatrixCellQuery = {
  row: string;
  platform: string;
  filters: CatalogFilters;
};

export type LoadMatrixCell = (
  query: MatrixCellQuery,
) => Promise<{ ok: true; data: PreparedCellDetail } | { ok: false; error: { message: string } }>;

type Open = {
  anchor: HTMLButtonElement;
  key: string;
  position: { top: number; left: number };
  state:
    | { kind: "loading" }
    | { kind: "ready"; detail: PreparedCellDetail }
    | { kind: "error"; message: string };
};

const POPOVER_WIDTH = 448;

/**
 * The access matrix's cell details. The table is server-rendered markup; this wrapper listens for
 * activation of its cell buttons (click, tap, Enter or Space: they are real buttons) and opens one
 * non-modal popover for the cell, whose details are read from the server on open, so the page does
 * not carry every cell's details. The row names the cell through `data-row` (on the row), the
 * column through `data-platform` (on the column header).
 *
 * A small hand-written popover rather than a library: the project has no popover primitive
 * (only Radix's Slot), and what this needs is little: an accessible name, focus moved into it,
 * Escape and outside clicks close it, focus returns to the cell.
 */
export function MatrixCellDetails({
  filters,
  load,
  children,
}: {
  filters: CatalogFilters;
  load: LoadMatrixCell;
  children: ReactNode;
}) {
  const wrapperRef = useRef<HTMLDivElement>(null);
  const popoverRef = useRef<HTMLDivElement>(null);
  const cache = useRef(new Map<string, PreparedCellDetail>());
  const [open, setOpen] = useState<Open | null>(null);
  // The open cell for event handlers registered once (the anchor to return focus to).
  const openRef = useRef<Open | null>(null);
  const titleId = useId();

  const show = useCallback((next: Open | null) => {
    openRef.current = next;
    setOpen(next);
  }, []);

  const close = useCallback(
    (returnFocus: boolean) => {
      const current = openRef.current;
      if (!current) return;
      current.anchor.setAttribute("aria-expanded", "false");
      show(null);
      if (returnFocus) current.anchor.focus();
    },
    [show],
  );

  async function openFor(anchor: HTMLButtonElement) {
    const wrapper = wrapperRef.current;
    const cell = anchor.closest("td");
    const row = cell?.parentElement;
    const header = anchor.closest("table")?.tHead?.rows[0]?.cells[cell?.cellIndex ?? -1];
    if (!wrapper || !cell || !(row instanceof HTMLTableRowElement) || !header) return;
    const query: MatrixCellQuery = {
      row: row.dataset.row ?? "",
      platform: header.dataset.platform ?? "",
      filters,
    };
    const key = `${query.row}\u0000${query.platform}`;
    const previous = openRef.current;
    if (previous?.key === key) return close(true);
    previous?.anchor.setAttribute("aria-expanded", "false");
    anchor.setAttribute("aria-expanded", "true");

    const box = wrapper.getBoundingClientRect();
    const at = anchor.getBoundingClientRect();
    const maxLeft = Math.max(0, box.width - POPOVER_WIDTH);
    const position = {
      top: at.bottom - box.top + 4,
      left: Math.min(Math.max(0, at.left - box.left), maxLeft),
    };
    const cached = cache.current.get(key);
    show({
      anchor,
      key,
      position,
      state: cached ? { kind: "ready", detail: cached } : { kind: "loading" },
    });
    if (cached) return;
    let state: Open["state"];
    try {
      const result = await load(query);
      if (result.ok) cache.current.set(key, result.data);
      state = result.ok
        ? { kind: "ready", detail: result.data }
        : { kind: "error", message: result.error.message };
    } catch {
      state = { kind: "error", message: "The details could not be loaded. Try again." };
    }
    // Another cell may have been opened (or the popover closed) while this one loaded.
    const current = openRef.current;
    if (current?.key === key) show({ ...current, state });
  }

  function onClick(event: MouseEvent<HTMLDivElement>) {
    const target = event.target as Element;
    if (popoverRef.current?.contains(target)) return;
    const button = target.closest<HTMLButtonElement>("button[data-cell]");
    if (button) void openFor(button);
  }

  // Focus moves into the popover when it opens, so its name is read and Tab continues inside it.
  const openKey = open?.key;
  useLayoutEffect(() => {
    if (openKey) popoverRef.current?.focus();
  }, [openKey]);

  const isOpen = open !== null;
  useEffect(() => {
    if (!isOpen) return;
    function onPointerDown(event: PointerEvent) {
      const target = event.target as Node;
      const anchor = openRef.current?.anchor;
      if (popoverRef.current?.contains(target) || anchor?.contains(target)) return;
      // A press on another cell closes this one; its click then opens that cell's popover.
      close(false);
    }
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === "Escape") close(true);
    }
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [isOpen, close]);

  return (
    <div ref={wrapperRef} className="relative" onClick={onClick}>
      {children}
      {open ? (
        <div
          ref={popoverRef}
          role="dialog"
          aria-labelledby={titleId}
          aria-busy={open.state.kind === "loading"}
          tabIndex={-1}
          onBlur={(event) => {
            // Tabbing out of the popover closes it; a click outside is handled on pointerdown.
            const next = event.relatedTarget;
            if (next instanceof Node && !event.currentTarget.contains(next) && next !== open.anchor)
              close(false);
          }}
          style={{ top: open.position.top, left: open.position.left }}
          className="absolute z-20 flex max-h-[28rem] w-[min(28rem,100%)] flex-col gap-3 overflow-y-auto rounded-xl border bg-background p-4 text-left text-sm shadow-lg select-text focus:outline-none"
        >
          <CellDetailBody
            titleId={titleId}
            state={open.state}
            fallbackTitle={open.anchor.getAttribute("aria-label") ?? "Cell details"}
            onClose={() => close(true)}
          />
        </div>
      ) : null}
    </div>
  );
}

function CellDetailBody({
  titleId,
  state,
  fallbackTitle,
  onClose,
}: {
  titleId: string;
  state: Open["state"];
  fallbackTitle: string;
  onClose: () => void;
}) {
  const detail = state.kind === "ready" ? state.detail : null;
  return (
    <>
      <div className="flex items-start justify-between gap-2">
        <h3 id={titleId} className="font-semibold">
          {detail ? detail.title : fallbackTitle}
          {detail ? (
            <span className="ml-2 text-xs font-normal text-muted-foreground">{detail.status}</span>
          ) : null}
        </h3>
        <Button variant="ghost" size="icon" className="size-7" onClick={onClose}>
          <X aria-hidden />
          <span className="sr-only">Close details</span>
        </Button>
      </div>
      {state.kind === "loading" ? (
        <p className="text-muted-foreground">Loading details…</p>
      ) : state.kind === "error" ? (
        <p role="alert" className="text-destructive">
          {state.message}
        </p>
      ) : (
        <CellDetail detail={state.detail} />
      )}
    </>
  );
}

function CellDetail({ detail }: { detail: PreparedCellDetail }) {
  const [copied, setCopied] = useState<"idle" | "copied" | "failed">("idle");
  const textRef = useRef<HTMLDivElement>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(detail.text);
      setCopied("copied");
    } catch {
      // No clipboard access (plain HTTP on another host, for example): select it for Ctrl+C.
      const selection = window.getSelection();
      if (textRef.current && selection) {
        const range = document.createRange();
        range.selectNodeContents(textRef.current);
        selection.removeAllRanges();
        selection.addRange(range);
      }
      setCopied("failed");
    }
  }

  const heading = "text-xs font-medium tracking-wide text-muted-foreground uppercase";
  return (
    <>
      <div ref={textRef} className="flex flex-col gap-3">
        <section className="flex flex-col gap-1">
          <h4 className={heading}>Prices, USD per 1M tokens</h4>
          {detail.offerings.length ? (
            <table className="w-full text-xs tabular-nums [&_thead_th]:whitespace-nowrap">
              <thead>
                <tr className="text-muted-foreground">
                  <th scope="col" className="py-0.5 pr-2 text-left font-normal">
                    Offering
                  </th>
                  <th scope="col" className="px-1 text-right font-normal">
                    Input
                  </th>
                  <th scope="col" className="px-1 text-right font-normal">
                    Output
                  </th>
                  <th scope="col" className="pl-1 text-right font-normal">
                    Blended 3:1
                  </th>
                </tr>
              </thead>
              <tbody>
                {detail.offerings.map((offering) => (
                  <tr key={offering.nativeId} className="border-t align-top">
                    <th scope="row" className="py-1 pr-2 text-left font-normal">
                      <span className="block">{offering.name}</span>
                      <code className="block break-all text-muted-foreground">
                        {offering.nativeId}
                      </code>
                      {offering.lifecycle !== "ga" ? (
                        <span className="text-muted-foreground">{offering.lifecycle}</span>
                      ) : null}
                    </th>
                    <td className="px-1 py-1 text-right">{offering.input}</td>
                    <td className="px-1 py-1 text-right">{offering.output}</td>
                    <td className="py-1 pl-1 text-right font-medium">{offering.blended}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="text-muted-foreground">No current offering matches the filters.</p>
          )}
        </section>
        <section className="flex flex-col gap-1">
          <h4 className={heading}>Regions by geography</h4>
          {detail.regionGroups.length ? (
            <dl className="flex flex-col gap-1 text-xs">
              {detail.regionGroups.map((group) => (
                <div key={group.id}>
                  <dt className={cn("font-medium", group.mayLeave && "text-destructive")}>
                    {group.label}
                  </dt>
                  <dd className="flex flex-wrap gap-x-2">
                    {group.codes.map((code) => (
                      <span key={code.code}>
                        <code title={code.name ?? undefined}>{code.code}</code>
                        {code.isCrossRegion ? (
                          <span className="text-muted-foreground"> (cross-region)</span>
                        ) : null}
                      </span>
                    ))}
                  </dd>
                </div>
              ))}
            </dl>
          ) : (
            <p className="text-xs text-muted-foreground">Not listed by the source.</p>
          )}
        </section>
        <section className="flex flex-col gap-1">
          <h4 className={heading}>API styles</h4>
          <p className="text-xs">
            {detail.apiStyles.length ? detail.apiStyles.join(", ") : "Not listed by the source."}
          </p>
        </section>
        <section className="flex flex-col gap-1">
          <h4 className={heading}>Sources</h4>
          {detail.sources.length === 0 ? (
            <p className="text-xs text-muted-foreground">None: no offering matches.</p>
          ) : null}
          <ul className="flex flex-col gap-0.5 text-xs">
            {detail.sources.map((source) => (
              <li key={`${source.url} ${source.date}`} className="break-all">
                <a
                  href={source.url}
                  target="_blank"
                  rel="noreferrer"
                  className="underline underline-offset-2"
                >
                  {source.url}
                </a>{" "}
                <span className="text-muted-foreground">snapshot {source.date}</span>
              </li>
            ))}
          </ul>
        </section>
      </div>
      <div className="flex items-center gap-2">
        <Button variant="outline" size="sm" onClick={copy}>
          {copied === "copied" ? <Check aria-hidden /> : <Copy aria-hidden />}
          Copy details
        </Button>
        <span role="status" className="text-xs text-muted-foreground">
          {copied === "copied"
            ? "Copied as text."
            : copied === "failed"
              ? "The browser refused the clipboard: the details are selected, press Ctrl+C."
              : ""}
        </span>
      </div>
    </>
  );
}
