import { describe, expect, it } from "vitest";

import {
  checkConfirmation,
  fieldErrorsFromServer,
  validateFields,
} from "@/components/forms/field-errors";
import { firstAdminSchema } from "@/lib/schemas/account";

const labels = { name: "Name", email: "Email", password: "Password" };

describe("validateFields", () => {
  it("says an empty field is required instead of giving its format rule", () => {
    const errors = validateFields(firstAdminSchema, { name: "", email: "", password: "" }, labels);
    expect(errors).toEqual({
      name: "Name is required.",
      email: "Email is required.",
      password: "Password is required.",
    });
  });

  it("names the field in the schema's message", () => {
    const errors = validateFields(
      firstAdminSchema,
      { name: "Ana", email: "not-an-email", password: "short" },
      labels,
    );
    expect(errors).toEqual({
      email: "Email must be an email address.",
      password: "Password must be at least 12 characters.",
    });
  });

  it("finds nothing wrong with valid input", () => {
    const errors = validateFields(
      firstAdminSchema,
      { name: "Ana", email: "ana@example.com", password: "a long enough passphrase" },
      labels,
    );
    expect(errors).toEqual({});
  });
});

describe("fieldErrorsFromServer", () => {
  it("keeps the first message of each known field and drops unknown ones", () => {
    expect(
      fieldErrorsFromServer(
        { email: ["must be an email address", "second"], other: ["ignored"] },
        labels,
      ),
    ).toEqual({ email: "Email must be an email address." });
  });

  it("is empty without server field errors", () => {
    expect(fieldErrorsFromServer(undefined, labels)).toEqual({});
  });
});

describe("checkConfirmation", () => {
  const fields = {
    password: "password",
    confirmation: "confirm",
    message: "They differ.",
  } as const;

  it("says so on the confirmation when the two passwords differ", () => {
    const values = { password: "a long passphrase", confirm: "another one" };
    expect(checkConfirmation({}, values, fields)).toEqual({ confirm: "They differ." });
  });

  it("says nothing more when they match, or when either already has a message", () => {
    expect(checkConfirmation({}, { password: "same", confirm: "same" }, fields)).toEqual({});
    const tooShort = { password: "Password is too short." };
    expect(checkConfirmation(tooShort, { password: "a", confirm: "b" }, fields)).toEqual(tooShort);
  });
});
