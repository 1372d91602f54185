import { describe, expect, it } from "vitest";

import { describeChangePasswordError, describeSignInError } from "@/components/auth/auth-errors";

describe("describeSignInError", () => {
  it("says the credentials are wrong on 401 without saying which one", () => {
    expect(describeSignInError({ status: 401, code: "INVALID_EMAIL_OR_PASSWORD" })).toBe(
      "Email or password is incorrect.",
    );
  });

  it("asks the user to wait when rate limited", () => {
    expect(describeSignInError({ status: 429 })).toBe(
      "Too many attempts. Wait a minute and try again.",
    );
  });

  it("says how long to wait when the server does", () => {
    expect(describeSignInError({ status: 429, code: "RATE_LIMITED", retryAfter: 30 })).toBe(
      "Too many attempts. Try again in 30 seconds.",
    );
    expect(describeSignInError({ status: 429, retryAfter: 1 })).toBe(
      "Too many attempts. Try again in 1 second.",
    );
    expect(describeSignInError({ status: 429, retryAfter: "soon" })).toBe(
      "Too many attempts. Wait a minute and try again.",
    );
  });

  it("never repeats the server's message text", () => {
    expect(describeSignInError({ status: 500, message: "stack trace here" })).not.toContain(
      "stack trace",
    );
  });
});

describe("describeChangePasswordError", () => {
  it("attaches a wrong current password to the current-password field", () => {
    expect(describeChangePasswordError({ status: 400, code: "INVALID_PASSWORD" })).toEqual({
      field: "currentPassword",
      message: "Current password is incorrect.",
    });
  });

  it("attaches a too-short new password to the new-password field", () => {
    expect(describeChangePasswordError({ status: 400, code: "PASSWORD_TOO_SHORT" }).field).toBe(
      "newPassword",
    );
  });

  it("reports an ended session as a form-level message", () => {
    expect(describeChangePasswordError({ status: 401 })).toEqual({
      message: "Your session has ended. Sign in again.",
    });
  });
});
