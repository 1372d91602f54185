import type { Metadata } from "next";

import { StandaloneFrame } from "@/components/standalone-frame";
import { ForbiddenNotice } from "@/components/status/forbidden-notice";

export const metadata: Metadata = { title: "You need a different role" };

/** 403 outside the app shell; pages inside it use `(app)/forbidden.tsx`, which keeps the shell. */
export default function Forbidden() {
  return (
    <StandaloneFrame width="wide">
      <ForbiddenNotice />
    </StandaloneFrame>
  );
}
