import type { Metadata } from "next";

import { NotFoundNotice } from "@/components/status/not-found-notice";

export const metadata: Metadata = { title: "Page not found" };

/** A page that called notFound() (for example an unknown run id), inside the shell. */
export default function NotFound() {
  return <NotFoundNotice />;
}
