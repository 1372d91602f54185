import { signedInDownloadRoute } from "../signed-in-download";

export const dynamic = "force-dynamic";

/** The data behind every chart of the report as JSON, streamed and recorded in the audit log. */
export const GET = signedInDownloadRoute("json");
