import { EventStreamCodec, type MessageHeaders } from "@smithy/eventstream-codec";
import { fromUtf8, toUtf8 } from "@smithy/util-utf8";

/**
 * Encodes one server-sent event. Data goes on a single `data:` line: every payload here is
 * one-line JSON, and a multi-line payload would need one `data:` line per line.
 */
export function encodeSse(data: string, event?: string): string {
  return event === undefined ? `data: ${data}\n\n` : `event: ${event}\ndata: ${data}\n\n`;
}

const codec = new EventStreamCodec(toUtf8, fromUtf8);

/** The three headers AWS puts on every event-stream message. */
type EventStreamKind =
  { messageType: "event"; eventType: string } | { messageType: "exception"; exceptionType: string };

/**
 * Encodes one AWS event-stream message (`application/vnd.amazon.eventstream`): prelude, headers,
 * payload and CRCs, as Bedrock's ConverseStream sends it, so the AWS SDK's decoder accepts it.
 */
export function encodeEventStreamMessage(kind: EventStreamKind, payload: string): Uint8Array {
  const headers: MessageHeaders = {
    ":message-type": { type: "string", value: kind.messageType },
    ":content-type": { type: "string", value: "application/json" },
  };
  if (kind.messageType === "event") {
    headers[":event-type"] = { type: "string", value: kind.eventType };
  } else {
    headers[":exception-type"] = { type: "string", value: kind.exceptionType };
  }
  return codec.encode({
    headers,
    body: fromUtf8(payload),
  });
}

/** Decodes one event-stream message; used by tests to check the framing round-trips. */
export function decodeEventStreamMessage(bytes: Uint8Array): {
  headers: Record<string, string>;
  body: string;
} {
  const message = codec.decode(bytes);
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(message.headers)) {
    headers[name] = String(header.value);
  }
  return { headers, body: toUtf8(message.body) };
}
