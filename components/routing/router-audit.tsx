import { SimulatedBadge } from "@/components/runs/run-badges";
import type { RouterAuditView } from "@/lib/views/router-audit";

/** Colours of the non-owner groups in a share bar; the owner's group is always the first. */
const OWNER_COLOR = "oklch(0.6 0.19 25)";
const OTHER_COLORS = [
  "oklch(0.58 0.16 268)",
  "oklch(0.62 0.15 150)",
  "oklch(0.68 0.15 70)",
  "oklch(0.64 0.12 220)",
  "oklch(0.6 0.17 320)",
];

/**
 * The measured neutrality audit of a run's cloud routers: per router, the headline against the
 * neutral policy, where its calls went (a share bar with its numbers written beside it, so it
 * reads in print and to a screen reader), what its pool alone would do, and the offerings its
 * pool shuts out. Every sentence comes from lib/views/router-audit.
 */
export function RouterAuditList({
  audits,
  isSimulated,
  headingLevel = 3,
}: {
  audits: RouterAuditView[];
  isSimulated: boolean;
  headingLevel?: 3 | 4;
}) {
  const Heading = headingLevel === 3 ? "h3" : "h4";
  return (
    <ul className="flex flex-col gap-4" aria-label="Routers audited">
      {audits.map((audit) => {
        let other = 0;
        const colored = audit.shares.map((share) => ({
          ...share,
          color: share.isOwnerGroup ? OWNER_COLOR : OTHER_COLORS[other++ % OTHER_COLORS.length]!,
        }));
        return (
          <li
            key={audit.id}
            className="flex flex-col gap-2 rounded-xl border p-4 break-inside-avoid"
            data-testid="router-audit"
          >
            <div className="flex flex-wrap items-center gap-2">
              <Heading className="text-base font-semibold">{audit.title}</Heading>
              {isSimulated ? <SimulatedBadge /> : null}
            </div>
            <p className="max-w-prose font-medium" data-testid="router-audit-headline">
              {audit.headline}
            </p>
            {colored.length > 0 ? (
              <div className="flex flex-col gap-1">
                <div
                  className="flex h-4 w-full max-w-xl overflow-hidden rounded"
                  aria-hidden="true"
                >
                  {colored.map((share) => (
                    <div
                      key={share.group}
                      style={{ width: `${share.fraction * 100}%`, background: share.color }}
                    />
                  ))}
                </div>
                <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label="Calls by group">
                  {colored.map((share) => (
                    <li key={share.group} className="flex items-center gap-1.5">
                      <span
                        aria-hidden="true"
                        className="inline-block size-2.5 rounded-sm"
                        style={{ background: share.color }}
                      />
                      <span className={share.isOwnerGroup ? "font-medium" : undefined}>
                        {share.group}
                      </span>
                      <span className="tabular-nums">
                        {share.share} ({share.calls})
                      </span>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <ul className="flex max-w-prose list-disc flex-col gap-1 pl-5 text-sm">
              <li>{audit.shareSentence}</li>
              <li>{audit.poolSentence}</li>
              {audit.referenceSentence ? <li>{audit.referenceSentence}</li> : null}
              {audit.unmappedSentence ? <li>{audit.unmappedSentence}</li> : null}
            </ul>
            <details className="text-sm">
              <summary className="cursor-pointer">
                Offerings the pool cannot reach that beat it ({audit.unreachable.length})
              </summary>
              {audit.unreachable.length > 0 ? (
                <ul className="mt-1 flex max-w-prose list-disc flex-col gap-1 pl-5">
                  {audit.unreachable.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              ) : (
                <p className="mt-1 text-muted-foreground">{audit.unreachableNone}</p>
              )}
            </details>
          </li>
        );
      })}
    </ul>
  );
}
