import { CircleAlert, CircleCheck, Loader2 } from "lucide-react";
import { useId, type ChangeEvent, type ComponentProps, type ReactNode } from "react";

import type { FieldErrors } from "@/components/forms/field-errors";
import type { FormMessage } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { useIsHydrated } from "@/components/use-is-hydrated";

interface FieldFrameProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  className?: string;
  children: ReactNode;
}

/** The ids that describe a control: its error first, then its hint. */
export function describedBy(
  id: string,
  hint: ReactNode,
  error: string | undefined,
): string | undefined {
  const ids = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

/** A label, the control, its hint and its error (announced when it appears), for any control. */
export function FieldFrame({ id, label, hint, error, className, children }: FieldFrameProps) {
  return (
    <div className={cn("flex flex-col", className)}>
      <Label htmlFor={id} className="mb-2">
        {label}
      </Label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1.5 text-sm text-muted-foreground">
          {hint}
        </p>
      ) : null}
      {/* Always present, so that a message put into it is announced. */}
      <div aria-live="polite">
        {error ? (
          <p id={`${id}-error`} className="mt-1.5 text-sm font-medium text-destructive">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}

interface TextFieldProps extends Omit<ComponentProps<"input">, "id"> {
  label: ReactNode;
  name: string;
  hint?: ReactNode;
  /** Shown under the field, which is then marked invalid and described by it. */
  error?: string;
}

/** A labelled input with its hint and error wired to it for assistive technology. */
export function TextField({ label, hint, error, className, ...props }: TextFieldProps) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={className}>
      <Input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...props}
      />
    </FieldFrame>
  );
}

/** A person's name. */
export function NameField(props: Omit<TextFieldProps, "name">) {
  return <TextField name="name" required maxLength={100} {...props} />;
}

/** An email address: the email keyboard on phones, no spell check. */
export function EmailField(props: Omit<TextFieldProps, "name" | "type">) {
  return (
    <TextField name="email" type="email" inputMode="email" spellCheck={false} required {...props} />
  );
}

/**
 * For a select bound to state: sets the state to the chosen value once `schema` accepts it, so the
 * state keeps its type.
 */
export function onParsedChange<T>(
  schema: { safeParse: (value: unknown) => { success: true; data: T } | { success: false } },
  set: (value: T) => void,
) {
  return (event: ChangeEvent<HTMLSelectElement>) => {
    const parsed = schema.safeParse(event.target.value);
    if (parsed.success) set(parsed.data);
  };
}

interface SelectFieldProps extends Omit<ComponentProps<"select">, "id"> {
  label: ReactNode;
  name: string;
  hint?: ReactNode;
  error?: string;
}

export function SelectField({ label, hint, error, className, ...props }: SelectFieldProps) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={className}>
      <NativeSelect
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...props}
      />
    </FieldFrame>
  );
}

/**
 * A live region that is always in the page, so that a message put into it is announced: the
 * form-level error or success after a submit. Field errors are announced by their own fields.
 */
export function FormStatus({
  message,
  variant = "error",
  icon,
}: {
  message?: ReactNode;
  variant?: "error" | "success" | "info";
  icon?: ReactNode;
}) {
  return (
    <div aria-live="polite" aria-atomic="true">
      {message ? (
        <Alert variant={variant} className="mb-4">
          {icon}
          <div>{message}</div>
        </Alert>
      ) : null}
    </div>
  );
}

/** A form's message after a submit, with a tick for a success and a warning sign for an error. */
export function ActionStatus({ status }: { status: FormMessage | null }) {
  return (
    <FormStatus
      message={status?.text}
      variant={status?.variant}
      icon={
        status?.variant === "success" ? <CircleCheck aria-hidden /> : <CircleAlert aria-hidden />
      }
    />
  );
}

/**
 * The submit button. While pending it stays focusable (aria-disabled rather than disabled, so focus
 * is not lost) and the form's handler ignores further submits.
 */
export function SubmitButton({
  isPending,
  pendingLabel,
  children,
  className,
}: {
  isPending: boolean;
  pendingLabel: string;
  children: ReactNode;
  className?: string;
}) {
  // Disabled (not just aria-disabled) until hydrated: see useIsHydrated.
  const isHydrated = useIsHydrated();
  return (
    <Button
      type="submit"
      disabled={!isHydrated}
      aria-disabled={isPending || undefined}
      className={cn("aria-disabled:cursor-progress aria-disabled:opacity-70", className)}
    >
      {isPending ? (
        <>
          <Loader2 aria-hidden className="animate-spin" />
          {pendingLabel}
        </>
      ) : (
        children
      )}
    </Button>
  );
}

/** The end of a form: its message after a submit above the submit button, and what follows it. */
export function SubmitFooter({
  status,
  isPending,
  pendingLabel,
  buttonClassName,
  after,
  children,
}: {
  status: FormMessage | null;
  isPending: boolean;
  pendingLabel: string;
  buttonClassName?: string;
  /** Shown after the submit button, such as another way to sign in. */
  after?: ReactNode;
  /** The submit button's label. */
  children: ReactNode;
}) {
  return (
    <div>
      <ActionStatus status={status} />
      <SubmitButton isPending={isPending} pendingLabel={pendingLabel} className={buttonClassName}>
        {children}
      </SubmitButton>
      {after}
    </div>
  );
}

/**
 * A new password (`name`) and its confirmation (`confirmPassword`), with the password rule the
 * server enforces; labelled and with messages from the form's `labels` and `errors`.
 */
export function NewPasswordFields<F extends string>({
  name,
  labels,
  errors,
}: {
  name: F;
  labels: Record<F | "confirmPassword", string>;
  errors: FieldErrors<F | "confirmPassword">;
}) {
  return (
    <>
      <TextField
        label={labels[name]}
        name={name}
        type="password"
        autoComplete="new-password"
        required
        minLength={12}
        maxLength={128}
        hint="12 to 128 characters. A few unrelated words make a strong one."
        error={errors[name]}
      />
      <TextField
        label={labels.confirmPassword}
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        maxLength={128}
        error={errors.confirmPassword}
      />
    </>
  );
}
