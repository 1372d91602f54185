import { z } from "zod";

/** The routing page's search params: which run to simulate and the cost axis scale. */
export const routingSearchSchema = z.object({
  run: z.string().max(64).optional().catch(undefined),
  scale: z.enum(["log", "linear"]).catch("log").default("log"),
});
export type RoutingSearch = z.infer<typeof routingSearchSchema>;

/** The kinds of routing policy a simulation can be saved as (and launched as a run target). */
export const SAVED_POLICY_KINDS = ["quality-floor", "weighted"] as const;
export type SavedPolicyKind = (typeof SAVED_POLICY_KINDS)[number];

const optionalNumber = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

/**
 * "Save as routing target": a quality-threshold router (its threshold; scores are learned from
 * the run) or the random mix (the share of cases sent to the strongest target).
 */
export const saveRoutingPolicySchema = z
  .object({
    runId: z.string().min(1, "Run: choose a run.").max(64),
    name: z
      .string({ error: "Name: enter a name." })
      .trim()
      .min(1, "Name: enter a name.")
      .max(80, "Name: at most 80 characters."),
    kind: z.enum(SAVED_POLICY_KINDS, { error: "Policy: choose a policy to save." }),
    /** In points (0–100), the product's unit of quality; stored as a score in [0, 1]. */
    threshold: optionalNumber(
      z.coerce
        .number({ error: "Threshold: enter a score in points from 0 to 100." })
        .min(0, "Threshold: at least 0 points.")
        .max(100, "Threshold: at most 100 points."),
    ),
    strongShare: optionalNumber(
      z.coerce
        .number({ error: "Share: enter a percentage from 0 to 100." })
        .min(0, "Share: at least 0%.")
        .max(100, "Share: at most 100%."),
    ),
  })
  .superRefine((value, ctx) => {
    if (value.kind === "quality-floor" && value.threshold === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["threshold"],
        message: "Threshold: enter a score in points from 0 to 100.",
      });
    if (value.kind === "weighted" && value.strongShare === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["strongShare"],
        message: "Share: enter a percentage from 0 to 100.",
      });
  });
export type SaveRoutingPolicyInput = z.infer<typeof saveRoutingPolicySchema>;
