import { ChevronLeft, ChevronRight } from "lucide-react";
import Form from "next/form";
import Link from "next/link";

import { formatAuditDetail } from "@/components/format";
import { formatDateTime } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";

export interface AuditActionPrefix {
  value: string;
  label: string;
}

interface AuditFiltersProps {
  path: string;
  prefixes: readonly AuditActionPrefix[];
  action: string;
  actor: string;
}

/** Filters as a GET form: the address holds them, so a filtered view can be bookmarked or shared. */
export function AuditFilters({ path, prefixes, action, actor }: AuditFiltersProps) {
  const isFiltered = Boolean(action || actor);
  return (
    <Form
      action={path}
      role="search"
      aria-label="Filter the audit log"
      className="flex flex-col gap-4 rounded-xl border bg-card p-4 shadow-xs sm:flex-row sm:items-end"
    >
      <div className="flex flex-col gap-2 sm:w-64">
        <Label htmlFor="audit-action">Action</Label>
        <NativeSelect id="audit-action" name="action" defaultValue={action}>
          <option value="">All actions</option>
          {prefixes.map((prefix) => (
            <option key={prefix.value} value={prefix.value}>
              {prefix.label}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="flex flex-col gap-2 sm:w-64">
        <Label htmlFor="audit-actor">Actor email contains</Label>
        <Input
          id="audit-actor"
          name="actor"
          type="search"
          defaultValue={actor}
          maxLength={254}
          spellCheck={false}
          autoComplete="off"
        />
      </div>
      <div className="flex gap-2">
        <Button type="submit">Filter</Button>
        {isFiltered ? (
          <Button asChild variant="ghost">
            <Link href={path}>Clear</Link>
          </Button>
        ) : null}
      </div>
    </Form>
  );
}

export interface AuditRow {
  id: string;
  at: Date;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  detail: unknown;
  ipAddress: string | null;
}

function Missing() {
  return (
    <span className="text-muted-foreground">
      <span aria-hidden>—</span>
      <span className="sr-only">none</span>
    </span>
  );
}

function Target({ type, id }: { type: string | null; id: string | null }) {
  if (!type && !id) return <Missing />;
  const isLong = (id?.length ?? 0) > 12;
  return (
    <span className="flex flex-col">
      {type ? <span>{type}</span> : null}
      {id ? (
        <code
          className="text-xs whitespace-nowrap text-muted-foreground"
          title={isLong ? id : undefined}
        >
          {isLong ? `${id.slice(0, 8)}…` : id}
        </code>
      ) : null}
    </span>
  );
}

/** One page of the audit log, newest first. */
export function AuditTable({ rows }: { rows: readonly AuditRow[] }) {
  return (
    <div className="overflow-x-auto rounded-xl border bg-card shadow-xs">
      <table className="w-full text-sm">
        <caption className="sr-only">Audit events, newest first, times in UTC</caption>
        <thead className="border-b bg-muted/50 text-left text-muted-foreground">
          <tr>
            {["Time (UTC)", "Actor", "Action", "Target", "Detail", "IP address"].map((column) => (
              <th key={column} scope="col" className="px-4 py-3 font-medium whitespace-nowrap">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y">
          {rows.map((row) => {
            const detail = formatAuditDetail(row.detail);
            return (
              <tr key={row.id} className="align-top">
                <td className="min-w-28 px-4 py-3 tabular-nums">
                  <time dateTime={row.at.toISOString()}>{formatDateTime(row.at)}</time>
                </td>
                <td className="px-4 py-3 whitespace-nowrap">{row.actorEmail ?? <Missing />}</td>
                <td className="px-4 py-3 whitespace-nowrap">
                  <code className="rounded bg-muted px-1.5 py-0.5 text-xs">{row.action}</code>
                </td>
                <td className="px-4 py-3">
                  <Target type={row.targetType} id={row.targetId} />
                </td>
                <td className="min-w-48 px-4 py-3 font-mono text-xs break-words">
                  {detail || <Missing />}
                </td>
                <td className="px-4 py-3 font-mono text-xs whitespace-nowrap">
                  {row.ipAddress ?? <Missing />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** "Newest" and "Older" links; older pages are addressed by the time of the last row shown. */
export function AuditPager({
  newestHref,
  olderHref,
}: {
  newestHref: string | null;
  olderHref: string | null;
}) {
  if (!newestHref && !olderHref) return null;
  return (
    <nav aria-label="Audit log pages" className="flex justify-between gap-2">
      {newestHref ? (
        <Button asChild variant="outline" size="sm">
          <Link href={newestHref}>
            <ChevronLeft aria-hidden />
            Newest
          </Link>
        </Button>
      ) : (
        <span />
      )}
      {olderHref ? (
        <Button asChild variant="outline" size="sm">
          <Link href={olderHref}>
            Older
            <ChevronRight aria-hidden />
          </Link>
        </Button>
      ) : null}
    </nav>
  );
}
