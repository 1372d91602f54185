import { sharedDownload } from "../shared-download";

export const dynamic = "force-dynamic";

/** The shared report as Markdown, streamed and recorded in the audit log. */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  return sharedDownload(params, "markdown");
}
