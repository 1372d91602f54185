import { z } from "zod";

const idList = (label: string, max: number) =>
  z
    .array(z.string().trim().min(1).max(120), { error: `${label}: choose from the list.` })
    .max(max, `${label}: at most ${max}.`)
    .default([]);

const title = z
  .string({ error: "Title: enter a title." })
  .trim()
  .min(1, "Title: enter a title.")
  .max(160, "Title: at most 160 characters.");

/** The largest monthly volume a report takes (PostgreSQL's integer column holds it). */
export const MAX_MONTHLY_REQUESTS = 2_000_000_000;

/**
 * Requests a month the brief prices options at, as typed ("1,200,000"); empty (or absent) leaves
 * it to the workload profile.
 */
const monthlyRequests = z
  .preprocess(
    (value) =>
      value === "" || value === undefined
        ? null
        : typeof value === "string"
          ? value.replace(/[,\s_]/g, "")
          : value,
    z.coerce
      .number({ error: "Monthly requests: enter a whole number, or leave it empty." })
      .int("Monthly requests: enter a whole number, or leave it empty.")
      .min(1, "Monthly requests: at least 1, or leave it empty.")
      .max(MAX_MONTHLY_REQUESTS, "Monthly requests: at most 2,000,000,000.")
      .nullable(),
  )
  .optional()
  .transform((value) => value ?? null);

/** The report builder: what the draft covers. The first run is the one the figures come from. */
export const createReportSchema = z.object({
  title,
  runIds: idList("Runs", 10).refine((ids) => ids.length > 0, "Runs: choose at least one run."),
  modelIds: idList("Models", 50),
  platformIds: idList("Platforms", 50),
  monthlyRequests,
});
export type CreateReportInput = z.input<typeof createReportSchema>;

/** Saving the analyst's edits to a report. */
export const updateReportSchema = z.object({
  id: z.string().trim().min(1, "Report: choose a report.").max(64),
  title,
  annotations: z.string().max(20_000, "Annotations: at most 20,000 characters.").default(""),
  recommendations: z
    .string()
    .max(20_000, "Recommendations: at most 20,000 characters.")
    .default(""),
  monthlyRequests,
});
export type UpdateReportInput = z.input<typeof updateReportSchema>;

/** Days a share link stays valid. */
export const SHARE_LINK_DEFAULT_DAYS = 14;
export const SHARE_LINK_MAX_DAYS = 90;

export const createShareLinkSchema = z.object({
  reportId: z.string().trim().min(1, "Report: choose a report.").max(64),
  days: z.coerce
    .number({ error: "Days: enter a whole number from 1 to 90." })
    .int("Days: enter a whole number from 1 to 90.")
    .min(1, "Days: at least 1.")
    .max(SHARE_LINK_MAX_DAYS, `Days: at most ${SHARE_LINK_MAX_DAYS}.`)
    .default(SHARE_LINK_DEFAULT_DAYS),
});
export type CreateShareLinkInput = z.input<typeof createShareLinkSchema>;

export const revokeShareLinkSchema = z.object({
  linkId: z.string().trim().min(1, "Link: choose a link.").max(64),
});
export type RevokeShareLinkInput = z.input<typeof revokeShareLinkSchema>;

export const REPORT_EXPORT_FORMATS = ["pdf", "markdown", "json", "csv"] as const;
export type ReportExportFormat = (typeof REPORT_EXPORT_FORMATS)[number];
