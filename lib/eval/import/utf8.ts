import type { ImportIssue } from "./issues";

function isValidPrefix(bytes: Uint8Array, length: number): boolean {
  try {
    // `stream` tolerates a character cut off at the end of the prefix: only real errors throw.
    new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, length), { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes an uploaded file as UTF-8, refusing invalid bytes instead of replacing them with U+FFFD
 * (which would import a silently corrupted suite). The error names the line of the first invalid
 * byte, found by bisecting over prefixes with the native decoder (n log n, no hand-written DFA).
 */
export function decodeUtf8(
  file: string,
  bytes: Uint8Array,
): { ok: true; text: string } | { ok: false; issue: ImportIssue } {
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    let valid = 0;
    let invalid = bytes.length;
    while (invalid - valid > 1) {
      const middle = Math.floor((valid + invalid) / 2);
      if (isValidPrefix(bytes, middle)) valid = middle;
      else invalid = middle;
    }
    let line = 1;
    for (let index = 0; index < invalid - 1; index++) if (bytes[index] === 0x0a) line++;
    return {
      ok: false,
      issue: {
        file,
        line,
        message:
          "the file is not valid UTF-8 text; save it as UTF-8 (it may be in another encoding, or binary)",
      },
    };
  }
}
