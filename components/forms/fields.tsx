import { Loader2 } from "lucide-react";
import { useId, type ComponentProps, type ReactNode } from "react";

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

function describedBy(id: string, hint: ReactNode, error: string | undefined): string | undefined {
  const ids = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function FieldFrame({ id, label, hint, error, className, children }: FieldFrameProps) {
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

interface NewPasswordFieldsProps {
  label: string;
  name: string;
  confirmLabel: string;
  error?: string;
  confirmError?: string;
}

/** A new password and its confirmation, with the password rule the server enforces. */
export function NewPasswordFields({
  label,
  name,
  confirmLabel,
  error,
  confirmError,
}: NewPasswordFieldsProps) {
  return (
    <>
      <TextField
        label={label}
        name={name}
        type="password"
        autoComplete="new-password"
        required
        minLength={12}
        maxLength={128}
        hint="12 to 128 characters. A few unrelated words make a strong one."
        error={error}
      />
      <TextField
        label={confirmLabel}
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        maxLength={128}
        error={confirmError}
      />
    </>
  );
}
