import { describe, expect, it } from "vitest";
import {
  checkContainsJson,
  checkIsJson,
  checkJsonEquals,
  checkJsonSchema,
  findJsonValues,
  isJsonEqual,
} from "./json";

const PERSON_SCHEMA = {
  type: "object",
  required: ["name", "age"],
  properties: { name: { type: "string" }, age: { type: "integer", minimum: 0 } },
};

describe("checkIsJson", () => {
  it("passes JSON and fails prose", () => {
    expect(checkIsJson('{"a": 1}', undefined).pass).toBe(true);
    expect(checkIsJson("  [1, 2]\n", undefined).pass).toBe(true);
    const prose = checkIsJson('Sure! {"a": 1}', undefined);
    expect(prose.pass).toBe(false);
    expect(prose.detail).toMatch(/^not JSON: /);
  });

  it("validates against an optional schema, given as an object or a JSON string", () => {
    expect(checkIsJson('{"name": "Ada", "age": 36}', PERSON_SCHEMA).pass).toBe(true);
    const invalid = checkIsJson('{"name": "Ada", "age": -1}', JSON.stringify(PERSON_SCHEMA));
    expect(invalid.pass).toBe(false);
    expect(invalid.detail).toBe("schema: /age must be >= 0");
  });

  it("fails an invalid schema with Ajv's message instead of throwing", () => {
    const check = checkIsJson('{"a": 1}', { type: "no-such-type" });
    expect(check.pass).toBe(false);
    expect(check.isConfigError).toBe(true);
    expect(check.detail).toMatch(/^invalid schema: /);
    expect(checkIsJson('{"a": 1}', "not a schema").isConfigError).toBe(true);
  });
});

describe("checkJsonSchema", () => {
  it("requires the whole output to parse and validate", () => {
    expect(checkJsonSchema('{"name": "Ada", "age": 36}', PERSON_SCHEMA).pass).toBe(true);
    expect(checkJsonSchema('{"name": "Ada"}', PERSON_SCHEMA).detail).toBe(
      "schema: must have required property 'age'",
    );
    expect(checkJsonSchema('```json\n{"name": "Ada", "age": 36}\n```', PERSON_SCHEMA).pass).toBe(
      false,
    );
  });

  it("fails as a configuration error without a schema", () => {
    expect(checkJsonSchema("{}", undefined).isConfigError).toBe(true);
  });
});

describe("findJsonValues", () => {
  it("finds objects and arrays in fences and prose, skipping brackets in strings", () => {
    const text = 'Here you go:\n```json\n{"a": "} not the end", "b": [1, 2]}\n```\nand [3] too.';
    expect([...findJsonValues(text)]).toEqual([{ a: "} not the end", b: [1, 2] }, [3]]);
  });

  it("skips spans that do not parse and finds JSON after them", () => {
    expect([...findJsonValues('{oops} then {"ok": true}')]).toEqual([{ ok: true }]);
    expect([...findJsonValues("{ never closed")]).toEqual([]);
  });
});

describe("checkContainsJson", () => {
  it("passes on embedded JSON and fails without any", () => {
    expect(checkContainsJson('Result:\n```json\n{"x": 1}\n```', undefined).pass).toBe(true);
    const none = checkContainsJson("no json here {at all", undefined);
    expect(none.pass).toBe(false);
    expect(none.detail).toBe("no JSON object or array found");
  });

  it("with a schema, passes when any embedded value validates", () => {
    const text = 'Draft: {"name": "Ada"}. Final: {"name": "Ada", "age": 36}';
    expect(checkContainsJson(text, PERSON_SCHEMA).pass).toBe(true);
    const onlyDraft = checkContainsJson('Draft: {"name": "Ada"}', PERSON_SCHEMA);
    expect(onlyDraft.pass).toBe(false);
    expect(onlyDraft.detail).toBe("schema: must have required property 'age'");
  });
});

describe("JSON equality", () => {
  it("ignores key order but not array order", () => {
    expect(isJsonEqual({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(isJsonEqual([1, 2], [2, 1])).toBe(false);
    expect(isJsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(isJsonEqual(null, {})).toBe(false);
  });

  it("equals with an object value compares the parsed output", () => {
    expect(checkJsonEquals('{"b": 2, "a": 1}', { a: 1, b: 2 }).pass).toBe(true);
    expect(checkJsonEquals('{"a": 1}', { a: 2 }).pass).toBe(false);
    expect(checkJsonEquals("a: 1", { a: 1 }).detail).toMatch(/^not JSON: /);
  });
});
