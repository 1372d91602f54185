"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import {
  createReportSchema,
  createShareLinkSchema,
  revokeShareLinkSchema,
  updateReportSchema,
} from "@/lib/schemas/reports";
import { authedAction } from "@/lib/server/http/action";
import { getDb } from "@/lib/server/ops/db";
import { createReport, updateReport } from "@/lib/server/domain/reports/reports";
import { createShareLink, revokeShareLink } from "@/lib/server/domain/reports/share-links";

// The report's id lets the action refresh the page the link was revoked from.
const revokeFromReportSchema = revokeShareLinkSchema.extend({
  reportId: z.string().trim().min(1).max(64),
});

const reportPath = (id: string) => `/reports/${encodeURIComponent(id)}`;

/** Drafts a report from the chosen runs, models and platforms and freezes its data. */
export const createReportAction = authedAction(
  "analyst",
  createReportSchema,
  async (caller, input) => {
    const report = await createReport(caller, getDb(), input);
    revalidatePath("/reports");
    return { id: report.id };
  },
);

/** Saves the analyst's title, recommendations and annotations. */
export const updateReportAction = authedAction(
  "analyst",
  updateReportSchema,
  async (caller, input) => {
    await updateReport(caller, getDb(), input);
    revalidatePath("/reports");
    revalidatePath(reportPath(input.id));
    return { id: input.id };
  },
);

/** Creates a signed, expiring read-only link; the token is shown once. */
export const createShareLinkAction = authedAction(
  "analyst",
  createShareLinkSchema,
  async (caller, input) => {
    const link = await createShareLink(caller, getDb(), input);
    revalidatePath(reportPath(input.reportId));
    return { id: link.id, token: link.token, expiresAt: link.expiresAt.toISOString() };
  },
);

/** Revokes a share link: it is refused from then on. */
export const revokeShareLinkAction = authedAction(
  "analyst",
  revokeFromReportSchema,
  async (caller, input) => {
    await revokeShareLink(caller, getDb(), { linkId: input.linkId });
    revalidatePath(reportPath(input.reportId));
    return { id: input.linkId };
  },
);
