import { signedInDownload } from "../signed-in-download";

export const dynamic = "force-dynamic";

/** Every table of the report as CSV (formula-neutralised), streamed and recorded in the audit log. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return signedInDownload(params, "csv");
}
