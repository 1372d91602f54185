import { describe, expect, it } from "vitest";

import { refusal } from "@/components/forms/action-result";
import {
  checkedInput,
  messageUnlessFieldErrors,
  readTexts,
} from "@/components/forms/use-action-form";

describe("readTexts", () => {
  it("reads every field, trims only those named, and gives an absent field as empty", () => {
    const data = new FormData();
    data.set("email", "  ana@example.com ");
    data.set("password", "  spaced passphrase ");
    expect(readTexts(data, ["email", "password", "name"], ["email"])).toEqual({
      email: "ana@example.com",
      password: "  spaced passphrase ",
      name: "",
    });
  });
});

describe("checkedInput", () => {
  it("sends the input when no field has a message", () => {
    expect(checkedInput({ email: undefined }, { email: "a@b.c" })).toEqual({
      ok: true,
      input: { email: "a@b.c" },
    });
  });

  it("keeps the input back when a field has a message", () => {
    expect(checkedInput({ email: "Email is required." }, { email: "" })).toEqual({
      ok: false,
      errors: { email: "Email is required." },
    });
  });
});

describe("messageUnlessFieldErrors", () => {
  const { error } = refusal("Check the fields below.") as {
    error: { code: string; message: string };
  };

  it("shows the refusal's message when no field says what is wrong", () => {
    expect(messageUnlessFieldErrors(error, {})).toBe("Check the fields below.");
  });

  it("shows no form message when a field already says what is wrong", () => {
    expect(messageUnlessFieldErrors(error, { email: "Email is taken." })).toBeNull();
  });
});
