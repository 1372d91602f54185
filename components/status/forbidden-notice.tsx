"use client";

import { ShieldAlert } from "lucide-react";
import Link from "next/link";

import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { formatRole } from "@/components/role-badge";
import { Button } from "@/components/ui/button";
import { ROLE_DESCRIPTIONS, ROLES } from "@/lib/schemas/roles";

/**
 * The 403 page: which roles exist and what each may do, and who can change yours. A client
 * component although it has no state: Next.js puts a layout's forbidden boundary into every page's
 * component payload, and a client component goes there as a reference (a few bytes) where server
 * markup was about 4 KB per boundary, on every request of every page.
 */
export function ForbiddenNotice() {
  return (
    <>
      <PageHeader
        title="You need a different role"
        description="Your account is signed in, but its role does not include this page."
      />
      <EmptyState
        icon={ShieldAlert}
        title="Roles in Crossbench"
        description="Each role includes everything the roles before it may do."
        nextStep="An administrator can change your role under Settings, Users."
      >
        <div className="flex flex-col gap-6">
          <dl className="divide-y rounded-lg border bg-card">
            {ROLES.map((role) => (
              <div key={role} className="flex flex-col gap-1 p-4 sm:flex-row sm:gap-4">
                <dt className="font-medium sm:w-24 sm:shrink-0">{formatRole(role)}</dt>
                <dd className="text-sm text-muted-foreground">{ROLE_DESCRIPTIONS[role]}</dd>
              </div>
            ))}
          </dl>
          <Button asChild variant="outline" className="self-start">
            <Link href="/">Go to the overview</Link>
          </Button>
        </div>
      </EmptyState>
    </>
  );
}
