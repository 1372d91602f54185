import type { Metadata } from "next";

import {
  createAlertChannelAction,
  deleteAlertChannelAction,
  sendTestAlertAction,
  setAlertChannelEnabledAction,
} from "./actions";
import { PageHeader } from "@/components/page-header";
import { AlertChannelForm } from "@/components/settings/alert-channel-form";
import { AlertChannels } from "@/components/settings/alert-channels";
import { AlertDeliveries } from "@/components/settings/alert-deliveries";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { listAlertChannels } from "@/lib/server/domain/alerts/channels";
import { listAlertDeliveries } from "@/lib/server/domain/alerts/deliveries";
import { getDb } from "@/lib/server/ops/db";
import { getEnv } from "@/lib/server/ops/env";
import { keyRingFromEnv } from "@/lib/server/ops/server-deps";
import { requirePageCaller } from "@/lib/server/http/session";

export const metadata: Metadata = { title: "Alert channels" };

// Deliveries change while the page is open.
export const dynamic = "force-dynamic";

const RECENT_DELIVERIES = 50;

export default async function AlertChannelsPage() {
  const caller = await requirePageCaller("admin");
  const db = getDb();
  const [channels, deliveries] = await Promise.all([
    listAlertChannels(caller, db, keyRingFromEnv(getEnv())),
    listAlertDeliveries(caller, db, { limit: RECENT_DELIVERIES }),
  ]);

  return (
    <>
      <PageHeader
        title="Alert channels"
        description="Webhooks that receive the regressions found after scheduled runs, as signed JSON with a Slack-compatible text line. Failed deliveries are retried with backoff, and every attempt is recorded below."
      />
      <AlertChannels
        channels={channels}
        actions={{
          setEnabled: setAlertChannelEnabledAction,
          deleteChannel: deleteAlertChannelAction,
          sendTest: sendTestAlertAction,
        }}
      />
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h2 className="text-lg">New channel</h2>
          </CardTitle>
          <CardDescription>
            Each alert is POSTed with an X-Crossbench-Signature header: an HMAC-SHA256 of the
            timestamp and body under the channel&apos;s signing secret, for the receiver to check.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <AlertChannelForm createChannel={createAlertChannelAction} />
        </CardContent>
      </Card>
      <section aria-labelledby="alert-deliveries-heading" className="flex flex-col gap-3">
        <h2 id="alert-deliveries-heading" className="text-lg font-semibold">
          Recent deliveries
        </h2>
        <AlertDeliveries deliveries={deliveries} />
      </section>
    </>
  );
}
