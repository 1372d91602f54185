import { signedInDownload } from "../signed-in-download";

export const dynamic = "force-dynamic";

/** The data behind every chart of the report as JSON, streamed and recorded in the audit log. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return signedInDownload(params, "json");
}
