import { createHash, randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decryptSecret,
  encryptSecret,
  isSealedWith,
  lastFour,
  parseSecretKey,
  reencryptSecret,
  SecretBoxError,
  secretKeyId,
  SecretKeyError,
} from "./secret-box";

const keyA = randomBytes(32);
const keyB = randomBytes(32);
const AAD = "credential:cred_1:apiKey";
const API_KEY = "sk-proj-4f9a8c7e6d5b4a3928172635445362718";

const serviceAccount = JSON.stringify(
  {
    type: "service_account",
    project_id: "crossbench-test",
    private_key_id: "0123456789abcdef0123456789abcdef01234567",
    private_key: `-----BEGIN PRIVATE KEY-----\n${randomBytes(1200)
      .toString("base64")
      .replace(/(.{64})/g, "$1\n")}\n-----END PRIVATE KEY-----\n`,
    client_email: "crossbench@crossbench-test.iam.gserviceaccount.com",
    client_id: "123456789012345678901",
    token_uri: "https://oauth2.googleapis.com/token",
  },
  null,
  2,
);

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

function expectSecretBoxError(run: () => unknown, kind: SecretBoxError["kind"]): SecretBoxError {
  const error = caught(run);
  expect(error).toBeInstanceOf(SecretBoxError);
  expect((error as SecretBoxError).kind).toBe(kind);
  return error as SecretBoxError;
}

/** Replaces one character of part `index` of a sealed string with a different base64url one. */
function tamperPart(sealed: string, index: number, position = 0): string {
  const parts = sealed.split(".");
  const part = parts[index] ?? "";
  const at = position < 0 ? part.length + position : position;
  const original = part[at];
  const replacement = original === "A" ? "B" : "A";
  parts[index] = part.slice(0, at) + replacement + part.slice(at + 1);
  return parts.join(".");
}

describe("encryptSecret and decryptSecret", () => {
  it.each([
    ["an API key", API_KEY],
    ["unicode", "clé-秘密-🔑-ключ with spaces and \t tabs"],
    ["a multi-KB service-account JSON", serviceAccount],
    ["an empty string", ""],
  ])("round-trips %s", (_, secret) => {
    const sealed = encryptSecret(keyA, secret, AAD);
    expect(decryptSecret([keyA], sealed, AAD)).toBe(secret);
  });

  it("seals a multi-KB service account without revealing any of it", () => {
    expect(serviceAccount.length).toBeGreaterThan(2000);
    const sealed = encryptSecret(keyA, serviceAccount, AAD);
    expect(sealed).not.toContain("PRIVATE KEY");
    expect(sealed).not.toContain("crossbench-test");
  });

  it("produces the documented v1 format with the key's id", () => {
    const sealed = encryptSecret(keyA, API_KEY, AAD);
    const expectedId = createHash("sha256").update(keyA).digest("hex").slice(0, 8);
    expect(sealed).toMatch(
      new RegExp(`^v1\\.${expectedId}\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]+$`),
    );
    expect(secretKeyId(keyA)).toBe(expectedId);
    expect(sealed).not.toContain(API_KEY);
  });

  it("uses a different IV each time, so the same secret seals differently", () => {
    const sealed = Array.from({ length: 50 }, () => encryptSecret(keyA, API_KEY, AAD));
    expect(new Set(sealed).size).toBe(50);
    expect(new Set(sealed.map((value) => value.split(".")[2])).size).toBe(50);
  });

  it("refuses a ciphertext moved to another row or field (AAD mismatch) as tampered", () => {
    const sealed = encryptSecret(keyA, API_KEY, AAD);
    expectSecretBoxError(
      () => decryptSecret([keyA], sealed, "credential:cred_2:apiKey"),
      "tampered",
    );
    expectSecretBoxError(
      () => decryptSecret([keyA], sealed, "credential:cred_1:secretAccessKey"),
      "tampered",
    );
  });

  it("requires associated data", () => {
    expect(() => encryptSecret(keyA, API_KEY, "")).toThrow(TypeError);
    const sealed = encryptSecret(keyA, API_KEY, AAD);
    expect(() => decryptSecret([keyA], sealed, "")).toThrow(TypeError);
    // "\uD800" and "\uDC00" would both become U+FFFD in UTF-8: two contexts, one binding.
    expect(() => encryptSecret(keyA, API_KEY, "credential:\uD800")).toThrow(TypeError);
  });

  it("refuses a string with an unpaired surrogate instead of storing it altered", () => {
    expect(() => encryptSecret(keyA, "abc\uD800def", AAD)).toThrow(/not valid Unicode/);
    expect(decryptSecret([keyA], encryptSecret(keyA, "a😀b", AAD), AAD)).toBe("a😀b");
  });

  it("refuses keys that are not 32 bytes without printing them", () => {
    const short = Buffer.alloc(16, 7);
    expect(() => encryptSecret(short, API_KEY, AAD)).toThrow(/32 bytes/);
    expect(() => secretKeyId(Buffer.alloc(33))).toThrow(TypeError);
  });

  describe("tampering", () => {
    const sealed = encryptSecret(keyA, API_KEY, AAD);

    it.each([
      ["the IV", 2, 0],
      ["the IV's last character", 2, -1],
      ["the tag", 3, 0],
      ["the tag's last character", 3, -1],
      ["the ciphertext", 4, 0],
      ["the ciphertext's last character", 4, -1],
    ])("fails when %s changes", (_, index, position) => {
      const tampered = tamperPart(sealed, index, position);
      expect(tampered).not.toBe(sealed);
      const error = caught(() => decryptSecret([keyA], tampered, AAD));
      expect(error).toBeInstanceOf(SecretBoxError);
      // A change that leaves valid base64url of the right length reaches GCM and fails
      // authentication; one that does not is rejected before decryption.
      expect(["tampered", "malformed"]).toContain((error as SecretBoxError).kind);
    });

    it("refuses an edited tag that a lenient base64url decoder would read as the same bytes", () => {
      // 16 bytes take 22 characters; the last one carries 4 unused bits, and flipping one of
      // them leaves the decoded tag unchanged.
      const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
      const parts = sealed.split(".");
      const tag = parts[3] ?? "";
      const last = alphabet.indexOf(tag.slice(-1));
      parts[3] = tag.slice(0, -1) + alphabet[last ^ 1];
      expect(Buffer.from(parts[3], "base64url").equals(Buffer.from(tag, "base64url"))).toBe(true);
      expectSecretBoxError(() => decryptSecret([keyA], parts.join("."), AAD), "malformed");
    });

    it("fails as tampered when a middle byte of the ciphertext flips", () => {
      const parts = sealed.split(".");
      const bytes = Buffer.from(parts[4] ?? "", "base64url");
      bytes[5] = (bytes[5] ?? 0) ^ 0x01;
      parts[4] = bytes.toString("base64url");
      expectSecretBoxError(() => decryptSecret([keyA], parts.join("."), AAD), "tampered");
    });

    it("fails when the key id is changed to another available key's id", () => {
      const swapped = sealed.replace(secretKeyId(keyA), secretKeyId(keyB));
      expectSecretBoxError(() => decryptSecret([keyA, keyB], swapped, AAD), "tampered");
    });

    it("fails as wrong-key when the key id is changed to an unknown one", () => {
      const id = secretKeyId(keyA);
      const unknown = sealed.replace(id, id === "00000000" ? "11111111" : "00000000");
      expectSecretBoxError(() => decryptSecret([keyA], unknown, AAD), "wrong-key");
    });

    it("fails when the ciphertext is truncated or extended", () => {
      const parts = sealed.split(".");
      const bytes = Buffer.from(parts[4] ?? "", "base64url");
      for (const changed of [bytes.subarray(0, -1), Buffer.concat([bytes, Buffer.from([0])])]) {
        parts[4] = changed.toString("base64url");
        expectSecretBoxError(() => decryptSecret([keyA], parts.join("."), AAD), "tampered");
      }
    });

    it.each([
      ["an empty string", ""],
      ["plain text", "not a secret"],
      ["an unknown version", sealed.replace(/^v1\./, "v2.")],
      ["too few parts", sealed.split(".").slice(0, 4).join(".")],
      ["too many parts", `${sealed}.x`],
      ["a short IV", sealed.replace(/^(v1\.[0-9a-f]{8}\.)[A-Za-z0-9_-]{16}/, "$1AAAA")],
      ["a truncated tag", sealed.replace(/^(v1\.[0-9a-f]{8}\.[^.]+\.)[A-Za-z0-9_-]{22}/, "$1AAAA")],
      ["a non-base64url character", sealed.replace(/\.([^.]*)$/, ".+$1")],
      ["a key id that is not 8 hex characters", sealed.replace(/^v1\.[0-9a-f]{8}/, "v1.zzzzzzzz")],
    ])("reports %s as malformed", (_, value) => {
      expectSecretBoxError(() => decryptSecret([keyA], value, AAD), "malformed");
    });
  });

  it("fails with kind wrong-key, naming both key ids, when the key is not available", () => {
    const sealed = encryptSecret(keyA, API_KEY, AAD);
    const error = expectSecretBoxError(() => decryptSecret([keyB], sealed, AAD), "wrong-key");
    expect(error.message).toContain(secretKeyId(keyA));
    expect(error.message).toContain(secretKeyId(keyB));
    expect(error.sealedKeyId).toBe(secretKeyId(keyA));
    expectSecretBoxError(() => decryptSecret([], sealed, AAD), "wrong-key");
  });

  it("finds the right key among several by its id", () => {
    const keyC = randomBytes(32);
    const sealed = encryptSecret(keyB, API_KEY, AAD);
    expect(decryptSecret([keyA, keyB, keyC], sealed, AAD)).toBe(API_KEY);
    expect(decryptSecret([keyC, keyB], sealed, AAD)).toBe(API_KEY);
  });

  it("never puts the plaintext or the key in an error message", () => {
    const sealed = encryptSecret(keyA, API_KEY, AAD);
    const messages = [
      caught(() => decryptSecret([keyB], sealed, AAD)),
      caught(() => decryptSecret([keyA], sealed, "other")),
      caught(() => decryptSecret([keyA], tamperPart(sealed, 4), AAD)),
      caught(() => decryptSecret([keyA], "v1.zz", AAD)),
    ].map((error) => String((error as Error).message));
    for (const message of messages) {
      expect(message).not.toContain(API_KEY);
      for (const key of [keyA, keyB]) {
        expect(message).not.toContain(key.toString("base64"));
        expect(message).not.toContain(key.toString("hex"));
      }
    }
  });
});

describe("key rotation", () => {
  it("re-seals under the new key, which then decrypts alone", () => {
    const sealed = encryptSecret(keyA, API_KEY, AAD);
    expect(isSealedWith(sealed, keyA)).toBe(true);
    expect(isSealedWith(sealed, keyB)).toBe(false);

    const rotated = reencryptSecret([keyA], keyB, sealed, AAD);
    expect(isSealedWith(rotated, keyB)).toBe(true);
    expect(decryptSecret([keyB], rotated, AAD)).toBe(API_KEY);
    expectSecretBoxError(() => decryptSecret([keyA], rotated, AAD), "wrong-key");
  });

  it("accepts a value already under the new key, so an interrupted rotation can resume", () => {
    const sealed = encryptSecret(keyB, API_KEY, AAD);
    const again = reencryptSecret([keyA], keyB, sealed, AAD);
    expect(again).not.toBe(sealed);
    expect(decryptSecret([keyB], again, AAD)).toBe(API_KEY);
  });

  it("keeps the AAD binding and refuses what the old keys cannot open", () => {
    const sealed = encryptSecret(keyA, API_KEY, AAD);
    expectSecretBoxError(() => reencryptSecret([keyA], keyB, sealed, "other"), "tampered");
    expectSecretBoxError(() => reencryptSecret([], keyB, sealed, AAD), "wrong-key");
  });

  it("says false, rather than throwing, for a malformed value", () => {
    expect(isSealedWith("garbage", keyA)).toBe(false);
  });
});

describe("parseSecretKey", () => {
  const bytes = randomBytes(32);

  it.each([
    ["base64 with padding (openssl rand -base64 32)", bytes.toString("base64")],
    ["base64url without padding", bytes.toString("base64url")],
    ["base64 without padding", bytes.toString("base64").replace(/=$/, "")],
    ["lower-case hex", bytes.toString("hex")],
    ["upper-case hex", bytes.toString("hex").toUpperCase()],
    ["base64 with a trailing newline", `${bytes.toString("base64")}\n`],
  ])("accepts %s", (_, text) => {
    expect(parseSecretKey(text).equals(bytes)).toBe(true);
  });

  it("reads 44 base64 characters and 64 hex characters", () => {
    expect(bytes.toString("base64")).toHaveLength(44);
    expect(bytes.toString("hex")).toHaveLength(64);
  });

  it.each([
    ["31 bytes of base64", randomBytes(31).toString("base64")],
    ["33 bytes of base64", randomBytes(33).toString("base64")],
    ["31 bytes of hex", randomBytes(31).toString("hex")],
    ["33 bytes of hex", randomBytes(33).toString("hex")],
    ["64 characters that are not hex", `${"g".repeat(63)}h`],
    ["a passphrase", "correct horse battery staple"],
    ["an empty string", ""],
    ["base64 with a character outside the alphabet", `${bytes.toString("base64").slice(0, 42)}!=`],
    ["an all-zero placeholder", Buffer.alloc(32).toString("base64")],
  ])("rejects %s, explaining the format without echoing the input", (_, text) => {
    const error = caught(() => parseSecretKey(text, "CROSSBENCH_SECRET_KEY"));
    expect(error).toBeInstanceOf(SecretKeyError);
    const message = (error as Error).message;
    expect(message).toContain("CROSSBENCH_SECRET_KEY");
    expect(message).toContain("openssl rand -base64 32");
    expect(message).toMatch(/base64/);
    expect(message).toMatch(/hex/);
    if (text.length > 0) expect(message).not.toContain(text);
  });
});

describe("lastFour", () => {
  it("shows the last four characters of a secret of 8 characters or more", () => {
    expect(lastFour(API_KEY)).toBe("2718");
    expect(lastFour("12345678")).toBe("5678");
  });

  it("shows nothing for a secret shorter than 8 characters", () => {
    expect(lastFour("1234567")).toBe("");
    expect(lastFour("")).toBe("");
  });

  it("counts code points, never splitting a character", () => {
    expect(lastFour("abcdefg🔑")).toBe("efg🔑");
    expect(lastFour("🔑🔑🔑🔑🔑🔑🔑")).toBe("");
  });
});

describe("properties", () => {
  const anyText = fc.string({ unit: "binary", maxLength: 300 });

  it("decrypt(encrypt(x)) === x for any text and any associated data", () => {
    fc.assert(
      fc.property(anyText, fc.string({ unit: "binary", minLength: 1, maxLength: 60 }), (x, aad) => {
        expect(decryptSecret([keyA], encryptSecret(keyA, x, aad), aad)).toBe(x);
      }),
    );
  });

  it("the sealed string never contains a secret of 8 characters or more", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", minLength: 8, maxLength: 300 }),
        fc.string({ minLength: 1, maxLength: 40 }),
        (x, aad) => {
          expect(encryptSecret(keyA, x, aad)).not.toContain(x);
        },
      ),
    );
  });

  it("the sealed string never contains a secret drawn from the sealed alphabet", () => {
    // Printable ASCII secrets are the ones that could, by chance, appear in base64url output.
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9_.-]{8,64}$/),
        fc.string({ minLength: 1, maxLength: 40 }),
        (x, aad) => {
          expect(encryptSecret(keyA, x, aad)).not.toContain(x);
        },
      ),
    );
  });
});
