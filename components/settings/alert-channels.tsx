"use client";

import { BellOff, BellRing, Send, Trash2, Webhook } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { flushSync } from "react-dom";

import type { ServerAction } from "@/components/forms/action-result";
import { EmptyState } from "@/components/empty-state";
import { ActionStatus, FormStatus } from "@/components/forms/fields";
import { UNREACHABLE_SHORT_MESSAGE, useActionForm } from "@/components/forms/use-action-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { formatDateTime, formatDay } from "@/lib/format";
import type { AlertDeliveryStatus, AlertKind } from "@/lib/schemas/alerts";
import { ALERT_KIND_LABELS, describeDeliveryOutcome } from "@/lib/views/alerts";

/** What a channel shows of its most recent delivery. */
export interface AlertChannelLastDelivery {
  id: string;
  kind: AlertKind;
  status: AlertDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
}

export interface AlertChannelRow {
  id: string;
  name: string;
  /** The URL's host: the full URL is never sent to the browser. */
  host: string;
  isEnabled: boolean;
  /** The secret's last four characters ("" when too short to show); null when unreadable. */
  secretHint: string | null;
  isSecretReadable: boolean;
  createdAt: Date;
  lastDelivery: AlertChannelLastDelivery | null;
}

type ChannelAction<I, T = unknown> = ServerAction<I, T>;

export interface AlertChannelActions {
  setEnabled: ChannelAction<{ channelId: string; isEnabled: boolean }>;
  deleteChannel: ChannelAction<{ channelId: string }>;
  sendTest: ChannelAction<{ channelId: string }, { deliveryId: string }>;
}

/** How long the page keeps refreshing for a test message's first attempt. */
const WATCH_TEST_MS = 30_000;
const REFRESH_EVERY_MS = 1_500;

function StatusRow({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex flex-wrap gap-x-1.5">
      <dt className="text-muted-foreground">{term}</dt> <dd className="break-all">{children}</dd>
    </div>
  );
}

function SecretStatus({ channel }: { channel: AlertChannelRow }) {
  if (!channel.isSecretReadable) {
    return (
      <span className="text-destructive">
        sealed under a key this server no longer has; delete the channel and add it again
      </span>
    );
  }
  return channel.secretHint ? (
    <>
      ending in <span className="font-mono">{channel.secretHint}</span>
    </>
  ) : (
    "set"
  );
}

/** The notice of a test message: waiting for its first attempt, or what that attempt did. */
function testNotice(
  sent: AlertChannelLastDelivery | null,
  hasTimedOut: boolean,
): { text: string; variant: "success" | "error" | "info" } {
  if (sent && !(sent.status === "pending" && sent.attempts === 0)) {
    return {
      text: `Test message: ${describeDeliveryOutcome(sent)}`,
      variant:
        sent.status === "delivered" ? "success" : sent.status === "failed" ? "error" : "info",
    };
  }
  return hasTimedOut
    ? {
        text: "No worker has sent the test message yet. Workers send alerts: check that one is running (npm start runs one, npm run worker starts more). It is sent as soon as one is.",
        variant: "info",
      }
    : { text: "Test message queued; waiting for a worker to send it…", variant: "info" };
}

function ChannelItem({
  channel,
  actions,
  onDeleted,
}: {
  channel: AlertChannelRow;
  actions: AlertChannelActions;
  onDeleted: (name: string) => void;
}) {
  const router = useRouter();
  const headingId = useId();
  const deleteRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const [isConfirmingDelete, setIsConfirmingDelete] = useState(false);
  const [testSent, setTestSent] = useState<{ deliveryId: string } | null>(null);
  const [hasTimedOut, setHasTimedOut] = useState(false);
  const { isPending, status, setStatus, run } = useActionForm({
    unreachableMessage: UNREACHABLE_SHORT_MESSAGE,
  });

  const sent =
    testSent && channel.lastDelivery?.id === testSent.deliveryId ? channel.lastDelivery : null;
  const isWaiting =
    testSent !== null && !hasTimedOut && (!sent || (sent.status === "pending" && !sent.attempts));

  // A worker sends the test message within seconds: show its outcome without a manual reload.
  useEffect(() => {
    if (!isWaiting) return;
    const refresh = setInterval(() => router.refresh(), REFRESH_EVERY_MS);
    const stop = setTimeout(() => setHasTimedOut(true), WATCH_TEST_MS);
    return () => {
      clearInterval(refresh);
      clearTimeout(stop);
    };
  }, [isWaiting, router]);

  function sendTest() {
    setTestSent(null);
    setHasTimedOut(false);
    void run({
      send: () => actions.sendTest({ channelId: channel.id }),
      onSuccess: ({ deliveryId }) => {
        setTestSent({ deliveryId });
        router.refresh();
      },
    });
  }

  function toggle() {
    setTestSent(null);
    const isEnabled = !channel.isEnabled;
    void run({
      send: () => actions.setEnabled({ channelId: channel.id, isEnabled }),
      onSuccess: () => {
        router.refresh();
        return {
          text: isEnabled
            ? "Enabled: regressions are sent to this channel."
            : "Disabled: no regressions are sent to this channel until it is enabled again.",
          variant: "success",
        };
      },
    });
  }

  function confirmDelete() {
    void run({
      send: () => actions.deleteChannel({ channelId: channel.id }),
      onRefused: () => setIsConfirmingDelete(false),
      onSuccess: () => {
        onDeleted(channel.name);
        router.refresh();
      },
    });
  }

  function cancelDelete() {
    flushSync(() => setIsConfirmingDelete(false));
    deleteRef.current?.focus();
  }

  const notice = testSent ? testNotice(sent, hasTimedOut) : null;
  const last = channel.lastDelivery;

  return (
    <li>
      <section
        aria-labelledby={headingId}
        className="flex flex-col gap-4 rounded-xl border bg-card p-5 text-card-foreground shadow-xs"
      >
        <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
          <div className="flex min-w-0 flex-col gap-2">
            <div className="flex flex-wrap items-center gap-2">
              <h3 id={headingId} className="text-base font-semibold">
                {channel.name}
              </h3>
              {channel.isEnabled ? (
                <Badge>
                  <BellRing aria-hidden className="size-3" />
                  Enabled
                </Badge>
              ) : (
                <Badge variant="secondary">
                  <BellOff aria-hidden className="size-3" />
                  Disabled
                </Badge>
              )}
            </div>
            <dl className="flex flex-col gap-1 text-sm">
              <StatusRow term="Host">
                <span className="font-mono">{channel.host}</span>
              </StatusRow>
              <StatusRow term="Signing secret">
                <SecretStatus channel={channel} />
              </StatusRow>
              <StatusRow term="Added">
                <time dateTime={channel.createdAt.toISOString()}>
                  {formatDay(channel.createdAt)}
                </time>
              </StatusRow>
              <StatusRow term="Last delivery">
                {last ? (
                  <>
                    {ALERT_KIND_LABELS[last.kind]},{" "}
                    <time dateTime={last.createdAt.toISOString()}>
                      {formatDateTime(last.createdAt)}
                    </time>
                    : {describeDeliveryOutcome(last)}
                  </>
                ) : (
                  "none yet"
                )}
              </StatusRow>
            </dl>
          </div>
          <div className="flex shrink-0 flex-wrap items-center gap-2">
            {isConfirmingDelete ? (
              <>
                <p className="text-sm">Delete this channel and its delivery history?</p>
                <Button
                  ref={confirmRef}
                  variant="outline"
                  aria-disabled={isPending || undefined}
                  onClick={confirmDelete}
                  className="border-destructive/50 text-destructive hover:bg-destructive/10 hover:text-destructive aria-disabled:cursor-progress aria-disabled:opacity-70"
                >
                  {isPending ? "Deleting…" : "Confirm delete"}
                </Button>
                <Button variant="ghost" onClick={cancelDelete}>
                  Cancel
                </Button>
              </>
            ) : (
              <>
                <Button
                  variant="outline"
                  aria-disabled={isPending || undefined}
                  onClick={sendTest}
                  className="aria-disabled:cursor-progress aria-disabled:opacity-70"
                >
                  <Send aria-hidden />
                  <span>
                    Send test message<span className="sr-only"> to {channel.name}</span>
                  </span>
                </Button>
                <Button
                  variant="outline"
                  aria-disabled={isPending || undefined}
                  onClick={toggle}
                  className="aria-disabled:cursor-progress aria-disabled:opacity-70"
                >
                  {channel.isEnabled ? "Disable" : "Enable"}
                  <span className="sr-only"> {channel.name}</span>
                </Button>
                <Button
                  ref={deleteRef}
                  variant="ghost"
                  onClick={() => {
                    setStatus(null);
                    setTestSent(null);
                    flushSync(() => setIsConfirmingDelete(true));
                    confirmRef.current?.focus();
                  }}
                >
                  <Trash2 aria-hidden />
                  <span>
                    Delete<span className="sr-only"> {channel.name}</span>
                  </span>
                </Button>
              </>
            )}
          </div>
        </div>
        {notice ? (
          <FormStatus message={notice.text} variant={notice.variant} />
        ) : (
          <ActionStatus status={status} />
        )}
      </section>
    </li>
  );
}

/**
 * The webhook channels, oldest first: each with its host, whether it is enabled, its secret's last
 * four characters and its last delivery; a test message, enable or disable, and delete (confirmed)
 * on each.
 */
export function AlertChannels({
  channels,
  actions,
}: {
  channels: readonly AlertChannelRow[];
  actions: AlertChannelActions;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [deleted, setDeleted] = useState<string | null>(null);

  return (
    <section aria-labelledby="alert-channels-heading" className="flex flex-col gap-3">
      <h2
        id="alert-channels-heading"
        ref={headingRef}
        tabIndex={-1}
        className="text-lg font-semibold focus:outline-none"
      >
        {channels.length === 0
          ? "Channels"
          : channels.length === 1
            ? "1 channel"
            : `${channels.length} channels`}
      </h2>
      <FormStatus
        message={deleted ? `Deleted ${deleted} and its delivery history.` : undefined}
        variant="success"
      />
      {channels.length === 0 ? (
        <EmptyState
          icon={Webhook}
          title="No alert channels yet"
          description="Regressions found after scheduled runs are stored and shown on the Overview, but sent nowhere until a channel is added."
          nextStep="Add a webhook below: a Slack incoming-webhook URL, or any endpoint that accepts a JSON POST."
        />
      ) : (
        <ul className="flex flex-col gap-4">
          {channels.map((channel) => (
            <ChannelItem
              key={channel.id}
              channel={channel}
              actions={actions}
              onDeleted={(name) => {
                setDeleted(name);
                // The deleted channel's buttons had focus: the list's heading keeps the user here.
                headingRef.current?.focus();
              }}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
