"use client";

import { CircleAlert, Plus, X } from "lucide-react";
import { useRouter } from "next/navigation";
import {
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
} from "react";

import type { ServerAction } from "@/components/forms/action-result";
import { FormStatus, SelectField, SubmitButton, TextField } from "@/components/forms/fields";
import { SimulatedBadge } from "@/components/runs/run-badges";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { formatCount, formatUsd, formatUsdPerMillion } from "@/lib/format";
import { describeParityOutlook, type ParityOutlook } from "@/lib/views/runs";
import {
  LAUNCH_DEFAULTS,
  TARGET_POLICIES,
  TARGET_POLICY_LABELS,
  launchRunSchema,
  type LaunchDraft,
  type LaunchRunInput,
  type TargetPolicy,
} from "@/lib/schemas/runs";

export type LaunchSuite = {
  id: string;
  name: string;
  caseCount: number;
  categories: string[];
  hasJudge: boolean;
  judgedCaseCount: number;
};

export type LaunchFormOffering = {
  id: string;
  label: string;
  modelName: string;
  platformName: string;
  nativeId: string;
  inputPrice: number | null;
  outputPrice: number | null;
  apiStyle: string | null;
  isSimulated: boolean;
};

export type LaunchPreviewData = {
  estimate: {
    trials: number;
    judgeCalls: number;
    targets: { label: string; trials: number; expectedUsd: number | null; maxUsd: number | null }[];
    judgeUsd: number | null;
    expectedUsd: number | null;
    maxUsd: number | null;
  };
  simulatedTargets: string[];
  needsJudge: boolean;
  parity: ParityOutlook | null;
};

type Field =
  | "name"
  | "suiteId"
  | "targets"
  | "judgeOfferingId"
  | "temperature"
  | "maxTokens"
  | "repeats"
  | "concurrency"
  | "requestsPerMinute"
  | "budgetUsd";

const FIELD_ORDER: readonly Field[] = [
  "name",
  "suiteId",
  "targets",
  "judgeOfferingId",
  "temperature",
  "maxTokens",
  "repeats",
  "concurrency",
  "requestsPerMinute",
  "budgetUsd",
];

type Errors = Partial<Record<Field, string>>;

type PolicyTarget = { policy: TargetPolicy; offeringIds: string[] };

/** A routing policy saved from a simulation (Routing page), launchable as one target. */
export type LaunchSavedPolicy = { id: string; name: string; summary: string };

const PREVIEW_DELAY_MS = 400;

function isField(value: unknown): value is Field {
  return typeof value === "string" && (FIELD_ORDER as readonly string[]).includes(value);
}

function errorsFromIssues(issues: { path: PropertyKey[]; message: string }[]): Errors {
  const errors: Errors = {};
  for (const issue of issues) {
    const field = issue.path[0];
    if (isField(field) && !errors[field]) errors[field] = issue.message;
  }
  return errors;
}

function errorsFromServer(fieldErrors: Record<string, string[]> | undefined): Errors {
  const errors: Errors = {};
  for (const [field, messages] of Object.entries(fieldErrors ?? {})) {
    if (isField(field) && messages[0]) errors[field] = messages[0];
  }
  return errors;
}

function prices(offering: LaunchFormOffering): string {
  return `${formatUsdPerMillion(offering.inputPrice)} in / ${formatUsdPerMillion(offering.outputPrice)} out per 1M tokens`;
}

function matches(offering: LaunchFormOffering, query: string): boolean {
  if (!query) return true;
  const text = `${offering.modelName} ${offering.platformName} ${offering.nativeId}`.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => text.includes(word));
}

function groupByModel(offerings: LaunchFormOffering[]): [string, LaunchFormOffering[]][] {
  const groups = new Map<string, LaunchFormOffering[]>();
  for (const offering of offerings) {
    const list = groups.get(offering.modelName) ?? [];
    list.push(offering);
    groups.set(offering.modelName, list);
  }
  return [...groups];
}

/**
 * Launches an evaluation run: a suite, the targets (single offerings and routing policies), the
 * judge when the suite needs one, and the run's parameters. While the inputs are valid it shows
 * what the run would do and cost; the same schema checks the inputs on the server.
 */
export function LaunchForm({
  suites,
  offerings,
  savedPolicies = [],
  defaultSuiteId,
  initial,
  previewLaunch,
  launchRun,
}: {
  suites: LaunchSuite[];
  offerings: LaunchFormOffering[];
  savedPolicies?: LaunchSavedPolicy[];
  defaultSuiteId?: string;
  /** Starting values from an earlier run ("Launch again"); the defaults otherwise. */
  initial?: LaunchDraft;
  previewLaunch: ServerAction<LaunchRunInput, LaunchPreviewData>;
  launchRun: ServerAction<LaunchRunInput, { runId: string }>;
}) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const ids = { search: useId(), targets: useId(), policy: useId(), policySearch: useId() };
  const [name, setName] = useState("");
  const [suiteId, setSuiteId] = useState(initial?.suiteId ?? defaultSuiteId ?? suites[0]?.id ?? "");
  const [selected, setSelected] = useState<string[]>(initial?.offeringIds ?? []);
  const [policies, setPolicies] = useState<PolicyTarget[]>(initial?.policies ?? []);
  const [savedSelected, setSavedSelected] = useState<string[]>(initial?.savedPolicyIds ?? []);
  const [policy, setPolicy] = useState<TargetPolicy>("fallback");
  const [policyMembers, setPolicyMembers] = useState<string[]>([]);
  const [policyQuery, setPolicyQuery] = useState("");
  const [policyMessage, setPolicyMessage] = useState<string | null>(null);
  const [query, setQuery] = useState("");
  const [judgeOfferingId, setJudgeOfferingId] = useState(initial?.judgeOfferingId ?? "");
  const start = { ...LAUNCH_DEFAULTS, requestsPerMinute: null, budgetUsd: null, ...initial };
  const [temperature, setTemperature] = useState(String(start.temperature));
  const [maxTokens, setMaxTokens] = useState(String(start.maxTokens));
  const [repeats, setRepeats] = useState(String(start.repeats));
  const [concurrency, setConcurrency] = useState(String(start.concurrency));
  const [requestsPerMinute, setRequestsPerMinute] = useState(String(start.requestsPerMinute ?? ""));
  const [budgetUsd, setBudgetUsd] = useState(String(start.budgetUsd ?? ""));
  const [isStreaming, setIsStreaming] = useState(initial?.stream ?? true);
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const [hasTriedSubmit, setHasTriedSubmit] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);
  const [preview, setPreview] = useState<{
    data: LaunchPreviewData | null;
    error: string | null;
    isLoading: boolean;
  }>({ data: null, error: null, isLoading: false });

  const suite = suites.find((candidate) => candidate.id === suiteId);
  const byId = useMemo(() => new Map(offerings.map((o) => [o.id, o])), [offerings]);
  const callable = useMemo(() => offerings.filter((o) => o.apiStyle !== null), [offerings]);
  const visible = useMemo(() => offerings.filter((o) => matches(o, query)), [offerings, query]);
  const groups = useMemo(() => groupByModel(visible), [visible]);
  const policyChoices = useMemo(
    () => callable.filter((o) => matches(o, policyQuery)),
    [callable, policyQuery],
  );

  const input = useMemo(
    () => ({
      name: name.trim() || undefined,
      suiteId,
      targets: [
        ...selected.map((offeringId) => ({ kind: "offering" as const, offeringId })),
        ...policies.map((target) => ({ kind: "policy" as const, ...target })),
        ...savedSelected.map((savedPolicyId) => ({
          kind: "saved-policy" as const,
          savedPolicyId,
        })),
      ],
      temperature,
      maxTokens,
      repeats,
      concurrency,
      requestsPerMinute,
      budgetUsd,
      stream: isStreaming,
      judgeOfferingId: suite?.hasJudge ? judgeOfferingId : "",
    }),
    [
      name,
      suiteId,
      selected,
      policies,
      savedSelected,
      temperature,
      maxTokens,
      repeats,
      concurrency,
      requestsPerMinute,
      budgetUsd,
      isStreaming,
      judgeOfferingId,
      suite?.hasJudge,
    ],
  );

  const checked = useMemo(() => {
    const parsed = launchRunSchema.safeParse(input);
    const found: Errors = parsed.success ? {} : errorsFromIssues(parsed.error.issues);
    if (suite?.hasJudge && !judgeOfferingId) {
      found.judgeOfferingId = "Judge: this suite has rubric assertions; choose a judge model.";
    }
    return { data: parsed.success ? parsed.data : null, errors: found };
  }, [input, suite?.hasJudge, judgeOfferingId]);

  // After a first submit, messages follow the inputs as they are fixed; server messages stay
  // until the next submit.
  const errors: Errors = hasTriedSubmit ? { ...serverErrors, ...checked.errors } : serverErrors;
  const previewInput = Object.keys(checked.errors).length === 0 ? checked.data : null;
  const previewKey = previewInput ? JSON.stringify(previewInput) : null;

  useEffect(() => {
    if (!previewInput || !previewKey) return;
    let isCurrent = true;
    const timer = setTimeout(() => {
      setPreview((current) => ({ ...current, isLoading: true }));
      previewLaunch(previewInput)
        .then((result) => {
          if (!isCurrent) return;
          setPreview(
            result.ok
              ? { data: result.data, error: null, isLoading: false }
              : { data: null, error: result.error.message, isLoading: false },
          );
        })
        .catch(() => {
          if (isCurrent) {
            setPreview({ data: null, error: "Could not reach the server.", isLoading: false });
          }
        });
    }, PREVIEW_DELAY_MS);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
    // previewKey stands for previewInput: re-run only when the valid input really changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [previewKey, previewLaunch]);

  function toggle(list: string[], id: string): string[] {
    return list.includes(id) ? list.filter((item) => item !== id) : [...list, id];
  }

  function addPolicy() {
    if (policyMembers.length < 2) {
      setPolicyMessage("A routing policy needs at least two offerings: tick two or more.");
      return;
    }
    setPolicies((current) => [...current, { policy, offeringIds: policyMembers }]);
    setPolicyMembers([]);
    setPolicyMessage(null);
  }

  function focusField(field: Field) {
    const form = formRef.current;
    if (!form) return;
    const target =
      field === "targets"
        ? form.querySelector<HTMLElement>(`#${CSS.escape(ids.search)}`)
        : form.elements.namedItem(field);
    if (target instanceof HTMLElement) target.focus();
  }

  /**
   * Enter in a field (a search box, Repeats…) would submit the form, and a launch spends money
   * with real credentials: only the "Launch run" button launches.
   */
  function preventLaunchOnEnter(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === "Enter" && event.target instanceof HTMLInputElement) event.preventDefault();
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isPending) return;
    setMessage(null);
    setHasTriedSubmit(true);
    setServerErrors({});
    const found = checked.errors;
    if (Object.keys(found).length > 0 || !checked.data) {
      const first = FIELD_ORDER.find((field) => found[field]);
      if (first) focusField(first);
      return;
    }
    setIsPending(true);
    try {
      const result = await launchRun(checked.data);
      if (!result.ok) {
        const fromServer = errorsFromServer(result.error.fieldErrors);
        setServerErrors(fromServer);
        setMessage(result.error.message);
        setIsPending(false);
        const first = FIELD_ORDER.find((field) => fromServer[field]);
        if (first) focusField(first);
        return;
      }
      router.push(`/runs/${result.data.runId}`);
    } catch {
      setMessage("Could not reach the server. Check the connection and try again.");
      setIsPending(false);
    }
  }

  const shownErrors = FIELD_ORDER.filter((field) => errors[field]);
  const simulatedCount = offerings.filter((o) => o.isSimulated).length;

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={handleSubmit}
      onKeyDown={preventLaunchOnEnter}
      className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_20rem]"
    >
      <div className="flex min-w-0 flex-col gap-6">
        {shownErrors.length > 0 ? (
          <Alert variant="error" role="alert">
            <CircleAlert aria-hidden />
            <div>
              <p className="font-medium">The run was not launched. Fix these first:</p>
              <ul className="mt-1 list-disc pl-5">
                {shownErrors.map((field) => (
                  <li key={field}>
                    <button
                      type="button"
                      className="text-left underline underline-offset-2"
                      onClick={() => focusField(field)}
                    >
                      {errors[field]}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          </Alert>
        ) : null}

        <section aria-labelledby="launch-suite" className="flex flex-col gap-4">
          <h2 id="launch-suite" className="text-lg font-semibold">
            Suite
          </h2>
          <SelectField
            label="Suite"
            name="suiteId"
            value={suiteId}
            onChange={(event) => setSuiteId(event.target.value)}
            error={errors.suiteId}
            hint={
              suite
                ? `${suite.caseCount} cases; categories: ${suite.categories.join(", ") || "none"}${
                    suite.hasJudge
                      ? `. ${suite.judgedCaseCount || "Some"} cases are graded by a judge model (rubric).`
                      : "."
                  }`
                : "Import a suite on the Suites page first."
            }
          >
            {suites.map((option) => (
              <option key={option.id} value={option.id}>
                {option.name} ({option.caseCount} cases{option.hasJudge ? ", needs a judge" : ""})
              </option>
            ))}
          </SelectField>
          <TextField
            label="Run name (optional)"
            name="name"
            value={name}
            maxLength={120}
            onChange={(event) => setName(event.target.value)}
            hint="Defaults to the suite and the number of targets."
            error={errors.name}
          />
        </section>

        <section aria-labelledby="launch-targets" className="flex flex-col gap-3">
          <h2 id="launch-targets" className="text-lg font-semibold">
            Targets
          </h2>
          <p className="text-sm text-muted-foreground">
            Each checked offering is one target. {simulatedCount} of {offerings.length} offerings
            have no credentials and will run against the emulator: their results are labelled
            simulated.
          </p>
          <div className="flex flex-col gap-2">
            <Label htmlFor={ids.search}>Search offerings</Label>
            <Input
              id={ids.search}
              type="search"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              placeholder="Model, platform or native id"
              aria-describedby={errors.targets ? `${ids.targets}-error` : undefined}
              aria-invalid={errors.targets ? true : undefined}
            />
          </div>
          <div aria-live="polite">
            {errors.targets ? (
              <p id={`${ids.targets}-error`} className="text-sm font-medium text-destructive">
                {errors.targets}
              </p>
            ) : null}
          </div>
          <div className="relative max-h-[28rem] overflow-y-auto rounded-xl border">
            {groups.length === 0 ? (
              <p className="p-4 text-sm text-muted-foreground">No offering matches “{query}”.</p>
            ) : (
              groups.map(([modelName, list]) => (
                <fieldset key={modelName} className="border-b px-4 py-3 last:border-b-0">
                  <legend className="sr-only">{modelName}</legend>
                  <p aria-hidden className="mb-2 text-sm font-semibold">
                    {modelName}
                  </p>
                  <ul className="flex flex-col gap-2">
                    {list.map((offering) => {
                      const isDisabled = offering.apiStyle === null;
                      const checkboxId = `${ids.targets}-${offering.id}`;
                      return (
                        <li key={offering.id} className="flex items-start gap-3">
                          <input
                            id={checkboxId}
                            type="checkbox"
                            className="mt-1 size-4"
                            checked={selected.includes(offering.id)}
                            disabled={isDisabled}
                            onChange={() => setSelected((current) => toggle(current, offering.id))}
                            aria-describedby={`${checkboxId}-detail`}
                          />
                          <div className="flex min-w-0 flex-col gap-0.5">
                            <label
                              htmlFor={checkboxId}
                              className="flex flex-wrap items-center gap-2 text-sm font-medium"
                            >
                              {offering.platformName}
                              {offering.isSimulated ? <SimulatedBadge /> : null}
                            </label>
                            <span
                              id={`${checkboxId}-detail`}
                              className="text-xs break-all text-muted-foreground"
                            >
                              <code>{offering.nativeId}</code> · {prices(offering)}
                              {isDisabled
                                ? " · Cannot be called: no adapter (or, for a simulated platform, no emulator endpoint) speaks its API."
                                : ` · ${offering.apiStyle}`}
                            </span>
                          </div>
                        </li>
                      );
                    })}
                  </ul>
                </fieldset>
              ))
            )}
          </div>

          <fieldset className="flex flex-col gap-3 rounded-xl border p-4">
            <legend className="px-1 text-sm font-semibold">Routing policy target</legend>
            <p className="text-sm text-muted-foreground">
              A routing target sends each call through the router: it picks among two or more
              offerings by the policy, and the results show which offering served each call.
            </p>
            <div className="grid gap-3 md:grid-cols-2">
              <div className="flex flex-col gap-2">
                <Label htmlFor={ids.policy}>Policy</Label>
                <NativeSelect
                  id={ids.policy}
                  value={policy}
                  onChange={(event) => {
                    const value = TARGET_POLICIES.find((p) => p === event.target.value);
                    if (value) setPolicy(value);
                  }}
                >
                  {TARGET_POLICIES.map((option) => (
                    <option key={option} value={option}>
                      {TARGET_POLICY_LABELS[option]}
                    </option>
                  ))}
                </NativeSelect>
              </div>
              <div className="flex flex-col gap-2">
                <Label htmlFor={ids.policySearch}>Find offerings for the policy</Label>
                <Input
                  id={ids.policySearch}
                  type="search"
                  value={policyQuery}
                  onChange={(event) => setPolicyQuery(event.target.value)}
                  placeholder="Model or platform"
                />
              </div>
            </div>
            <ul
              className="flex max-h-48 flex-col gap-1 overflow-y-auto rounded-md border p-2"
              aria-label="Offerings for the policy, in order"
            >
              {policyChoices.map((offering) => {
                const checkboxId = `${ids.policy}-${offering.id}`;
                const order = policyMembers.indexOf(offering.id);
                return (
                  <li key={offering.id} className="flex items-center gap-2 text-sm">
                    <input
                      id={checkboxId}
                      type="checkbox"
                      className="size-4"
                      checked={order >= 0}
                      onChange={() => setPolicyMembers((current) => toggle(current, offering.id))}
                    />
                    <label htmlFor={checkboxId}>
                      {order >= 0 ? `${order + 1}. ` : ""}
                      {offering.label}{" "}
                      <code className="text-xs text-muted-foreground">{offering.nativeId}</code>
                    </label>
                    {offering.isSimulated ? <SimulatedBadge /> : null}
                  </li>
                );
              })}
            </ul>
            <div className="flex flex-wrap items-center gap-3">
              <Button type="button" variant="outline" onClick={addPolicy}>
                <Plus aria-hidden />
                Add policy target
              </Button>
              <span className="text-sm text-muted-foreground" aria-live="polite">
                {policyMessage ? (
                  <span className="font-medium text-destructive">{policyMessage} </span>
                ) : null}
                {policyMembers.length} chosen; at least 2. A fallback policy tries them in the order
                you ticked them.
              </span>
            </div>
          </fieldset>

          {savedPolicies.length > 0 ? (
            <fieldset className="flex flex-col gap-3 rounded-xl border p-4">
              <legend className="px-1 text-sm font-semibold">Saved routing policies</legend>
              <p className="text-sm text-muted-foreground">
                Policies saved from a routing simulation; each runs as one routing target.
              </p>
              <ul className="flex max-h-48 flex-col gap-1 overflow-y-auto rounded-md border p-2">
                {savedPolicies.map((saved) => {
                  const checkboxId = `${ids.policy}-saved-${saved.id}`;
                  return (
                    <li key={saved.id} className="flex items-center gap-2 text-sm">
                      <input
                        id={checkboxId}
                        type="checkbox"
                        className="size-4"
                        checked={savedSelected.includes(saved.id)}
                        onChange={() => setSavedSelected((current) => toggle(current, saved.id))}
                      />
                      <label htmlFor={checkboxId}>
                        {saved.name}{" "}
                        <span className="text-xs text-muted-foreground">({saved.summary})</span>
                      </label>
                    </li>
                  );
                })}
              </ul>
            </fieldset>
          ) : null}

          {selected.length + policies.length + savedSelected.length > 0 ? (
            <div className="flex flex-col gap-2">
              <h3 className="text-sm font-semibold">
                Chosen targets ({selected.length + policies.length + savedSelected.length})
              </h3>
              <ul className="flex flex-wrap gap-2">
                {selected.map((id) => (
                  <li key={id}>
                    <Badge variant="secondary" className="gap-1 py-1 text-sm font-normal">
                      {byId.get(id)?.label ?? id}
                      <button
                        type="button"
                        aria-label={`Remove ${byId.get(id)?.label ?? id}`}
                        onClick={() => setSelected((current) => current.filter((x) => x !== id))}
                      >
                        <X aria-hidden className="size-3.5" />
                      </button>
                    </Badge>
                  </li>
                ))}
                {policies.map((target, index) => {
                  const label = `${TARGET_POLICY_LABELS[target.policy]}: ${target.offeringIds
                    .map((id) => byId.get(id)?.label ?? id)
                    .join(", ")}`;
                  return (
                    <li key={`${target.policy}-${target.offeringIds.join(",")}`}>
                      <Badge variant="secondary" className="gap-1 py-1 text-sm font-normal">
                        {label}
                        <button
                          type="button"
                          aria-label={`Remove ${label}`}
                          onClick={() =>
                            setPolicies((current) => current.filter((_, i) => i !== index))
                          }
                        >
                          <X aria-hidden className="size-3.5" />
                        </button>
                      </Badge>
                    </li>
                  );
                })}
                {savedSelected.map((id) => {
                  const label = `Saved policy: ${savedPolicies.find((p) => p.id === id)?.name ?? id}`;
                  return (
                    <li key={`saved-${id}`}>
                      <Badge variant="secondary" className="gap-1 py-1 text-sm font-normal">
                        {label}
                        <button
                          type="button"
                          aria-label={`Remove ${label}`}
                          onClick={() =>
                            setSavedSelected((current) => current.filter((x) => x !== id))
                          }
                        >
                          <X aria-hidden className="size-3.5" />
                        </button>
                      </Badge>
                    </li>
                  );
                })}
              </ul>
            </div>
          ) : null}
        </section>

        {suite?.hasJudge ? (
          <section aria-labelledby="launch-judge" className="flex flex-col gap-3">
            <h2 id="launch-judge" className="text-lg font-semibold">
              Judge
            </h2>
            <SelectField
              label="Judge model"
              name="judgeOfferingId"
              value={judgeOfferingId}
              onChange={(event) => setJudgeOfferingId(event.target.value)}
              error={errors.judgeOfferingId}
              hint="Grades the rubric assertions. Its calls are counted in the run's cost."
            >
              <option value="">Choose a judge model…</option>
              {callable.map((offering) => (
                <option key={offering.id} value={offering.id}>
                  {offering.label}
                  {offering.isSimulated ? " (simulated)" : ""}
                </option>
              ))}
            </SelectField>
          </section>
        ) : null}

        <section aria-labelledby="launch-parameters" className="flex flex-col gap-4">
          <h2 id="launch-parameters" className="text-lg font-semibold">
            Parameters
          </h2>
          <div className="grid gap-4 md:grid-cols-3">
            <TextField
              label="Temperature"
              name="temperature"
              type="number"
              inputMode="decimal"
              step="0.1"
              min={0}
              max={2}
              value={temperature}
              onChange={(event) => setTemperature(event.target.value)}
              error={errors.temperature}
              hint="0 to 2."
            />
            <TextField
              label="Max tokens"
              name="maxTokens"
              type="number"
              inputMode="numeric"
              min={1}
              max={32000}
              value={maxTokens}
              onChange={(event) => setMaxTokens(event.target.value)}
              error={errors.maxTokens}
              hint="Per output."
            />
            <TextField
              label="Repeats"
              name="repeats"
              type="number"
              inputMode="numeric"
              min={1}
              max={10}
              value={repeats}
              onChange={(event) => setRepeats(event.target.value)}
              error={errors.repeats}
              hint="1 to 10 per case; averaged per case."
            />
            <TextField
              label="Concurrency per platform"
              name="concurrency"
              type="number"
              inputMode="numeric"
              min={1}
              max={64}
              value={concurrency}
              onChange={(event) => setConcurrency(event.target.value)}
              error={errors.concurrency}
              hint="Calls in flight per platform."
            />
            <TextField
              label="Requests per minute (optional)"
              name="requestsPerMinute"
              type="number"
              inputMode="numeric"
              min={1}
              value={requestsPerMinute}
              onChange={(event) => setRequestsPerMinute(event.target.value)}
              error={errors.requestsPerMinute}
              hint="Per platform; empty for no limit."
            />
            <TextField
              label="Budget cap, USD (optional)"
              name="budgetUsd"
              type="number"
              inputMode="decimal"
              step="0.01"
              min={0}
              value={budgetUsd}
              onChange={(event) => setBudgetUsd(event.target.value)}
              error={errors.budgetUsd}
              hint="The run stops when its cost reaches this."
            />
          </div>
          <label className="mt-4 flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              name="stream"
              className="mt-0.5 size-4"
              checked={isStreaming}
              onChange={(event) => setIsStreaming(event.target.checked)}
            />
            <span>
              Stream answers
              <span className="block text-muted-foreground">
                Measures time to first token and output speed. Off, calls are cheaper for the worker
                but those two figures are not measured.
              </span>
            </span>
          </label>
        </section>

        <div>
          <FormStatus message={message} icon={<CircleAlert aria-hidden />} />
          <SubmitButton isPending={isPending} pendingLabel="Launching…">
            Launch run
          </SubmitButton>
        </div>
      </div>

      <aside aria-labelledby="launch-preview" className="lg:sticky lg:top-4 lg:self-start">
        <LaunchPreviewPanel
          preview={preview.data}
          error={preview.error}
          isLoading={preview.isLoading}
          isValid={previewInput !== null}
          problems={FIELD_ORDER.flatMap((field) => {
            const problem = checked.errors[field];
            return problem && (field !== "targets" || hasTriedSubmit) ? [problem] : [];
          })}
          budgetUsd={previewInput?.budgetUsd ?? null}
        />
      </aside>
    </form>
  );
}

function LaunchPreviewPanel({
  preview,
  error,
  isLoading,
  isValid,
  problems,
  budgetUsd,
}: {
  preview: LaunchPreviewData | null;
  error: string | null;
  isLoading: boolean;
  isValid: boolean;
  problems: string[];
  budgetUsd: number | null;
}) {
  return (
    <div className="flex flex-col gap-3 rounded-xl border bg-card p-4 text-sm">
      <h2 id="launch-preview" className="text-base font-semibold">
        Preview
      </h2>
      <div aria-live="polite" aria-busy={isLoading} className="flex flex-col gap-3">
        {!isValid ? (
          <>
            <p className="text-muted-foreground">
              Choose a suite and at least one target, with valid parameters, to see how many calls
              the run makes and what it costs.
            </p>
            {problems.length ? (
              <ul className="list-disc pl-5 text-destructive">
                {problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            ) : null}
          </>
        ) : error ? (
          <p className="text-destructive">{error}</p>
        ) : !preview ? (
          <p className="text-muted-foreground">Estimating…</p>
        ) : (
          <>
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
              <dt className="text-muted-foreground">Trials</dt>
              <dd className="text-right tabular-nums">{formatCount(preview.estimate.trials)}</dd>
              {preview.estimate.judgeCalls > 0 ? (
                <>
                  <dt className="text-muted-foreground">Judge calls</dt>
                  <dd className="text-right tabular-nums">
                    {formatCount(preview.estimate.judgeCalls)}
                  </dd>
                </>
              ) : null}
              <dt className="text-muted-foreground">Expected cost</dt>
              <dd className="text-right font-medium tabular-nums">
                {formatUsd(preview.estimate.expectedUsd)}
              </dd>
              <dt className="text-muted-foreground">At most</dt>
              <dd className="text-right tabular-nums">{formatUsd(preview.estimate.maxUsd)}</dd>
            </dl>
            {preview.parity ? (
              <p className="text-xs">
                <span className="font-medium">Parity: </span>
                {describeParityOutlook(preview.parity)}
              </p>
            ) : null}
            {budgetUsd !== null &&
            preview.estimate.expectedUsd !== null &&
            preview.estimate.expectedUsd > budgetUsd ? (
              <p className="text-destructive">
                The expected cost is above the budget cap: the run will stop early.
              </p>
            ) : null}
            <p className="text-xs text-muted-foreground">
              Expected assumes outputs as long as the references; at most assumes every output
              reaches max tokens. Catalogue prices; — when a price is unknown.
            </p>
            <ul className="flex flex-col gap-2 border-t pt-3">
              {preview.estimate.targets.map((target) => (
                <li key={target.label} className="flex flex-col gap-0.5">
                  <span className="flex flex-wrap items-center gap-1.5 font-medium">
                    {target.label}
                    {preview.simulatedTargets.includes(target.label) ? <SimulatedBadge /> : null}
                  </span>
                  <span className="text-xs text-muted-foreground tabular-nums">
                    {formatCount(target.trials)} trials · {formatUsd(target.expectedUsd)} expected ·{" "}
                    {formatUsd(target.maxUsd)} at most
                  </span>
                </li>
              ))}
              {preview.needsJudge ? (
                <li className="flex flex-col gap-0.5">
                  <span className="flex flex-wrap items-center gap-1.5 font-medium">
                    Judge
                    {preview.simulatedTargets.includes("the judge") ? <SimulatedBadge /> : null}
                  </span>
                  <span className="text-xs text-muted-foreground tabular-nums">
                    {formatCount(preview.estimate.judgeCalls)} calls ·{" "}
                    {formatUsd(preview.estimate.judgeUsd)}
                  </span>
                </li>
              ) : null}
            </ul>
            {preview.simulatedTargets.length > 0 ? (
              <p className="text-xs">
                <SimulatedBadge className="mr-1" /> {preview.simulatedTargets.length} of{" "}
                {preview.estimate.targets.length + (preview.needsJudge ? 1 : 0)} run against the
                emulator; their results will be labelled simulated.
              </p>
            ) : null}
          </>
        )}
      </div>
    </div>
  );
}
