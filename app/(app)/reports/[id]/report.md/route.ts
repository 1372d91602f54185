import { signedInDownloadRoute } from "../signed-in-download";

export const dynamic = "force-dynamic";

/** The report as Markdown, streamed and recorded in the audit log. */
export const GET = signedInDownloadRoute("markdown");
