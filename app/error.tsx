"use client";

import { StandaloneFrame } from "@/components/standalone-frame";
import { ErrorNotice } from "@/components/status/error-notice";

/** A failure while building the app shell itself (for example the database is down). */
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <StandaloneFrame width="wide">
      <ErrorNotice digest={error.digest} onRetry={reset} />
    </StandaloneFrame>
  );
}
