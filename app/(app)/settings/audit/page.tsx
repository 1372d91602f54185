import { ScrollText } from "lucide-react";
import type { Metadata } from "next";

import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import {
  AuditFilters,
  AuditPager,
  AuditTable,
  type AuditActionPrefix,
} from "@/components/settings/audit-log";
import { formatDateTime } from "@/lib/format";
import { listAuditEvents } from "@/lib/server/domain/audit";
import { getDb } from "@/lib/server/ops/db";
import { requirePageCaller } from "@/lib/server/http/session";

export const metadata: Metadata = { title: "Audit log" };

const PATH = "/settings/audit";
const PAGE_SIZE = 50;

const ACTION_PREFIXES: readonly AuditActionPrefix[] = [
  { value: "auth.", label: "Sign-ins and passwords (auth.)" },
  { value: "user.", label: "Users and roles (user.)" },
  { value: "credential.", label: "Provider credentials (credential.)" },
  { value: "schedule.", label: "Scheduled runs (schedule.)" },
  { value: "alert_channel.", label: "Alert channels (alert_channel.)" },
];

type SearchParams = Record<string, string | string[] | undefined>;

function single(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

function auditHref(params: {
  action: string;
  actor: string;
  before?: Date;
  beforeId?: string;
}): string {
  const query = new URLSearchParams();
  if (params.action) query.set("action", params.action);
  if (params.actor) query.set("actor", params.actor);
  if (params.before) query.set("before", params.before.toISOString());
  if (params.before && params.beforeId) query.set("beforeId", params.beforeId);
  const text = query.toString();
  return text ? `${PATH}?${text}` : PATH;
}

export default async function AuditLogPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const caller = await requirePageCaller("admin");
  const params = await searchParams;

  // Unknown values are ignored rather than refused: the address is typed by people.
  const requestedAction = single(params.action);
  const action = ACTION_PREFIXES.some((prefix) => prefix.value === requestedAction)
    ? requestedAction
    : "";
  const actor = single(params.actor).trim().slice(0, 254);
  const beforeText = single(params.before);
  const before = Number.isNaN(Date.parse(beforeText)) ? undefined : new Date(beforeText);
  const beforeId = single(params.beforeId).slice(0, 64) || undefined;

  // One row more than a page tells whether an older page exists.
  const rows = await listAuditEvents(caller, getDb(), {
    action: action || undefined,
    actor: actor || undefined,
    before,
    beforeId,
    limit: PAGE_SIZE + 1,
  });
  const page = rows.slice(0, PAGE_SIZE);
  const last = page.at(-1);
  const olderHref =
    rows.length > PAGE_SIZE && last
      ? auditHref({ action, actor, before: last.at, beforeId: last.id })
      : null;
  const newestHref = before ? auditHref({ action, actor }) : null;
  const isFiltered = Boolean(action || actor);

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who did what and when: sign-ins and failed attempts, sign-outs, password, account, role and credential changes. Newest first; times in UTC."
      />
      <AuditFilters path={PATH} prefixes={ACTION_PREFIXES} action={action} actor={actor} />
      {page.length ? (
        <section aria-labelledby="audit-events-heading" className="flex flex-col gap-3">
          <h2 id="audit-events-heading" className="text-sm text-muted-foreground">
            {page.length === 1 ? "1 event" : `${page.length} events`}
            {before ? ` before ${formatDateTime(before)}` : ", the most recent"}
            {isFiltered ? " matching the filters" : ""}
          </h2>
          <AuditTable rows={page} />
          <AuditPager newestHref={newestHref} olderHref={olderHref} />
        </section>
      ) : (
        <EmptyState
          icon={ScrollText}
          title={isFiltered || before ? "No events match" : "No events yet"}
          description={
            isFiltered || before
              ? "Nothing in the audit log matches these filters. Try another action, a shorter part of the email, or clear the filters."
              : "Sign-ins, account changes and credential changes are recorded here as they happen."
          }
        >
          {newestHref ? <AuditPager newestHref={newestHref} olderHref={null} /> : null}
        </EmptyState>
      )}
    </>
  );
}
