"use server";

import { revalidatePath } from "next/cache";
import {
  alertChannelIdSchema,
  createAlertChannelSchema,
  setAlertChannelEnabledSchema,
} from "@/lib/schemas/alerts";
import { authedAction } from "@/lib/server/http/action";
import {
  createAlertChannel,
  deleteAlertChannel,
  setAlertChannelEnabled,
} from "@/lib/server/domain/alerts/channels";
import { sendTestMessage } from "@/lib/server/domain/alerts/deliveries";
import { getAppQueue } from "@/lib/server/eval/app";
import { createAlertSender } from "@/lib/server/eval/alert-worker";
import { getDb } from "@/lib/server/ops/db";
import { getEnv } from "@/lib/server/ops/env";
import { endpointPolicyFromEnv, keyRingFromEnv } from "@/lib/server/ops/server-deps";

const PATH = "/settings/alerts";

/**
 * Saves a webhook channel. The response carries the generated signing secret when none was given
 * (shown once), and otherwise only the URL's host and the secret's last four characters.
 */
export const createAlertChannelAction = authedAction(
  "admin",
  createAlertChannelSchema,
  async (caller, input) => {
    const env = getEnv();
    const created = await createAlertChannel(caller, getDb(), input, {
      keys: keyRingFromEnv(env),
      endpointPolicy: endpointPolicyFromEnv(env),
    });
    revalidatePath(PATH);
    return created;
  },
);

export const setAlertChannelEnabledAction = authedAction(
  "admin",
  setAlertChannelEnabledSchema,
  async (caller, input) => {
    const result = await setAlertChannelEnabled(caller, getDb(), input);
    revalidatePath(PATH);
    return result;
  },
);

export const deleteAlertChannelAction = authedAction(
  "admin",
  alertChannelIdSchema,
  async (caller, input) => {
    await deleteAlertChannel(caller, getDb(), input.channelId);
    revalidatePath(PATH);
    return { channelId: input.channelId };
  },
);

/**
 * Queues a test message; a worker sends it within seconds and records the outcome. The request
 * does not wait for the receiver: a slow or dead endpoint must not hold a web request.
 */
export const sendTestAlertAction = authedAction(
  "admin",
  alertChannelIdSchema,
  async (caller, input) => {
    const sent = await sendTestMessage(
      caller,
      getDb(),
      input,
      createAlertSender(await getAppQueue()),
    );
    revalidatePath(PATH);
    return sent;
  },
);
