"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

import type { ServerAction } from "@/components/forms/action-result";
import { ActionStatus, SubmitButton, TextField } from "@/components/forms/fields";
import { UNREACHABLE_SHORT_MESSAGE, useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";

export type ShareLinkItem = {
  id: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  isActive: boolean;
};

type Created = { id: string; token: string; expiresAt: string };

const when = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

/**
 * Share links of one report: create one (the address is shown once, since only a hash of its
 * token is kept), see each link's expiry, revoke it.
 */
export function ShareLinksPanel({
  reportId,
  links,
  defaultDays,
  maxDays,
  canManage,
  createShareLink,
  revokeShareLink,
}: {
  reportId: string;
  links: ShareLinkItem[];
  defaultDays: number;
  maxDays: number;
  canManage: boolean;
  createShareLink: ServerAction<{ reportId: string; days: string }, Created>;
  revokeShareLink: ServerAction<{ reportId: string; linkId: string }, { id: string }>;
}) {
  const router = useRouter();
  const [created, setCreated] = useState<{ url: string; expiresAt: string } | null>(null);
  const { isPending, errors, status, setStatus, handleSubmit } = useActionForm({
    unreachableMessage: UNREACHABLE_SHORT_MESSAGE,
  });

  const create = handleSubmit({
    read: (data) => ({ ok: true, input: { reportId, days: String(data.get("days") ?? "") } }),
    send: createShareLink,
    onSuccess: (link) => {
      const url = new URL(
        `/share/${encodeURIComponent(link.token)}`,
        window.location.origin,
      ).toString();
      setCreated({ url, expiresAt: link.expiresAt });
      router.refresh();
    },
  });

  async function revoke(linkId: string) {
    setStatus(null);
    try {
      const result = await revokeShareLink({ reportId, linkId });
      setStatus(
        result.ok
          ? { text: "Link revoked: it is refused from now on.", variant: "success" }
          : { text: result.error.message, variant: "error" },
      );
      if (result.ok) router.refresh();
    } catch {
      setStatus({ text: UNREACHABLE_SHORT_MESSAGE, variant: "error" });
    }
  }

  return (
    <section aria-labelledby="share-links" className="flex flex-col gap-3 rounded-xl border p-4">
      <h2 id="share-links" className="text-lg font-semibold">
        Share links
      </h2>
      <p className="max-w-prose text-sm text-muted-foreground">
        A share link opens this report read-only, without an account, and nothing else. It stops
        working when it expires or is revoked.
      </p>
      <ActionStatus status={status} />
      {created ? (
        <div className="flex flex-col gap-1 rounded-lg border border-primary/40 bg-accent/40 p-3 text-sm">
          <p className="font-medium">
            New link (copy it now: it is not shown again), valid until {when(created.expiresAt)}:
          </p>
          <input
            readOnly
            aria-label="New share link"
            value={created.url}
            onFocus={(event) => event.currentTarget.select()}
            className="rounded-md border bg-background px-2 py-1 font-mono text-xs"
          />
        </div>
      ) : null}
      {canManage ? (
        <form
          onSubmit={create}
          aria-label="Create a share link"
          className="flex flex-wrap items-end gap-3"
          noValidate
        >
          <TextField
            label="Valid for (days)"
            name="days"
            type="number"
            min={1}
            max={maxDays}
            step={1}
            defaultValue={String(defaultDays)}
            error={errors.days}
            className="w-40"
          />
          <SubmitButton isPending={isPending} pendingLabel="Creating…">
            Create share link
          </SubmitButton>
        </form>
      ) : (
        <p className="text-sm text-muted-foreground">Analysts and above can create share links.</p>
      )}
      {links.length === 0 ? (
        <p className="text-sm text-muted-foreground">No share link yet.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Share links of this report</caption>
          <thead>
            <tr className="border-b">
              {["Created", "Expires", "Status", ""].map((head, index) => (
                <th key={index} scope="col" className="py-1 pr-3 font-medium text-muted-foreground">
                  {head}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {links.map((link) => (
              <tr key={link.id} className="border-b last:border-0">
                <td className="py-1 pr-3">{when(link.createdAt)}</td>
                <td className="py-1 pr-3">{when(link.expiresAt)}</td>
                <td className="py-1 pr-3">
                  {link.isActive
                    ? "Active"
                    : link.revokedAt
                      ? `Revoked ${when(link.revokedAt)}`
                      : "Expired"}
                </td>
                <td className="py-1">
                  {canManage && link.isActive ? (
                    <Button
                      variant="outline"
                      size="sm"
                      onClick={() => revoke(link.id)}
                      aria-label={`Revoke the link created ${when(link.createdAt)}`}
                    >
                      Revoke
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
