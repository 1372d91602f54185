"use client";

import { CircleAlert } from "lucide-react";
import { useRouter } from "next/navigation";
import { useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from "react";

import type { ServerAction } from "@/components/forms/action-result";
import { FormStatus, SubmitButton } from "@/components/forms/fields";
import { LAUNCH_DEFAULTS, type LaunchDraft, type LaunchRunInput } from "@/lib/schemas/runs";
import type { SaveScheduleFormInput } from "@/lib/schemas/schedules";
import {
  checkScheduleFields,
  ScheduleFields,
  type ScheduleErrors,
  type ScheduleFieldValues,
} from "@/components/runs/schedules/schedule-fields";
import {
  proposeJudge,
  type LaunchOffering,
  type LaunchPreview,
  type LaunchRouter,
  type LaunchSavedPolicy,
  type LaunchSuite,
} from "@/lib/views/launch";
import { ChosenTargets } from "./chosen-targets";
import { JudgePicker } from "./judge-picker";
import { LaunchConfirmation } from "./launch-confirmation";
import { ErrorSummary, SuiteFields } from "./suite-fields";
import { FIELD_ORDER, firstInvalid, type Field } from "./launch-errors";
import { LaunchPreviewPanel } from "./launch-preview";
import { ModelPicker } from "./model-picker";
import { OfferingList } from "./offering-list";
import { PolicyBuilder, SavedPolicies } from "./policy-builder";
import { RouterTargets } from "./router-targets";
import { useTargetSelection } from "./use-target-selection";
import { RunParameters, type RunParameterValues } from "./run-parameters";
import { useLaunchState } from "./use-launch-state";

/** Schedule mode: the form saves a run definition with a schedule instead of launching it. */
export type ScheduleMode = {
  /** Set when editing: saving makes a new version of this schedule. */
  id?: string;
  initial: ScheduleFieldValues;
  timeZones: readonly string[];
  save: ServerAction<SaveScheduleFormInput, { scheduleId: string }>;
};

/**
 * Launches an evaluation run, model first: add a model and its offerings on every platform are
 * ticked; add more models, any offering, or routing policies; pick the suite and parameters. While
 * the inputs are valid it shows what the run would do and cost, and a launch that could spend real
 * money asks to be confirmed. The same schema checks the inputs on the server.
 */
export function LaunchForm({
  suites,
  offerings,
  savedPolicies = [],
  routers = [],
  defaultSuiteId,
  initial,
  previewLaunch,
  launchRun,
  schedule,
}: {
  suites: LaunchSuite[];
  offerings: LaunchOffering[];
  savedPolicies?: LaunchSavedPolicy[];
  /** The clouds' own model routers this installation can call. */
  routers?: LaunchRouter[];
  defaultSuiteId?: string;
  /** Starting values from an earlier run ("Launch again"); the defaults otherwise. */
  initial?: LaunchDraft;
  previewLaunch: ServerAction<LaunchRunInput, LaunchPreview>;
  launchRun: ServerAction<LaunchRunInput, { runId: string }>;
  /** Given: the form saves a schedule (see ScheduleMode); the run's name field is not shown. */
  schedule?: ScheduleMode;
}) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const start = {
    ...LAUNCH_DEFAULTS,
    platformConcurrency: null,
    requestsPerMinute: null,
    budgetUsd: null,
    ...initial,
  };
  const [name, setName] = useState("");
  const [suiteId, setSuiteId] = useState(initial?.suiteId ?? defaultSuiteId ?? suites[0]?.id ?? "");
  const [judgeOfferingId, setJudgeOfferingId] = useState(initial?.judgeOfferingId ?? "");
  const [parameters, setParameters] = useState<RunParameterValues>({
    temperature: String(start.temperature),
    maxTokens: String(start.maxTokens),
    repeats: String(start.repeats),
    concurrency: String(start.concurrency),
    platformConcurrency: String(start.platformConcurrency ?? ""),
    requestsPerMinute: String(start.requestsPerMinute ?? ""),
    budgetUsd: String(start.budgetUsd ?? ""),
    stream: initial?.stream ?? true,
  });

  const suite = suites.find((candidate) => candidate.id === suiteId);
  const picks = useTargetSelection({ offerings, savedPolicies, routers, initial });
  const { selected } = picks;
  const proposal = useMemo(() => proposeJudge(offerings, selected), [offerings, selected]);
  const judge = suite?.hasJudge ? judgeOfferingId || proposal?.offeringId || "" : "";

  const input = useMemo(
    () => ({
      name: name.trim() || undefined,
      suiteId,
      targets: picks.targets,
      ...parameters,
      judgeOfferingId: judge,
    }),
    [name, suiteId, picks.targets, parameters, judge],
  );
  const [scheduleValues, setScheduleValues] = useState<ScheduleFieldValues | null>(
    schedule?.initial ?? null,
  );
  const [scheduleErrors, setScheduleErrors] = useState<ScheduleErrors>({});
  const saveSchedule = useMemo(() => {
    if (!schedule || !scheduleValues) return null;
    // The launch state's submit calls this in place of launching: a saved schedule, not a run.
    return async (definition: LaunchRunInput) => {
      const result = await schedule.save({ id: schedule.id, fields: scheduleValues, definition });
      return result.ok ? { ok: true as const, data: { runId: result.data.scheduleId } } : result;
    };
  }, [schedule, scheduleValues]);
  const state = useLaunchState({
    input,
    needsJudge: !!suite?.hasJudge,
    previewLaunch,
    launchRun: saveSchedule ?? launchRun,
    // Saving a schedule spends nothing now; its monthly cap bounds what its runs spend.
    confirmSpending: !schedule,
  });
  const { errors } = state;

  function focusField(field: Field) {
    const form = formRef.current;
    const target =
      field === "targets"
        ? form?.querySelector<HTMLElement>("#launch-targets-start input")
        : form?.elements.namedItem(field);
    if (target instanceof HTMLElement) target.focus();
  }

  /**
   * Enter in a field (a search box, Repeats…) would submit the form, and a launch spends money
   * with real credentials: plain Enter never launches. Ctrl+Enter (⌘+Enter) is the deliberate
   * shortcut: it presses "Launch run", confirmation included, from any field.
   */
  function handleKeys(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key !== "Enter") return;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      formRef.current?.requestSubmit();
    } else if (event.target instanceof HTMLInputElement) {
      event.preventDefault();
    }
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (scheduleValues) {
      const found = checkScheduleFields(scheduleValues);
      setScheduleErrors(found);
      const first = Object.keys(found)[0];
      if (first) {
        const field = formRef.current?.elements.namedItem(first);
        if (field instanceof HTMLElement) field.focus();
        return;
      }
    }
    const outcome = await state.submit();
    if (outcome.kind === "invalid") {
      const first = firstInvalid(outcome.errors);
      if (first) focusField(first);
    }
    if (outcome.kind === "launched")
      router.push(schedule ? `/runs/schedules/${outcome.runId}` : `/runs/${outcome.runId}`);
  }

  const shownErrors = FIELD_ORDER.filter((field) => errors[field]);
  const simulatedCount = offerings.filter((o) => o.isSimulated).length;

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={handleSubmit}
      onKeyDown={handleKeys}
      className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_20rem]"
    >
      <div className="flex min-w-0 flex-col gap-6">
        <ErrorSummary fields={shownErrors} errors={errors} onFocus={focusField} />

        <section
          id="launch-targets-start"
          aria-labelledby="launch-targets"
          className="flex flex-col gap-3"
        >
          <h2 id="launch-targets" className="text-lg font-semibold">
            Targets
          </h2>
          <p className="text-sm text-muted-foreground">
            Each ticked offering is one target. {simulatedCount} of {offerings.length} offerings
            have no credentials and will run against the emulator: their results are labelled
            simulated.
          </p>
          <p
            id="launch-targets-error"
            aria-live="polite"
            className="text-sm font-medium text-destructive"
          >
            {errors.targets ?? ""}
          </p>
          <ModelPicker
            models={picks.models}
            chosenModels={picks.chosenModels}
            selected={selected}
            onAddModel={picks.addModel}
            onRemoveModel={picks.removeModel}
            onToggle={picks.toggleOffering}
            describedBy={errors.targets ? "launch-targets-error" : undefined}
            followed={schedule ? picks.followed : undefined}
            onFollow={schedule ? picks.setFollowing : undefined}
          />
          <OfferingList offerings={offerings} selected={selected} onToggle={picks.toggleOffering} />
          <PolicyBuilder offerings={offerings} onAdd={picks.addPolicy} />
          <RouterTargets
            routers={routers}
            selected={picks.routerSelected}
            onToggle={picks.toggleRouter}
          />
          <SavedPolicies
            policies={savedPolicies}
            selected={picks.savedSelected}
            onToggle={picks.toggleSaved}
          />
          <ChosenTargets targets={picks.chosen} />
        </section>

        <SuiteFields
          suites={suites}
          suiteId={suiteId}
          name={name}
          errors={errors}
          onSuite={setSuiteId}
          onName={setName}
          showName={!schedule}
        />

        {suite?.hasJudge ? (
          <JudgePicker
            offerings={offerings}
            value={judge}
            proposal={proposal}
            error={errors.judgeOfferingId}
            onChange={setJudgeOfferingId}
          />
        ) : null}

        <RunParameters
          values={parameters}
          errors={errors}
          onChange={(field, value) => setParameters((current) => ({ ...current, [field]: value }))}
        />

        {scheduleValues && schedule ? (
          <ScheduleFields
            values={scheduleValues}
            errors={scheduleErrors}
            timeZones={schedule.timeZones}
            onChange={(field, value) => {
              const next = { ...scheduleValues, [field]: value };
              setScheduleValues(next);
              // Once a message is shown it follows the input as it is fixed.
              if (Object.keys(scheduleErrors).length > 0)
                setScheduleErrors(checkScheduleFields(next));
            }}
          />
        ) : null}

        <div className="flex flex-col gap-3">
          {state.confirming ? (
            <LaunchConfirmation
              preview={state.confirming}
              onBack={state.cancelConfirmation}
              isPending={state.isPending}
            />
          ) : null}
          <FormStatus message={state.message} icon={<CircleAlert aria-hidden />} />
          {state.confirming ? null : (
            <>
              <SubmitButton
                isPending={state.isPending}
                pendingLabel={schedule ? "Saving…" : "Launching…"}
              >
                {schedule
                  ? schedule.id
                    ? "Save as a new version"
                    : "Save schedule"
                  : "Launch run"}
              </SubmitButton>
              <p className="text-xs text-muted-foreground">
                Or press Ctrl+Enter (⌘+Enter) in any field. Enter alone never{" "}
                {schedule ? "saves" : "launches"}.
              </p>
            </>
          )}
        </div>
      </div>

      <aside aria-labelledby="launch-preview" className="lg:sticky lg:top-4 lg:self-start">
        <LaunchPreviewPanel
          preview={state.preview.data}
          error={state.preview.error}
          isLoading={state.preview.isLoading}
          isValid={state.isValid}
          problems={state.problems}
          budgetUsd={state.budgetUsd}
        />
      </aside>
    </form>
  );
}
