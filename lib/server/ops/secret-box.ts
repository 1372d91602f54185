import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * Encryption at rest for provider credentials: AES-256-GCM under a 32-byte key, a fresh random
 * IV per encryption, and associated data that binds each ciphertext to the place it is stored.
 *
 * This module reads no environment and touches no files: keys come in as arguments
 * (see `secret-key.ts` for where they come from). Nothing it throws contains a plaintext or a key.
 *
 * A sealed secret is one ASCII string:
 *
 * ```text
 * v1.<keyId>.<iv>.<tag>.<ciphertext>      (iv, tag and ciphertext in unpadded base64url)
 * ```
 *
 * `keyId` is {@link secretKeyId}: the first 8 hex characters of the SHA-256 of the raw key bytes,
 * so an operator can compute it with
 * `echo "$CROSSBENCH_SECRET_KEY" | openssl base64 -d | sha256sum | cut -c1-8`.
 *
 * Keys are plain 32-byte buffers (other modules derive keys from the same bytes, for example the
 * session secret). Never log one: a Buffer prints its bytes.
 */

const VERSION = "v1";
const ALGORITHM = "aes-256-gcm";
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[0-9a-f]{8}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

const KEY_FORMAT_HELP =
  "must be 32 random bytes written as base64 (44 characters) or hex (64 characters); generate one with `openssl rand -base64 32`";

/** Why a sealed secret could not be opened. */
export type SecretBoxErrorKind =
  /** Sealed under a key that is not among the keys supplied. */
  | "wrong-key"
  /** The key matches but authentication failed: modified data, or associated data of another row or field. */
  | "tampered"
  /** Not a sealed secret of a version this code reads. */
  | "malformed";

/** A sealed secret could not be opened. The message names key ids only, never key or plaintext. */
export class SecretBoxError extends Error {
  override readonly name = "SecretBoxError";
  constructor(
    readonly kind: SecretBoxErrorKind,
    message: string,
    /** The key id recorded in the sealed secret, when it could be read. */
    readonly sealedKeyId: string | null = null,
  ) {
    super(message);
  }
}

/** A key that cannot be used: wrong length or encoding, or missing where one is required. */
export class SecretKeyError extends Error {
  override readonly name = "SecretKeyError";
}

/**
 * The short public fingerprint of a key: the first 8 hex characters of SHA-256 of its bytes. It is
 * recorded in every sealed secret so decryption can pick the right key and rotation knows what to
 * redo; 32 bits of a hash reveal nothing useful about a 256-bit random key.
 */
export function secretKeyId(key: Uint8Array): string {
  return createHash("sha256").update(requireKey(key)).digest("hex").slice(0, 8);
}

function requireKey(key: Uint8Array): Uint8Array {
  if (!(key instanceof Uint8Array) || key.length !== KEY_BYTES) {
    throw new TypeError(
      "A secret key must be 32 bytes; build it with parseSecretKey or loadOrCreateSecretKey.",
    );
  }
  return key;
}

/**
 * Parses a 32-byte key written as base64 (44 characters with padding, or 43 without), base64url,
 * or 64 hex characters. Surrounding whitespace (a trailing newline in a file) is ignored.
 *
 * @param label what the text is, for the error message (for example `CROSSBENCH_SECRET_KEY`).
 * @throws {SecretKeyError} explaining the expected format and how to generate a key. The message
 *   gives the length of the input, never the input.
 */
export function parseSecretKey(text: string, label = "The secret key"): Buffer {
  const trimmed = text.trim();
  let bytes: Buffer | null = null;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) {
    bytes = Buffer.from(trimmed, "hex");
  } else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    bytes = Buffer.from(trimmed.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  }
  if (!bytes || bytes.length !== KEY_BYTES) {
    throw new SecretKeyError(`${label} ${KEY_FORMAT_HELP} (got ${trimmed.length} characters).`);
  }
  // A constant key is a placeholder someone forgot to replace (all "A"s decode to zero bytes),
  // never the output of a random generator.
  if (bytes.every((byte) => byte === bytes[0])) {
    throw new SecretKeyError(
      `${label} is a placeholder (every byte is the same); it ${KEY_FORMAT_HELP}.`,
    );
  }
  return bytes;
}

function gcmAad(keyId: string, aad: string): Buffer {
  // The version and key id are authenticated too. They have a fixed shape, so the
  // concatenation cannot be ambiguous.
  return Buffer.from(`crossbench-secret:${VERSION}:${keyId}:${aad}`, "utf8");
}

// Unpaired surrogates become U+FFFD in UTF-8, so two different strings would encrypt to the same
// bytes: a secret would come back altered, and two contexts would share associated data.
const UNPAIRED_SURROGATE = /[\uD800-\uDFFF]/u;

function requireAad(aad: string): void {
  if (typeof aad !== "string" || aad.length === 0 || UNPAIRED_SURROGATE.test(aad)) {
    throw new TypeError(
      "Associated data must be a non-empty Unicode string such as credential:<id>:<field>.",
    );
  }
}

/**
 * Encrypts a UTF-8 secret under `key`, bound to `aad`.
 *
 * @param aad where the secret is stored, for example `credential:<id>:apiKey`. The same string
 *   must be given to decrypt, so a sealed value copied to another row or field does not open.
 * @returns `v1.<keyId>.<iv>.<tag>.<ciphertext>`; a new random IV each call, so sealing the same
 *   secret twice gives different strings.
 * @throws {TypeError} when `aad` is empty, or either string holds an unpaired UTF-16 surrogate
 *   (UTF-8 would silently replace it with U+FFFD).
 */
export function encryptSecret(key: Uint8Array, plaintext: string, aad: string): string {
  requireAad(aad);
  if (UNPAIRED_SURROGATE.test(plaintext)) {
    throw new TypeError(
      "The secret is not valid Unicode text (it holds an unpaired surrogate), so it cannot be stored unchanged.",
    );
  }
  const keyId = secretKeyId(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(gcmAad(keyId, aad));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    VERSION,
    keyId,
    iv.toString("base64url"),
    tag.toString("base64url"),
    ciphertext.toString("base64url"),
  ].join(".");
}

interface SealedParts {
  keyId: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

// Strict: Node's base64url decoder skips characters it does not know and ignores unused trailing
// bits, so without the round-trip check an edited character could decode to the same bytes.
function decodeBase64url(text: string): Buffer | null {
  if (!BASE64URL.test(text)) return null;
  const bytes = Buffer.from(text, "base64url");
  return bytes.toString("base64url") === text ? bytes : null;
}

function malformed(detail: string): SecretBoxError {
  return new SecretBoxError("malformed", `The stored secret is malformed: ${detail}.`);
}

function parseSealed(sealed: string): SealedParts {
  if (typeof sealed !== "string") throw malformed("it is not a string");
  const parts = sealed.split(".");
  if (parts.length !== 5) throw malformed("expected v1.<keyId>.<iv>.<tag>.<ciphertext>");
  const [version, keyId, ivText, tagText, ciphertextText] = parts as [
    string,
    string,
    string,
    string,
    string,
  ];
  if (version !== VERSION) throw malformed(`unknown format version (this code reads ${VERSION})`);
  if (!KEY_ID.test(keyId)) throw malformed("the key id is not 8 hex characters");
  const iv = decodeBase64url(ivText);
  if (!iv || iv.length !== IV_BYTES) throw malformed("the IV is not 12 bytes of base64url");
  const tag = decodeBase64url(tagText);
  if (!tag || tag.length !== TAG_BYTES) throw malformed("the tag is not 16 bytes of base64url");
  const ciphertext = decodeBase64url(ciphertextText);
  if (!ciphertext) throw malformed("the ciphertext is not base64url");
  return { keyId, iv, tag, ciphertext };
}

/**
 * Opens a sealed secret. The key is chosen by the id recorded in `sealed`, so `keys` may hold the
 * current key and any previous ones in any order.
 *
 * @throws {SecretBoxError} `wrong-key` when none of `keys` has the recorded id (the message names
 *   the recorded and the available ids), `tampered` when authentication fails (modified data, or
 *   an `aad` other than the one it was sealed with), `malformed` when it is not a v1 sealed secret.
 */
export function decryptSecret(keys: readonly Uint8Array[], sealed: string, aad: string): string {
  requireAad(aad);
  const parts = parseSealed(sealed);
  const ids = keys.map(secretKeyId);
  const candidates = keys.filter((_, index) => ids[index] === parts.keyId);
  if (candidates.length === 0) {
    const available = ids.join(", ") || "none";
    throw new SecretBoxError(
      "wrong-key",
      `This secret was encrypted under key ${parts.keyId}, but the available keys are ${available}; configure the key it was encrypted with (as current or previous key) or enter the secret again.`,
      parts.keyId,
    );
  }
  // Two keys with one 32-bit id are astronomically unlikely, but trying each costs nothing.
  for (const key of candidates) {
    const decipher = createDecipheriv(ALGORITHM, key, parts.iv, {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(gcmAad(parts.keyId, aad));
    decipher.setAuthTag(parts.tag);
    try {
      return Buffer.concat([decipher.update(parts.ciphertext), decipher.final()]).toString("utf8");
    } catch {
      // Authentication failed under this key; the error below covers every candidate.
    }
  }
  throw new SecretBoxError(
    "tampered",
    `This secret (key ${parts.keyId}) failed authentication: it was modified, or it belongs to another record or field.`,
    parts.keyId,
  );
}

/**
 * Whether `sealed` records `key`'s id, i.e. whether key rotation can skip it. Only the id is read;
 * nothing is decrypted, so `true` does not prove the value is intact. A malformed value is `false`.
 */
export function isSealedWith(sealed: string, key: Uint8Array): boolean {
  const keyId = secretKeyId(key);
  try {
    return parseSealed(sealed).keyId === keyId;
  } catch {
    return false;
  }
}

/**
 * Re-seals a secret under `newKey` for key rotation, with a fresh IV. The secret is opened with
 * `oldKeys` or `newKey`, so a value already under the new key is accepted (rotation can resume
 * after an interruption); use {@link isSealedWith} first to skip those without rewriting them.
 *
 * @throws {SecretBoxError} as {@link decryptSecret}.
 */
export function reencryptSecret(
  oldKeys: readonly Uint8Array[],
  newKey: Uint8Array,
  sealed: string,
  aad: string,
): string {
  return encryptSecret(newKey, decryptSecret([newKey, ...oldKeys], sealed, aad), aad);
}

/**
 * The last four characters of a secret, to show which key is stored (`…a1b2`).
 *
 * Returns an empty string for secrets shorter than 8 characters: four of seven characters would
 * give most of a short secret away, so the caller shows a mask alone. Characters are counted as
 * Unicode code points, so an emoji is never split in half.
 */
export function lastFour(plaintext: string): string {
  const characters = Array.from(plaintext);
  return characters.length < 8 ? "" : characters.slice(-4).join("");
}
