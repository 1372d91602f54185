import { signedInDownload } from "../signed-in-download";

export const dynamic = "force-dynamic";

/** The report as Markdown, streamed and recorded in the audit log. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return signedInDownload(params, "markdown");
}
