import type { Metadata } from "next";

import { ForbiddenNotice } from "@/components/status/forbidden-notice";

export const metadata: Metadata = { title: "You need a different role" };

/** 403 for a page the caller's role does not include, inside the shell so they can go elsewhere. */
export default function Forbidden() {
  return <ForbiddenNotice />;
}
