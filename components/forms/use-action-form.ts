"use client";

import { useState, type FormEvent, type ReactNode } from "react";
import { flushSync } from "react-dom";

import type { ActionError, ActionOutcome } from "@/components/forms/action-result";
import {
  focusFirstInvalid,
  hasFieldErrors,
  type FieldErrors,
} from "@/components/forms/field-errors";

export const UNREACHABLE_MESSAGE =
  "Could not reach the server. Check the connection and try again.";
/** The shorter wording of the same, where the form says it in fewer words. */
export const UNREACHABLE_SHORT_MESSAGE = "Could not reach the server. Try again.";

/** The message a form shows above its submit button after a submit. */
export interface FormMessage {
  text: ReactNode;
  variant: "error" | "success";
}

/** What `read` made of the submitted form: the input to send, or what is wrong with it. */
export type FormReading<F extends string, I> =
  { ok: true; input: I } | { ok: false; errors: FieldErrors<F>; message?: ReactNode };

/** For `read`: the text of each field ("" when absent); those in `trimmed` without outer spaces. */
export function readTexts<F extends string>(
  data: FormData,
  fields: readonly F[],
  trimmed: readonly F[] = [],
): Record<F, string> {
  return Object.fromEntries(
    fields.map((field) => {
      const text = String(data.get(field) ?? "");
      return [field, trimmed.includes(field) ? text.trim() : text];
    }),
  ) as Record<F, string>;
}

/** For `read`: the input, unless a field has a message. */
export function checkedInput<F extends string, I>(
  errors: FieldErrors<F>,
  input: I,
): FormReading<F, I> {
  return hasFieldErrors(errors) ? { ok: false, errors } : { ok: true, input };
}

/**
 * How a success ends: with a message, with nothing more, or with `"navigating"` when another page
 * is loading; the form then stays pending until that page replaces it.
 */
export type SuccessEnd = FormMessage | "navigating" | void;

export interface RunOptions<T> {
  send: () => Promise<ActionOutcome<T>>;
  /** The message for a refusal; by default the error's own. Nothing (null) shows no message. */
  describeRefusal?: (error: ActionError) => ReactNode;
  /** Runs after the refusal is shown. */
  onRefused?: (error: ActionError) => void;
  onSuccess?: (data: T) => SuccessEnd | Promise<SuccessEnd>;
}

export interface SubmitOptions<F extends string, I, T> {
  /**
   * Reads the submitted form into the input to send, or says what is wrong (then nothing is sent).
   * It runs first on every submit, so it may also clear what the last submit showed.
   */
  read: (data: FormData, form: HTMLFormElement) => FormReading<F, I>;
  send: (input: I) => Promise<ActionOutcome<T>>;
  /** The field messages of a refusal; by default each field's first message as the server sent it. */
  fieldErrorsOf?: (error: ActionError) => FieldErrors<F>;
  /** The form's message for a refusal; by default the error's own. Nothing (null) shows no message. */
  describeRefusal?: (error: ActionError, errors: FieldErrors<F>) => ReactNode;
  /** Runs after the refusal is shown (and the first field with a message is focused). */
  onRefused?: (error: ActionError, form: HTMLFormElement) => void;
  onSuccess?: (
    data: T,
    submitted: { input: I; form: HTMLFormElement },
  ) => SuccessEnd | Promise<SuccessEnd>;
}

/** For `describeRefusal`: the error's message, unless field messages already say what is wrong. */
export function messageUnlessFieldErrors<F extends string>(
  error: ActionError,
  errors: FieldErrors<F>,
): string | null {
  return hasFieldErrors(errors) ? null : error.message;
}

function firstMessages<F extends string>(fieldErrors: ActionError["fieldErrors"]): FieldErrors<F> {
  return Object.fromEntries(
    Object.entries(fieldErrors ?? {}).map(([field, messages]) => [field, messages[0] ?? ""]),
  ) as FieldErrors<F>;
}

const failure = (text: ReactNode): FormMessage => ({ text, variant: "error" });

/**
 * The state every form around a server action keeps: whether a request is on its way, the message
 * above the submit button and a message per field. `handleSubmit` reads and checks the form, sends
 * it, and shows a refusal (focusing the first field named in it, when `fields` gives the order);
 * `run` does the same for a button outside a submit. Further submits are ignored while one is
 * pending, and a request that throws says the server could not be reached.
 */
export function useActionForm<F extends string = string>({
  fields,
  unreachableMessage = UNREACHABLE_MESSAGE,
}: {
  /** The fields in form order. */
  fields?: readonly F[];
  unreachableMessage?: string;
} = {}) {
  const [isPending, setIsPending] = useState(false);
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const [status, setStatus] = useState<FormMessage | null>(null);

  function focusFirst(form: HTMLFormElement, found: FieldErrors<F>) {
    if (fields) focusFirstInvalid(form, fields, found);
  }

  async function perform<T>(
    send: () => Promise<ActionOutcome<T>>,
    refuse: (error: ActionError) => void,
    succeed?: (data: T) => SuccessEnd | Promise<SuccessEnd>,
  ) {
    setIsPending(true);
    try {
      const result = await send();
      if (!result.ok) {
        refuse(result.error);
        return;
      }
      const end = await succeed?.(result.data);
      if (end === "navigating") return;
      setIsPending(false);
      if (end) setStatus(end);
    } catch {
      setStatus(failure(unreachableMessage));
      setIsPending(false);
    }
  }

  async function run<T>({ send, describeRefusal, onRefused, onSuccess }: RunOptions<T>) {
    if (isPending) return;
    await perform(
      send,
      (error) => {
        const message = describeRefusal ? describeRefusal(error) : error.message;
        flushSync(() => {
          setStatus(message ? failure(message) : null);
          setIsPending(false);
        });
        onRefused?.(error);
      },
      onSuccess,
    );
  }

  function handleSubmit<I, T>(options: SubmitOptions<F, I, T>) {
    return (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      if (isPending) return;
      const form = event.currentTarget;
      const reading = options.read(new FormData(form), form);
      flushSync(() => {
        setErrors(reading.ok ? {} : reading.errors);
        setStatus(!reading.ok && reading.message ? failure(reading.message) : null);
      });
      if (!reading.ok) {
        focusFirst(form, reading.errors);
        return;
      }
      const { input } = reading;
      void perform(
        () => options.send(input),
        (error) => {
          const found = options.fieldErrorsOf?.(error) ?? firstMessages<F>(error.fieldErrors);
          const message = options.describeRefusal
            ? options.describeRefusal(error, found)
            : error.message;
          flushSync(() => {
            setErrors(found);
            setStatus(message ? failure(message) : null);
            setIsPending(false);
          });
          focusFirst(form, found);
          options.onRefused?.(error, form);
        },
        options.onSuccess && ((data) => options.onSuccess?.(data, { input, form })),
      );
    };
  }

  return { isPending, errors, setErrors, status, setStatus, handleSubmit, run };
}
