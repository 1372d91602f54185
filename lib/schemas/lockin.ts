import { z } from "zod";
import { FACTOR_IDS, type FactorId, type LockinWeights } from "@/lib/lockin/factors";
import { GEOGRAPHIES } from "@/lib/lockin/regions";
import { SERVICE_KINDS } from "@/lib/lockin/reference-data";
import { EXIT_SCOPES, type WorkloadProfile } from "@/lib/lockin/types";

/**
 * The lock-in page's two forms: the factor weights and the workload profile. Messages are phrased
 * to follow the field's label ("Monthly AI spend must be 0 or more").
 */

const MAX_WEIGHT = 1000;

const weightSchema = z
  .number({ error: "must be a number" })
  .finite("must be a number")
  .min(0, "must be 0 or more")
  .max(MAX_WEIGHT, `must be at most ${MAX_WEIGHT}`);

const weightShape = Object.fromEntries(FACTOR_IDS.map((id) => [id, weightSchema])) as Record<
  FactorId,
  typeof weightSchema
>;

/** A weight per factor (relative: the score divides by their sum); at least one above 0. */
export const lockinWeightsSchema = z
  .object(weightShape)
  .refine((weights) => FACTOR_IDS.some((id) => weights[id] > 0), {
    message: "At least one weight must be above 0.",
  }) satisfies z.ZodType<LockinWeights>;

export type LockinWeightsInput = z.infer<typeof lockinWeightsSchema>;

const MAX_USD = 1_000_000_000;

const usdSchema = z
  .number({ error: "must be a number" })
  .finite("must be a number")
  .min(0, "must be 0 or more")
  .max(MAX_USD, "must be at most $1,000,000,000");

/** One model the workload uses and what it spends on it per month. */
export const profileModelSchema = z.object({
  modelId: z
    .string({ error: "must be a model id" })
    .trim()
    .min(1, "is required")
    .max(200, "must be at most 200 characters"),
  monthlySpendUsd: usdSchema,
});

/** The workload profile the lock-in score is computed for. */
export const workloadProfileSchema = z.object({
  models: z
    .array(profileModelSchema, { error: "must be a list of models" })
    .min(1, "must list at least one model")
    .max(50, "must list at most 50 models")
    .refine(
      (models) => new Set(models.map((model) => model.modelId)).size === models.length,
      "must not list the same model twice",
    ),
  // Profiles saved before this field existed read as leaving the whole platform, the exit plan
  // the rubric's references (DORA Art. 28(8)) ask for.
  exitScope: z
    .enum(EXIT_SCOPES, { error: "must be leaving the platform or moving the AI workload only" })
    .default("leave-platform"),
  requiredRegions: z
    .array(z.enum(GEOGRAPHIES, { error: "must be one of the listed regions" }))
    .max(GEOGRAPHIES.length)
    .transform((regions) => [...new Set(regions)]),
  services: z
    .array(z.enum(SERVICE_KINDS, { error: "must be one of the listed services" }))
    .max(SERVICE_KINDS.length)
    .transform((services) => [...new Set(services)]),
  monthlySpendUsd: usdSchema,
  dataStoredGb: z
    .number({ error: "must be a number" })
    .finite("must be a number")
    .min(0, "must be 0 or more")
    .max(1_000_000_000, "must be at most 1,000,000,000 GB"),
}) satisfies z.ZodType<WorkloadProfile, unknown>;

export type WorkloadProfileInput = z.input<typeof workloadProfileSchema>;

/** The reset actions: an explicit confirmation, so that an empty call changes nothing. */
export const resetLockinSchema = z.object({
  confirm: z.literal(true, { error: "must be confirmed" }),
});

export type ResetLockinInput = z.infer<typeof resetLockinSchema>;
