"use client";

import { SearchX } from "lucide-react";
import Link from "next/link";

import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";

/**
 * The 404 page's content. A client component for the same reason as `ForbiddenNotice`: a layout's
 * not-found boundary goes into every page's component payload, as a reference instead of markup.
 */
export function NotFoundNotice() {
  return (
    <>
      <PageHeader title="Page not found" description="There is no page at this address." />
      <EmptyState
        icon={SearchX}
        title="Nothing here"
        description="The link may be out of date, or the address mistyped. Every area is in the navigation."
      >
        <Button asChild variant="outline">
          <Link href="/">Go to the overview</Link>
        </Button>
      </EmptyState>
    </>
  );
}
