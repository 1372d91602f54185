"use client";

import { ShownOncePanel } from "@/components/settings/shown-once-panel";

/** A new channel's generated signing secret, shown once: it is stored sealed. */
export function AlertSecretPanel({
  channelName,
  secret,
  onDone,
}: {
  channelName: string;
  secret: string;
  onDone: () => void;
}) {
  return (
    <ShownOncePanel
      heading={`Signing secret for ${channelName}`}
      secret={secret}
      noun="secret"
      onDone={onDone}
    >
      <p className="max-w-prose text-sm">
        Shown once. Give it to the receiver: it checks each request&apos;s X-Crossbench-Signature
        header with it. Slack&apos;s incoming webhooks do not check signatures and need nothing.
      </p>
    </ShownOncePanel>
  );
}
