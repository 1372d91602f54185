import { describe, expect, it } from "vitest";
import { decodeUtf8 } from "./utf8";

const encode = (text: string) => new TextEncoder().encode(text);

describe("decodeUtf8", () => {
  it("decodes valid UTF-8, multi-byte characters included", () => {
    expect(decodeUtf8("a.csv", encode("naïve,東京\n🙂\n"))).toEqual({
      ok: true,
      text: "naïve,東京\n🙂\n",
    });
  });

  it("refuses invalid bytes with the line of the first one", () => {
    const bytes = new Uint8Array([...encode("input,ideal\nfine,ok\ncaf"), 0xe9, ...encode(",x\n")]);
    expect(decodeUtf8("tests.csv", bytes)).toEqual({
      ok: false,
      issue: { file: "tests.csv", line: 3, message: expect.stringMatching(/not valid UTF-8/) },
    });
  });

  it("finds a truncated character at the very end and an invalid first byte", () => {
    expect(decodeUtf8("a", new Uint8Array([...encode("a\nb\n"), 0xe6, 0x9d]))).toMatchObject({
      ok: false,
      issue: { line: 3 },
    });
    expect(decodeUtf8("a", new Uint8Array([0xff, 0x0a]))).toMatchObject({
      ok: false,
      issue: { line: 1 },
    });
  });
});
