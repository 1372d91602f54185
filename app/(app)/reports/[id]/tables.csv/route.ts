import { signedInDownloadRoute } from "../signed-in-download";

export const dynamic = "force-dynamic";

/** Every table of the report as CSV (formula-neutralised), streamed and recorded in the audit log. */
export const GET = signedInDownloadRoute("csv");
