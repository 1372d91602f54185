import { sharedDownload } from "../shared-download";

export const dynamic = "force-dynamic";

/** Every table of the shared report as CSV (formula-neutralised), streamed and recorded in the audit log. */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  return sharedDownload(params, "csv");
}
