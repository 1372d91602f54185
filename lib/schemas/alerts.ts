import { z } from "zod";
import { nameSchema } from "./account";

/**
 * Webhook alert channels as the Settings form and the server actions see them. The URL's shape is
 * checked here; whether its host may be reached is the endpoint policy's decision, on the server,
 * when the channel is saved and again before every delivery.
 */

/** Longest webhook URL accepted (the endpoint policy's own limit). */
export const ALERT_URL_MAX_LENGTH = 2048;
/** A signing secret the admin brings must be at least this long: it is an HMAC key. */
export const ALERT_SECRET_MIN_LENGTH = 16;
export const ALERT_SECRET_MAX_LENGTH = 256;

/** Why a URL cannot be a webhook, phrased to follow the field's label; null when it can. */
export function describeWebhookUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "must be a full address such as https://hooks.slack.com/services/…";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "must start with https://";
  if (url.username !== "" || url.password !== "") {
    return "must not hold a user name or password";
  }
  if (url.href.includes("#")) return "must not end in a #fragment (it is never sent)";
  return null;
}

const webhookUrlSchema = z
  .string()
  .trim()
  .min(1, "is required")
  .max(ALERT_URL_MAX_LENGTH, `must be at most ${ALERT_URL_MAX_LENGTH} characters`)
  .superRefine((value, context) => {
    const problem = describeWebhookUrlProblem(value);
    if (problem) context.addIssue({ code: "custom", message: problem });
  });

/** Empty means "generate one": the server then shows the generated secret once. */
const signingSecretSchema = z
  .string()
  .trim()
  .max(ALERT_SECRET_MAX_LENGTH, `must be at most ${ALERT_SECRET_MAX_LENGTH} characters`)
  .refine((value) => value === "" || value.length >= ALERT_SECRET_MIN_LENGTH, {
    message: `must be at least ${ALERT_SECRET_MIN_LENGTH} characters, or left empty to generate one`,
  })
  .optional()
  .default("");

export const createAlertChannelSchema = z.object({
  name: nameSchema,
  url: webhookUrlSchema,
  secret: signingSecretSchema,
});
/** What the form sends: the secret may be left out. */
export type CreateAlertChannelInput = z.input<typeof createAlertChannelSchema>;

export const alertChannelIdSchema = z.object({
  channelId: z.string().trim().min(1, "is required").max(64),
});
export type AlertChannelIdInput = z.infer<typeof alertChannelIdSchema>;

export const setAlertChannelEnabledSchema = alertChannelIdSchema.extend({
  isEnabled: z.boolean({ message: "must be true or false" }),
});
export type SetAlertChannelEnabledInput = z.infer<typeof setAlertChannelEnabledSchema>;

/** What a delivery carries: a regression, or a test message sent from Settings. */
export const ALERT_KINDS = ["regression", "test"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * Where a delivery stands: waiting for its first or next attempt, delivered (a 2xx answer), or
 * failed (refused by the endpoint policy, a 4xx answer, or still failing after the last retry).
 */
export const ALERT_DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;
export type AlertDeliveryStatus = (typeof ALERT_DELIVERY_STATUSES)[number];

/**
 * What a delivery stores (AlertDelivery.payload): the facts of the alert, without this server's
 * address, which is added when it is sent (lib/views/alerts.ts builds the body). Read back through
 * this schema, since a stored JSON value is a boundary too.
 */
export const alertFactsSchema = z.object({
  kind: z.enum(ALERT_KINDS),
  /** The regression's rule ("score_drop", …); null for a test message. */
  rule: z.string().nullable(),
  /** One sentence: the regression's own summary, or what a test message is. */
  summary: z.string(),
  /** The target (label) the rule fired on; null for a test message. */
  target: z.string().nullable(),
  regressionId: z.string().nullable(),
  runId: z.string().nullable(),
  previousRunId: z.string().nullable(),
  schedule: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** When the regression was detected, or the test message made (ISO 8601, UTC). */
  createdAt: z.string(),
  /** The measurement came from the emulator (a simulated platform), not a real cloud. */
  simulated: z.boolean(),
});
export type AlertFacts = z.infer<typeof alertFactsSchema>;
