/**
 * JSON scorers: `is-json`, `contains-json`, `json-schema` and structural `equals`.
 * Pure: no Next, React, Prisma or env.
 */
import Ajv, { type ValidateFunction } from "ajv";
import type { Assertion } from "../types";
import { binaryCheck, type Check, configError, errorMessage } from "./check";

type Value = Assertion["value"];

const ajv = new Ajv({ strict: false, allErrors: false });

const VALIDATOR_CACHE_LIMIT = 500;
type CompiledSchema = { validator: ValidateFunction } | { error: string };
const validatorCache = new Map<string, CompiledSchema>();

/**
 * Compiles a JSON Schema once per distinct schema text (bounded cache, oldest evicted first).
 * A schema Ajv rejects is cached as its error message; this never throws.
 */
function compileSchema(schema: Record<string, unknown>): CompiledSchema {
  const key = JSON.stringify(schema);
  const cached = validatorCache.get(key);
  if (cached !== undefined) return cached;
  let compiled: CompiledSchema;
  try {
    compiled = { validator: ajv.compile(schema) };
  } catch (error) {
    compiled = { error: errorMessage(error) };
  }
  if (validatorCache.size >= VALIDATOR_CACHE_LIMIT) {
    const oldest = validatorCache.keys().next();
    if (!oldest.done) validatorCache.delete(oldest.value);
  }
  validatorCache.set(key, compiled);
  return compiled;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The schema an assertion carries: an object, or a string holding a JSON object. */
function getSchema(value: Value): Record<string, unknown> | null {
  if (isPlainObject(value)) return value;
  if (typeof value === "string") {
    const parsed = parseJson(value);
    if (parsed.ok && isPlainObject(parsed.data)) return parsed.data;
  }
  return null;
}

type PreparedSchema =
  | { kind: "none" }
  | { kind: "ready"; validator: ValidateFunction }
  | { kind: "invalid"; failure: Check };

/** Resolves an optional schema value to a validator, or a failing check saying why it is unusable. */
function prepareSchema(value: Value, expectation: string): PreparedSchema {
  if (value === undefined) return { kind: "none" };
  const schema = getSchema(value);
  if (schema === null) {
    return {
      kind: "invalid",
      failure: configError(expectation, "invalid schema: the schema must be a JSON object"),
    };
  }
  const compiled = compileSchema(schema);
  if ("error" in compiled) {
    return {
      kind: "invalid",
      failure: configError(expectation, `invalid schema: ${compiled.error}`),
    };
  }
  return { kind: "ready", validator: compiled.validator };
}

function getSchemaError(validator: ValidateFunction, data: unknown): string | null {
  if (validator(data)) return null;
  const first = validator.errors?.[0];
  const where = first?.instancePath ? `${first.instancePath} ` : "";
  return `schema: ${where}${first?.message ?? "does not match"}`;
}

type ParseOutcome = { ok: true; data: unknown } | { ok: false; message: string };

function parseJson(text: string): ParseOutcome {
  try {
    return { ok: true, data: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: errorMessage(error) };
  }
}

/**
 * `is-json`: the whole output parses as JSON and, when the value is a JSON Schema, validates
 * against it. An invalid schema fails the assertion with Ajv's message.
 */
export function checkIsJson(output: string, value: Value): Check {
  const expectation = value === undefined ? "valid JSON" : "valid JSON matching the schema";
  const prepared = prepareSchema(value, expectation);
  if (prepared.kind === "invalid") return prepared.failure;
  const parsed = parseJson(output);
  if (!parsed.ok) return binaryCheck(false, expectation, `not JSON: ${parsed.message}`);
  if (prepared.kind === "none") return binaryCheck(true, expectation);
  const schemaError = getSchemaError(prepared.validator, parsed.data);
  return schemaError === null
    ? binaryCheck(true, expectation)
    : binaryCheck(false, expectation, schemaError);
}

/** `json-schema`: the whole output parses as JSON and validates against the value schema. */
export function checkJsonSchema(output: string, value: Value): Check {
  const expectation = "JSON matching the schema";
  if (value === undefined) return configError(expectation, "the assertion has no schema");
  return { ...checkIsJson(output, value), expectation };
}

const OPENERS = new Set(["{", "["]);

/**
 * The end index (exclusive) of the bracketed span opening at `start`, skipping brackets inside
 * JSON strings, or -1 when it never closes.
 */
function findSpanEnd(text: string, start: number): number {
  let depth = 0;
  let isInString = false;
  for (let index = start; index < text.length; index += 1) {
    const char = text[index];
    if (isInString) {
      if (char === "\\") index += 1;
      else if (char === '"') isInString = false;
    } else if (char === '"') isInString = true;
    else if (char === "{" || char === "[") depth += 1;
    else if (char === "}" || char === "]") {
      depth -= 1;
      if (depth === 0) return index + 1;
    }
  }
  return -1;
}

/**
 * Every JSON object or array embedded in `text` (in code fences, after prose, several in a row),
 * in order. Scalars are not reported. A span that fails to parse is skipped one character at a
 * time, so `see [1] and {"a": 1}` yields `[1]` and `{"a": 1}`.
 */
export function* findJsonValues(text: string): Generator<unknown> {
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char !== undefined && OPENERS.has(char)) {
      const end = findSpanEnd(text, index);
      if (end === -1) {
        index += 1;
        continue;
      }
      const parsed = parseJson(text.slice(index, end));
      if (parsed.ok) {
        yield parsed.data;
        index = end;
        continue;
      }
    }
    index += 1;
  }
}

/**
 * `contains-json`: some JSON object or array appears anywhere in the output and, when the value is
 * a schema, at least one of them validates against it.
 */
export function checkContainsJson(output: string, value: Value): Check {
  const expectation =
    value === undefined ? "to contain JSON" : "to contain JSON matching the schema";
  const prepared = prepareSchema(value, expectation);
  if (prepared.kind === "invalid") return prepared.failure;
  let firstSchemaError: string | null = null;
  for (const data of findJsonValues(output)) {
    if (prepared.kind === "none") return binaryCheck(true, expectation);
    const schemaError = getSchemaError(prepared.validator, data);
    if (schemaError === null) return binaryCheck(true, expectation);
    firstSchemaError ??= schemaError;
  }
  return binaryCheck(false, expectation, firstSchemaError ?? "no JSON object or array found");
}

/** Structural equality of JSON values: key order is ignored, array order is not. */
export function isJsonEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (Array.isArray(left)) {
    return (
      Array.isArray(right) &&
      left.length === right.length &&
      left.every((item, index) => isJsonEqual(item, right[index]))
    );
  }
  if (isPlainObject(left) && isPlainObject(right)) {
    const keys = Object.keys(left);
    if (keys.length !== Object.keys(right).length) return false;
    return keys.every((key) => Object.hasOwn(right, key) && isJsonEqual(left[key], right[key]));
  }
  return false;
}

/** `equals` with an object or array value: the output parses as JSON equal to it. */
export function checkJsonEquals(output: string, expected: unknown): Check {
  const expectation = `to equal the JSON ${JSON.stringify(expected).slice(0, 80)}`;
  const parsed = parseJson(output);
  if (!parsed.ok) return binaryCheck(false, expectation, `not JSON: ${parsed.message}`);
  return binaryCheck(isJsonEqual(parsed.data, expected), expectation);
}
