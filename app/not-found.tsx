import type { Metadata } from "next";

import { StandaloneFrame } from "@/components/standalone-frame";
import { NotFoundNotice } from "@/components/status/not-found-notice";

export const metadata: Metadata = { title: "Page not found" };

/** An address that matches no page; outside the app shell, which needs no session here. */
export default function NotFound() {
  return (
    <StandaloneFrame width="wide">
      <NotFoundNotice />
    </StandaloneFrame>
  );
}
