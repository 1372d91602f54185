import { createHmac, randomBytes } from "node:crypto";

/**
 * How webhook deliveries are signed, so a receiver can tell that a request came from this
 * Crossbench and was not replayed much later.
 *
 * Each attempt sends `X-Crossbench-Timestamp: <unix seconds>` and
 * `X-Crossbench-Signature: sha256=<hex>`, where `<hex>` is the HMAC-SHA256, keyed with the
 * channel's secret (its UTF-8 bytes, as shown when it was created), of `<timestamp>.<body>`: the
 * timestamp, a full stop, and the raw request body. It is GitHub's header format
 * (`X-Hub-Signature-256: sha256=…`) over Stripe's signed string (`t.body`), so the timestamp is
 * covered by the signature and a receiver can refuse old requests (five minutes is usual).
 */

export const TIMESTAMP_HEADER = "X-Crossbench-Timestamp";
export const SIGNATURE_HEADER = "X-Crossbench-Signature";
/** The delivery's id, the same on every retry of it: receivers can drop repeats by it. */
export const DELIVERY_HEADER = "X-Crossbench-Delivery";

/** The signature header's value for `body` sent at `timestamp` (unix seconds). */
export function signWebhookBody(secret: string, timestamp: number, body: string): string {
  const hex = createHmac("sha256", Buffer.from(secret, "utf8"))
    .update(`${timestamp}.${body}`, "utf8")
    .digest("hex");
  return `sha256=${hex}`;
}

/** A new signing secret: 32 random bytes as base64url (43 characters). */
export function generateSigningSecret(): string {
  return randomBytes(32).toString("base64url");
}
