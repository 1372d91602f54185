import { sharedDownloadRoute } from "../shared-download";

export const dynamic = "force-dynamic";

/** Every table of the shared report as CSV (formula-neutralised), streamed and recorded in the audit log. */
export const GET = sharedDownloadRoute("csv");
