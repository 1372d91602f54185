import { sharedDownloadRoute } from "../shared-download";

export const dynamic = "force-dynamic";

/** The data behind every chart of the shared report as JSON, streamed and recorded in the audit log. */
export const GET = sharedDownloadRoute("json");
