import { Info } from "lucide-react";

import { Alert } from "@/components/ui/alert";
import type { LaunchDraft } from "@/lib/schemas/runs";

/**
 * Where the form's starting values came from ("Launch again", editing a schedule), and what could
 * not be carried over because it cannot run now.
 */
export function DraftNotice({
  draft,
  message,
  lead = "Check them, change what you need, and launch: this makes a new run.",
  heading,
}: {
  draft: LaunchDraft | undefined;
  message: string | null;
  /** The line under the heading. */
  lead?: string;
  /** The heading when there is a draft; "Settings copied from the run …" by default. */
  heading?: string;
}) {
  return message || draft ? (
    <Alert variant="info" role="status">
      <Info aria-hidden />
      <div>
        <p className="font-medium">
          {draft ? (heading ?? `Settings copied from the run “${draft.sourceRunName}”`) : message}
        </p>
        {draft ? <p>{lead}</p> : null}
        {draft && draft.leftOut.length > 0 ? (
          <>
            <p className="mt-2 font-medium">Not carried over, because it cannot run now:</p>
            <ul className="list-disc pl-5">
              {draft.leftOut.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </Alert>
  ) : null;
}
