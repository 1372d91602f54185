"use server";

import { z } from "zod";

import { prepareMatrixCellDetail } from "@/lib/charts/access-matrix";
import { catalogFiltersSchema } from "@/lib/schemas/catalog";
import { getMatrixCellOfferings } from "@/lib/server/domain/catalog/catalog";
import { authedAction } from "@/lib/server/http/action";
import { getDb } from "@/lib/server/ops/db";

const matrixCellSchema = z.object({
  /** The matrix row: a model id, or "vendor/family" in the families view. */
  row: z.string().trim().min(1).max(300),
  platform: z.string().trim().min(1).max(100),
  /** The filters the matrix was drawn with, so the details list the offerings the cell counts. */
  filters: catalogFiltersSchema,
});

/**
 * The details of one access-matrix cell, read when its popover opens rather than sent with every
 * cell of the page: the offerings the cell counts, prepared for the popover.
 */
export const getMatrixCellAction = authedAction("viewer", matrixCellSchema, async (caller, input) =>
  prepareMatrixCellDetail(
    await getMatrixCellOfferings(caller, getDb(), {
      filters: input.filters,
      rowKey: input.row,
      platformId: input.platform,
    }),
  ),
);
