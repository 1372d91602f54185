import { Inbox } from "lucide-react";

import { EmptyState } from "@/components/empty-state";
import { Badge } from "@/components/ui/badge";
import { TableFrame } from "@/components/ui/table-frame";
import { formatDateTime } from "@/lib/format";
import type { AlertDeliveryStatus, AlertKind } from "@/lib/schemas/alerts";
import {
  ALERT_KIND_LABELS,
  ALERT_STATUS_LABELS,
  describeDeliveryOutcome,
} from "@/lib/views/alerts";

export interface AlertDeliveryRow {
  id: string;
  createdAt: Date;
  channelName: string;
  kind: AlertKind;
  status: AlertDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  /** The regression's target, for regression alerts. */
  target: string | null;
}

const STATUS_VARIANT: Record<AlertDeliveryStatus, "default" | "secondary" | "outline"> = {
  delivered: "default",
  pending: "secondary",
  failed: "outline",
};

function Missing() {
  return (
    <span className="text-muted-foreground">
      <span aria-hidden>—</span>
      <span className="sr-only">none</span>
    </span>
  );
}

/** The most recent deliveries to every channel, newest first, with each one's last attempt. */
export function AlertDeliveries({ deliveries }: { deliveries: readonly AlertDeliveryRow[] }) {
  if (deliveries.length === 0) {
    return (
      <EmptyState
        icon={Inbox}
        title="No deliveries yet"
        description="Each message sent to a channel appears here with its status, attempts and the endpoint's last answer."
        nextStep="Send a test message to a channel above to see one."
      />
    );
  }
  return (
    <TableFrame
      caption="Recent alert deliveries, newest first"
      head={[
        { label: "Time", className: "whitespace-nowrap" },
        "Channel",
        "Kind",
        "Status",
        { label: "Attempts", className: "text-right" },
        { label: "Last status code", className: "text-right whitespace-nowrap" },
        "Outcome",
      ]}
      variant="card"
      headCellClassName="px-4 py-3"
    >
      {deliveries.map((delivery) => (
        <tr key={delivery.id} className="align-top">
          <td className="px-4 py-3 whitespace-nowrap text-muted-foreground tabular-nums">
            <time dateTime={delivery.createdAt.toISOString()}>
              {formatDateTime(delivery.createdAt)}
            </time>
          </td>
          <th scope="row" className="px-4 py-3 text-left font-medium">
            {delivery.channelName}
          </th>
          <td className="px-4 py-3">
            <span className="flex flex-col">
              <span className="whitespace-nowrap">{ALERT_KIND_LABELS[delivery.kind]}</span>
              {delivery.target ? (
                <span className="text-xs text-muted-foreground">{delivery.target}</span>
              ) : null}
            </span>
          </td>
          <td className="px-4 py-3">
            <Badge
              variant={STATUS_VARIANT[delivery.status]}
              className={
                delivery.status === "failed" ? "border-destructive/50 text-destructive" : ""
              }
            >
              {ALERT_STATUS_LABELS[delivery.status]}
            </Badge>
          </td>
          <td className="px-4 py-3 text-right tabular-nums">{delivery.attempts}</td>
          <td className="px-4 py-3 text-right tabular-nums">
            {delivery.lastStatusCode ?? <Missing />}
          </td>
          <td className="max-w-md px-4 py-3 text-muted-foreground">
            {describeDeliveryOutcome(delivery)}
            {delivery.nextAttemptAt ? (
              <>
                {" "}
                Next attempt after{" "}
                <time dateTime={delivery.nextAttemptAt.toISOString()}>
                  {formatDateTime(delivery.nextAttemptAt)}
                </time>
                .
              </>
            ) : null}
          </td>
        </tr>
      ))}
    </TableFrame>
  );
}
