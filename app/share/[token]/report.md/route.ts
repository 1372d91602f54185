import { sharedDownloadRoute } from "../shared-download";

export const dynamic = "force-dynamic";

/** The shared report as Markdown, streamed and recorded in the audit log. */
export const GET = sharedDownloadRoute("markdown");
