import { z } from "zod";
import { API_STYLES } from "@/lib/catalog/types";
import type { Target } from "@/lib/router/types";
import { ASSERTION_TYPES, CASE_CATEGORIES, type Assertion, type EvalCase } from "./types";

/**
 * Readers for the JSON columns the evaluation runtime stores: each is parsed with its schema on
 * read, and a row that does not match is a clear error naming the row, never an unchecked cast.
 */

const priceSchema = z.number().nonnegative().nullable();

/** One router target as a run stores it (the `targets` JSON column of a run target). */
export const storedTargetSchema = z.object({
  offeringId: z.string().min(1),
  platformId: z.string().min(1),
  modelId: z.string().min(1),
  nativeId: z.string().min(1),
  apiStyle: z.enum(API_STYLES),
  prices: z.object({ input: priceSchema, output: priceSchema }),
  simulated: z.boolean(),
  router: z
    .object({
      routerId: z.string().min(1),
      mode: z.string().min(1),
      pool: z
        .record(
          z.string(),
          z.object({
            offeringId: z.string().min(1),
            prices: z.object({ input: priceSchema, output: priceSchema }),
          }),
        )
        .optional(),
    })
    .optional(),
}) satisfies z.ZodType<Target>;

/** Why a stored JSON column did not match its schema, naming the row and the field. */
export class StoredJsonError extends Error {}

function mismatch(where: string, what: string, error: z.ZodError): StoredJsonError {
  const issue = error.issues[0];
  return new StoredJsonError(
    `${where}: ${what} (${issue?.path.join(".") || "root"}: ${issue?.message ?? "invalid"})`,
  );
}

/**
 * Parses a run target's stored offerings. `where` names the row for the error ("run x, target
 * 2"): a column that does not match is an error to see, never a cast that fails later.
 */
export function parseStoredTargets(json: unknown, where: string): Target[] {
  const parsed = z.array(storedTargetSchema).min(1).safeParse(json);
  if (parsed.success) return parsed.data;
  throw mismatch(where, "the stored targets do not match their schema", parsed.error);
}

const storedMessageSchema = z.object({
  role: z.enum(["system", "user", "assistant"]),
  content: z.string(),
});

const storedAssertionSchema: z.ZodType<Assertion> = z.object({
  type: z.enum(ASSERTION_TYPES),
  value: z
    .union([z.string(), z.number(), z.array(z.string()), z.record(z.string(), z.unknown())])
    .optional(),
  threshold: z.number().optional(),
  weight: z.number().optional(),
  negate: z.boolean().optional(),
  metric: z.string().optional(),
  get assert() {
    return z.array(storedAssertionSchema).optional();
  },
});

const storedCaseSchema = z.object({
  category: z.enum(CASE_CATEGORIES),
  messages: z.array(storedMessageSchema).min(1),
  assertions: z.array(storedAssertionSchema),
  vars: z.record(z.string(), z.string()).nullable(),
});

/** A suite case row's JSON and enum columns, parsed; `where` names the row for the error. */
export function parseStoredCase(
  row: { category: string; messages: unknown; assertions: unknown; vars: unknown },
  where: string,
): Pick<EvalCase, "category" | "messages" | "assertions" | "vars"> {
  const parsed = storedCaseSchema.safeParse(row);
  if (!parsed.success)
    throw mismatch(where, "the stored case does not match its schema", parsed.error);
  const { vars, ...rest } = parsed.data;
  return vars === null ? rest : { ...rest, vars };
}
