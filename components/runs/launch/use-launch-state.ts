"use client";

import { useEffect, useMemo, useState } from "react";

import type { ServerAction } from "@/components/forms/action-result";
import { UNREACHABLE_MESSAGE } from "@/components/forms/use-action-form";
import { launchRunSchema, type LaunchRunInput } from "@/lib/schemas/runs";
import { needsLaunchConfirmation } from "@/lib/views/launch";
import {
  FIELD_ORDER,
  errorsFromIssues,
  errorsFromServer,
  type Errors,
  type Field,
} from "./launch-errors";
import type { LaunchPreview } from "@/lib/views/launch";

const PREVIEW_DELAY_MS = 400;

type Preview = { data: LaunchPreview | null; key: string | null; error: string | null };

export type SubmitOutcome =
  | { kind: "invalid"; errors: Errors }
  | { kind: "confirm" }
  | { kind: "launched"; runId: string }
  | { kind: "failed" };

/** Whether every target (and the judge) of a preview runs against the emulator. */
const isAllSimulated = (preview: LaunchPreview) =>
  preview.simulatedTargets.length >= preview.estimate.targets.length + (preview.needsJudge ? 1 : 0);

/**
 * The launch form's state: the inputs checked with the server's schema as they change, the live
 * preview (debounced, and only for valid inputs), and a submit that asks to be confirmed when the
 * run could spend real money (see needsLaunchConfirmation) before it launches.
 */
export function useLaunchState({
  input,
  needsJudge,
  previewLaunch,
  launchRun,
  confirmSpending = true,
}: {
  input: unknown;
  needsJudge: boolean;
  /** Ask for a second press before a launch that could spend real money (see needsLaunchConfirmation). */
  confirmSpending?: boolean;
  previewLaunch: ServerAction<LaunchRunInput, LaunchPreview>;
  launchRun: ServerAction<LaunchRunInput, { runId: string }>;
}) {
  const [preview, setPreview] = useState<Preview & { isLoading: boolean }>({
    data: null,
    key: null,
    error: null,
    isLoading: false,
  });
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const [hasTriedSubmit, setHasTriedSubmit] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);
  const [confirming, setConfirming] = useState<{ data: LaunchPreview; key: string } | null>(null);

  const checked = useMemo(() => {
    const parsed = launchRunSchema.safeParse(input);
    const found: Errors = parsed.success ? {} : errorsFromIssues(parsed.error.issues);
    if (needsJudge && parsed.success && !parsed.data.judgeOfferingId) {
      found.judgeOfferingId = "Judge: this suite has rubric assertions; choose a judge model.";
    }
    const data = parsed.success && Object.keys(found).length === 0 ? parsed.data : null;
    return { data, key: data ? JSON.stringify(data) : null, errors: found };
  }, [input, needsJudge]);

  // After a first submit, messages follow the inputs as they are fixed; server messages stay
  // until the next submit.
  const errors: Errors = hasTriedSubmit ? { ...serverErrors, ...checked.errors } : serverErrors;

  useEffect(() => {
    const { data, key } = checked;
    if (!data || !key) return;
    let isCurrent = true;
    const timer = setTimeout(() => {
      setPreview((current) => ({ ...current, isLoading: true }));
      previewLaunch(data)
        .then((result) => {
          if (!isCurrent) return;
          setPreview(
            result.ok
              ? { data: result.data, key, error: null, isLoading: false }
              : { data: null, key, error: result.error.message, isLoading: false },
          );
        })
        .catch(() => {
          if (isCurrent)
            setPreview({ data: null, key, error: UNREACHABLE_MESSAGE, isLoading: false });
        });
    }, PREVIEW_DELAY_MS);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
    // checked.key stands for checked.data: re-run only when the valid input really changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [checked.key, previewLaunch]);

  /** The preview of exactly these inputs: the one shown, or asked for now. */
  async function currentPreview(data: LaunchRunInput, key: string) {
    if (preview.key === key && preview.data) return preview.data;
    const result = await previewLaunch(data);
    if (!result.ok) throw new Error(result.error.message);
    return result.data;
  }

  async function submit(): Promise<SubmitOutcome> {
    if (isPending) return { kind: "failed" };
    setMessage(null);
    setHasTriedSubmit(true);
    setServerErrors({});
    const { data, key } = checked;
    if (!data || !key) return { kind: "invalid", errors: checked.errors };
    setIsPending(true);
    try {
      const isConfirmed = confirming?.key === key;
      if (confirmSpending && !isConfirmed) {
        const estimate = await currentPreview(data, key);
        const { maxUsd } = estimate.estimate;
        if (needsLaunchConfirmation({ isAllSimulated: isAllSimulated(estimate), maxUsd })) {
          setConfirming({ data: estimate, key });
          setIsPending(false);
          return { kind: "confirm" };
        }
      }
      const result = await launchRun(data);
      if (!result.ok) {
        const fromServer = errorsFromServer(result.error.fieldErrors);
        setServerErrors(fromServer);
        setMessage(result.error.message);
        setConfirming(null);
        setIsPending(false);
        return { kind: "invalid", errors: fromServer };
      }
      return { kind: "launched", runId: result.data.runId };
    } catch (error) {
      setMessage(error instanceof Error && error.message ? error.message : UNREACHABLE_MESSAGE);
      setIsPending(false);
      return { kind: "failed" };
    }
  }

  const isValid = checked.data !== null;
  return {
    errors,
    isValid,
    isPending,
    message,
    preview: isValid ? preview : { ...preview, data: null },
    problems: FIELD_ORDER.flatMap((field: Field) => {
      const problem = checked.errors[field];
      return problem && (field !== "targets" || hasTriedSubmit) ? [problem] : [];
    }),
    budgetUsd: checked.data?.budgetUsd ?? null,
    /** The preview being confirmed, while "Launch run" waits for its second press. */
    confirming: confirming?.key === checked.key ? confirming.data : null,
    cancelConfirmation: () => setConfirming(null),
    submit,
  };
}
