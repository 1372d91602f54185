import type { AuthClientError } from "@/components/auth/auth-client";

/** "Too many attempts", with the wait the server asked for when it said one. */
function describeTooManyAttempts(error: AuthClientError): string {
  const seconds = error.retryAfter;
  if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds <= 0) {
    return "Too many attempts. Wait a minute and try again.";
  }
  const whole = Math.ceil(seconds);
  return `Too many attempts. Try again in ${whole} ${whole === 1 ? "second" : "seconds"}.`;
}

/** What to tell the user about a failed sign-in; never the server's raw text. */
export function describeSignInError(error: AuthClientError): string {
  if (error.status === 401) return "Email or password is incorrect.";
  if (error.status === 429) return describeTooManyAttempts(error);
  if (error.status === 403) return "This account cannot sign in with a password.";
  return `Signing in failed (HTTP ${error.status}). Try again; if it keeps failing, check the server log.`;
}

/** A failed password change: which field it concerns (if any) and what to say. */
export function describeChangePasswordError(error: AuthClientError): {
  field?: "currentPassword" | "newPassword";
  message: string;
} {
  if (error.code === "INVALID_PASSWORD") {
    return { field: "currentPassword", message: "Current password is incorrect." };
  }
  if (error.code === "PASSWORD_TOO_SHORT") {
    return { field: "newPassword", message: "New password must be at least 12 characters." };
  }
  if (error.code === "PASSWORD_TOO_LONG") {
    return { field: "newPassword", message: "New password must be at most 128 characters." };
  }
  if (error.status === 401) return { message: "Your session has ended. Sign in again." };
  if (error.status === 429) return { message: describeTooManyAttempts(error) };
  return {
    message: `Changing the password failed (HTTP ${error.status}). Try again; if it keeps failing, check the server log.`,
  };
}
