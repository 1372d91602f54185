"use client";

import { CircleCheck, FlaskConical, KeyRound, Pencil, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type ReactNode } from "react";
import { flushSync } from "react-dom";

import type { ServerAction } from "@/components/forms/action-result";
import { ActionStatus } from "@/components/forms/fields";
import { UNREACHABLE_MESSAGE, type FormMessage } from "@/components/forms/use-action-form";
import { formatDay } from "@/lib/format";
import { CredentialForm, type SaveCredential } from "@/components/settings/credential-form";
import {
  BEDROCK_AUTH_MODE_LABELS,
  bedrockAuthModeSchema,
  CREDENTIAL_FIELD_LABELS,
  CREDENTIAL_FIELDS,
  getShownLastFour,
  listStoredSecrets,
} from "@/components/settings/credential-fields";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { CredentialKind } from "@/lib/schemas/credentials";

export interface StoredCredential {
  kind: CredentialKind;
  settings: Record<string, string>;
  /** Secret field to its last four characters ("" when too short to show any). */
  secretHints: Record<string, string>;
  updatedAt: Date;
}

export interface PlatformCredentialsRow {
  id: string;
  name: string;
  /** The kind of credential the platform takes; null when Crossbench cannot connect to it yet. */
  kind: CredentialKind | null;
  /** The server environment variables that can configure it instead; null when none can. */
  environment: string | null;
  credential: StoredCredential | null;
}

type DeleteCredential = ServerAction<{ platformId: string }, unknown>;

function StatusRow({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex flex-wrap gap-x-1.5">
      <dt className="text-muted-foreground">{term}</dt> <dd className="break-all">{children}</dd>
    </div>
  );
}

/** What is stored, without a secret: the settings and the last four characters of each key. */
function ConfiguredStatus({ credential }: { credential: StoredCredential }) {
  const secrets = listStoredSecrets(credential.kind, credential.secretHints);
  const settings = CREDENTIAL_FIELDS.filter((field) => credential.settings[field]);
  return (
    <dl className="flex flex-col gap-1 text-sm">
      {settings.map((field) => {
        const value = credential.settings[field] ?? "";
        const authMode = bedrockAuthModeSchema.safeParse(value);
        return (
          <StatusRow key={field} term={CREDENTIAL_FIELD_LABELS[field]}>
            {field === "authMode" && authMode.success ? (
              BEDROCK_AUTH_MODE_LABELS[authMode.data]
            ) : (
              <span className="font-mono">{value}</span>
            )}
          </StatusRow>
        );
      })}
      {secrets.map((field) => {
        const lastFour = getShownLastFour(credential.secretHints, field);
        return (
          <StatusRow key={field} term={CREDENTIAL_FIELD_LABELS[field]}>
            {lastFour ? (
              <>
                ending in <span className="font-mono">{lastFour}</span>
              </>
            ) : (
              "set"
            )}
          </StatusRow>
        );
      })}
      <StatusRow term="Updated">
        <time dateTime={credential.updatedAt.toISOString()}>{formatDay(credential.updatedAt)}</time>
      </StatusRow>
    </dl>
  );
}

interface PlatformCredentialsProps {
  platform: PlatformCredentialsRow;
  saveCredential: SaveCredential;
  deleteCredential: DeleteCredential;
}

/**
 * One platform: whether runs on it are real or simulated, what is stored, and the form to change
 * it, which opens on request so that twelve platforms stay readable.
 */
export function PlatformCredentials({
  platform,
  saveCredential,
  deleteCredential,
}: PlatformCredentialsProps) {
  const router = useRouter();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const [isEditing, setIsEditing] = useState(false);
  const [isConfirmingRemove, setIsConfirmingRemove] = useState(false);
  const [isRemoving, setIsRemoving] = useState(false);
  const [status, setStatus] = useState<FormMessage | null>(null);
  const { credential, kind } = platform;

  function closeForm() {
    flushSync(() => setIsEditing(false));
    editRef.current?.focus();
  }

  function cancelRemove() {
    flushSync(() => setIsConfirmingRemove(false));
    removeRef.current?.focus();
  }

  async function confirmRemove() {
    if (isRemoving) return;
    setIsRemoving(true);
    try {
      const result = await deleteCredential({ platformId: platform.id });
      flushSync(() => {
        setIsRemoving(false);
        setIsConfirmingRemove(false);
        setStatus(
          result.ok
            ? {
                text: "Removed. Runs on this platform now use the simulated platform.",
                variant: "success",
              }
            : { text: result.error.message, variant: "error" },
        );
      });
      // The buttons that had focus are gone; the heading keeps the user in this section.
      headingRef.current?.focus();
      router.refresh();
    } catch {
      setIsRemoving(false);
      setStatus({ text: UNREACHABLE_MESSAGE, variant: "error" });
    }
  }

  return (
    <section
      aria-labelledby={headingId}
      className="rounded-xl border bg-card text-card-foreground shadow-xs"
    >
      <div className="flex flex-col gap-4 p-5 sm:flex-row sm:items-start sm:justify-between">
        <div className="flex min-w-0 flex-col gap-2">
          <div className="flex flex-wrap items-center gap-2">
            <h2
              id={headingId}
              ref={headingRef}
              tabIndex={-1}
              className="text-base font-semibold focus:outline-none"
            >
              {platform.name}
            </h2>
            {credential ? (
              <Badge>
                <CircleCheck aria-hidden className="size-3" />
                Configured
              </Badge>
            ) : (
              <Badge variant="secondary">
                <FlaskConical aria-hidden className="size-3" />
                simulated
              </Badge>
            )}
          </div>
          {credential ? (
            <ConfiguredStatus credential={credential} />
          ) : (
            <p className="text-sm text-muted-foreground">
              {kind
                ? "Not configured — runs on this platform use the simulated platform."
                : "Crossbench cannot connect to this platform yet — runs on it use the simulated platform."}
            </p>
          )}
          {platform.environment ? (
            <p className="text-sm text-muted-foreground">
              Environment variables:{" "}
              <span className="font-mono break-all">{platform.environment}</span> (used when nothing
              is stored here).
            </p>
          ) : null}
        </div>
        {kind && !isEditing ? (
          <div className="flex shrink-0 flex-wrap items-center gap-2">
            {isConfirmingRemove ? (
              <>
                <p className="text-sm">Remove the stored credentials?</p>
                <Button
                  ref={confirmRef}
                  variant="outline"
                  aria-disabled={isRemoving || undefined}
                  onClick={confirmRemove}
                  className="border-destructive/50 text-destructive hover:bg-destructive/10 hover:text-destructive aria-disabled:cursor-progress aria-disabled:opacity-70"
                >
                  {isRemoving ? "Removing…" : "Confirm remove"}
                </Button>
                <Button variant="ghost" onClick={cancelRemove}>
                  Cancel
                </Button>
              </>
            ) : (
              <>
                <Button
                  ref={editRef}
                  variant="outline"
                  onClick={() => {
                    setStatus(null);
                    setIsEditing(true);
                  }}
                >
                  {credential ? (
                    <>
                      <Pencil aria-hidden />
                      <span>
                        Edit<span className="sr-only"> {platform.name} credentials</span>
                      </span>
                    </>
                  ) : (
                    <>
                      <KeyRound aria-hidden />
                      <span>
                        Add<span className="sr-only"> {platform.name}</span> credentials
                      </span>
                    </>
                  )}
                </Button>
                {credential ? (
                  <Button
                    ref={removeRef}
                    variant="ghost"
                    onClick={() => {
                      setStatus(null);
                      flushSync(() => setIsConfirmingRemove(true));
                      confirmRef.current?.focus();
                    }}
                  >
                    <Trash2 aria-hidden />
                    <span>
                      Remove<span className="sr-only"> {platform.name} credentials</span>
                    </span>
                  </Button>
                ) : null}
              </>
            )}
          </div>
        ) : null}
      </div>
      <div className="px-5">
        <ActionStatus status={status} />
      </div>
      {kind && isEditing ? (
        <div className="border-t p-5">
          <CredentialForm
            platform={platform}
            kind={kind}
            settings={credential?.settings ?? {}}
            secretHints={credential?.secretHints ?? {}}
            saveCredential={saveCredential}
            onClose={closeForm}
          />
        </div>
      ) : null}
    </section>
  );
}
