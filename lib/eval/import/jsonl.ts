import { z } from "zod";
import { CASE_CATEGORIES, type Assertion, type EvalCase } from "../types";
import { parseAssertionObject } from "./assertion";
import { formatIssuePath, type IssueLog } from "./issues";
import { MAX_IMPORT_CASES } from "./limits";

const messageSchema = z.strictObject({
  role: z.enum(["system", "user", "assistant"], {
    error: (issue) =>
      `role must be "system", "user" or "assistant" (got ${JSON.stringify(issue.input)})`,
  }),
  content: z.string({ error: "content must be a string" }),
});

const inputSchema = z.union([
  z.string().refine((text) => text.trim() !== "", "input must not be empty"),
  z
    .array(messageSchema)
    .min(1, "input must have at least one message")
    .refine(
      (messages) => messages.some((message) => message.role === "user"),
      "input must include a user message",
    ),
]);

/** Picks the union branch by shape so the author sees the real problem, not "invalid union". */
function parseInput(input: unknown): z.ZodSafeParseResult<z.infer<typeof inputSchema>> {
  if (input === undefined) return inputSchema.safeParse(undefined);
  return Array.isArray(input)
    ? inputSchema.options[1].safeParse(input)
    : inputSchema.options[0].safeParse(input);
}

const lineSchema = z.looseObject({
  input: z.unknown().optional(),
  ideal: z
    .union([z.string().min(1), z.array(z.string().min(1)).min(1)], {
      error: "ideal must be a non-empty string or list of strings",
    })
    .optional(),
  category: z
    .enum(CASE_CATEGORIES, { error: `category must be one of ${CASE_CATEGORIES.join(", ")}` })
    .optional(),
  tags: z.array(z.string(), { error: "tags must be a list of strings" }).optional(),
  assert: z.array(z.unknown(), { error: "assert must be a list of assertions" }).optional(),
});

const KNOWN_KEYS = new Set(["input", "ideal", "category", "tags", "assert"]);

/**
 * Reads an OpenAI-evals style JSONL suite: one `{ input, ideal }` object per line, plus the
 * optional Crossbench keys `category`, `tags` and `assert`. Case ids are `line-<n>`.
 */
export function parseJsonlCases(text: string, file: string, log: IssueLog): EvalCase[] {
  const cases: EvalCase[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, rawLine] of lines.entries()) {
    if (log.isFull) break;
    const line = index + 1;
    if (rawLine.trim() === "") continue;
    if (cases.length >= MAX_IMPORT_CASES) {
      log.error(file, line, `too many cases: at most ${MAX_IMPORT_CASES} per suite`);
      break;
    }
    let json: unknown;
    try {
      json = JSON.parse(rawLine);
    } catch (error) {
      log.error(
        file,
        line,
        `invalid JSON (${error instanceof Error ? error.message : "syntax error"})`,
      );
      continue;
    }
    if (typeof json !== "object" || json === null || Array.isArray(json)) {
      log.error(file, line, "each line must be a JSON object");
      continue;
    }
    const parsed = lineSchema.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = formatIssuePath(issue.path);
        const isSelfDescribing = issue.message.startsWith(String(issue.path[0] ?? "\0"));
        log.error(
          file,
          line,
          isSelfDescribing || path === "" ? issue.message : `${path}: ${issue.message}`,
        );
      }
      continue;
    }
    if (parsed.data.input === undefined) {
      log.error(file, line, "input is required: a string or a list of {role, content} messages");
      continue;
    }
    const input = parseInput(parsed.data.input);
    if (!input.success) {
      for (const issue of input.error.issues) {
        const path = formatIssuePath(["input", ...issue.path]);
        log.error(
          file,
          line,
          issue.message.startsWith("input") ? issue.message : `${path}: ${issue.message}`,
        );
      }
      continue;
    }
    const data = { ...parsed.data, input: input.data };
    for (const key of Object.keys(data))
      if (!KNOWN_KEYS.has(key)) log.warn(`Unknown JSONL key "${key}" was ignored.`);

    const assertions: Assertion[] = [];
    let hasBadAssertion = false;
    const report = (message: string) => {
      hasBadAssertion = true;
      log.error(file, line, message);
    };
    if (data.ideal !== undefined) assertions.push({ type: "exact-match", value: data.ideal });
    for (const raw of data.assert ?? []) {
      const assertion = parseAssertionObject(raw, report, (message) => log.warn(message));
      if (assertion !== null) assertions.push(assertion);
    }
    if (hasBadAssertion) continue;

    const reference =
      data.ideal === undefined
        ? null
        : typeof data.ideal === "string"
          ? data.ideal
          : (data.ideal[0] ?? null);
    cases.push({
      id: `line-${line}`,
      category: data.category ?? "general",
      tags: data.tags ?? [],
      messages:
        typeof data.input === "string" ? [{ role: "user", content: data.input }] : data.input,
      reference,
      assertions,
    });
  }
  return cases;
}
