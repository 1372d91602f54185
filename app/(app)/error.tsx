"use client";

import { ErrorNotice } from "@/components/status/error-notice";

/** A page that failed on the server, inside the shell so the navigation still works. */
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <ErrorNotice digest={error.digest} onRetry={reset} />;
}
