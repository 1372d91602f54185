import { TriangleAlert } from "lucide-react";

import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";

/**
 * Shown when a page fails on the server. The cause is in the server log (with the digest); the
 * browser gets no exception text.
 */
export function ErrorNotice({ digest, onRetry }: { digest?: string; onRetry: () => void }) {
  return (
    <>
      <PageHeader title="Something went wrong" description="This page could not be loaded." />
      <EmptyState
        icon={TriangleAlert}
        title="The server could not build this page"
        description="Often the database is unreachable or restarting. Check /api/health; the server log has the details."
        nextStep={digest ? `Reference for the server log: ${digest}` : undefined}
      >
        <Button onClick={onRetry}>Try again</Button>
      </EmptyState>
    </>
  );
}
