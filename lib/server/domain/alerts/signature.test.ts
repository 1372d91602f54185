import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateSigningSecret, signWebhookBody } from "./signature";

describe("webhook signatures", () => {
  it("are sha256= and the hex HMAC-SHA256 of '<timestamp>.<body>' under the secret", () => {
    // Computed independently, as a receiver would (the second vector from Python's hmac module).
    const secret = "whsec-test-0123456789abcdef";
    const body = '{"kind":"test","text":"héllo"}';
    const expected = createHmac("sha256", secret).update(`1700000000.${body}`).digest("hex");
    expect(signWebhookBody(secret, 1_700_000_000, body)).toBe(`sha256=${expected}`);
    expect(signWebhookBody("key", 0, "")).toBe(
      "sha256=85841b4efc3cd7776c3c8f9b7cca9e281c550e5d19889d78e9e669c6337f000d",
    );
  });

  it("change with the timestamp, the body and the secret", () => {
    const signature = signWebhookBody("secret-secret-secret", 1, "{}");
    expect(signWebhookBody("secret-secret-secret", 2, "{}")).not.toBe(signature);
    expect(signWebhookBody("secret-secret-secret", 1, "{ }")).not.toBe(signature);
    expect(signWebhookBody("secret-secret-secreT", 1, "{}")).not.toBe(signature);
  });

  it("use generated secrets of 32 random bytes", () => {
    const a = generateSigningSecret();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, "base64url")).toHaveLength(32);
    expect(generateSigningSecret()).not.toBe(a);
  });
});
