"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";

import type { ServerAction } from "@/components/forms/action-result";
import { sentence, validateFields, type FieldErrors } from "@/components/forms/field-errors";
import { NameField, SubmitFooter, TextField } from "@/components/forms/fields";
import {
  checkedInput,
  messageUnlessFieldErrors,
  readTexts,
  useActionForm,
} from "@/components/forms/use-action-form";
import { AlertSecretPanel } from "@/components/settings/alert-secret-panel";
import {
  ALERT_SECRET_MAX_LENGTH,
  ALERT_SECRET_MIN_LENGTH,
  ALERT_URL_MAX_LENGTH,
  createAlertChannelSchema,
  type CreateAlertChannelInput,
} from "@/lib/schemas/alerts";

type Field = "name" | "url" | "secret";

const fields: readonly Field[] = ["name", "url", "secret"];
/** How messages name each field. */
const names: Record<Field, string> = { name: "Name", url: "Webhook URL", secret: "Signing secret" };

export type CreateAlertChannel = ServerAction<
  CreateAlertChannelInput,
  { channel: { name: string }; generatedSecret: string | null }
>;

/** The server's messages: zod's follow the field's name ("is required"); the endpoint check's are sentences. */
function toFieldErrors(messages: Record<string, string[]> | undefined): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {};
  for (const field of fields) {
    const message = messages?.[field]?.[0];
    if (!message) continue;
    errors[field] = /^[A-Z]/.test(message) ? message : sentence(names[field], message);
  }
  return errors;
}

/**
 * Adds a webhook channel. The URL is checked on the server (the endpoint policy) before it is
 * saved; a secret left empty is generated there and shown once. The form is emptied once saved,
 * so the browser keeps no copy of a secret.
 */
export function AlertChannelForm({ createChannel }: { createChannel: CreateAlertChannel }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const { isPending, errors, status, handleSubmit } = useActionForm({ fields });

  const onSubmit = handleSubmit({
    read: (data) => {
      const values = readTexts(data, fields, ["name", "url", "secret"]);
      setCreated(null);
      // The secret may be empty, so it is not among the fields that validateFields requires.
      const found: FieldErrors<Field> = validateFields<"name" | "url">(
        createAlertChannelSchema,
        values,
        {
          name: names.name,
          url: names.url,
        },
      );
      const secret = createAlertChannelSchema.shape.secret.safeParse(values.secret);
      if (!secret.success) {
        found.secret = sentence(names.secret, secret.error.issues[0]?.message ?? "is not valid");
      }
      return checkedInput(found, { name: values.name, url: values.url, secret: values.secret });
    },
    send: createChannel,
    fieldErrorsOf: (error) => toFieldErrors(error.fieldErrors),
    describeRefusal: messageUnlessFieldErrors,
    onSuccess: (data, { form }) => {
      form.reset();
      router.refresh();
      if (data.generatedSecret) {
        setCreated({ name: data.channel.name, secret: data.generatedSecret });
        return;
      }
      return { text: `Saved ${data.channel.name}.`, variant: "success" };
    },
  });

  return (
    <div className="flex flex-col gap-6">
      {created ? (
        <AlertSecretPanel
          channelName={created.name}
          secret={created.secret}
          onDone={() => {
            setCreated(null);
            const name = formRef.current?.elements.namedItem("name");
            if (name instanceof HTMLElement) name.focus();
          }}
        />
      ) : null}
      <form ref={formRef} noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
        <div className="flex max-w-2xl flex-col gap-5">
          <NameField
            label={names.name}
            autoComplete="off"
            hint="How this channel is listed, such as “#ml-alerts on Slack”."
            error={errors.name}
          />
          <TextField
            label={names.url}
            name="url"
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            required
            maxLength={ALERT_URL_MAX_LENGTH}
            hint="Alerts are POSTed here as JSON; a Slack incoming-webhook URL works as it is. It must be https on a public address (see ALLOW_LOCAL_ENDPOINTS and ALLOW_PRIVATE_ENDPOINTS), and it is checked again before every delivery. Only its host is shown after saving."
            error={errors.url}
          />
          <TextField
            label={`${names.secret} (optional)`}
            name="secret"
            type="password"
            autoComplete="off"
            spellCheck={false}
            maxLength={ALERT_SECRET_MAX_LENGTH}
            hint={`At least ${ALERT_SECRET_MIN_LENGTH} characters. Left empty, Crossbench generates one and shows it once.`}
            error={errors.secret}
          />
        </div>
        <SubmitFooter status={status} isPending={isPending} pendingLabel="Adding…">
          Add channel
        </SubmitFooter>
      </form>
    </div>
  );
}
