import { parseCatalogFilters } from "@/lib/schemas/catalog";
import { iterateOfferings } from "@/lib/server/domain/catalog/catalog";
import { getDb } from "@/lib/server/ops/db";
import { textDownload } from "@/lib/server/http/download";
import { authedRoute } from "@/lib/server/http/route";
import { formatCsvRow } from "@/lib/report/csv";

export const dynamic = "force-dynamic";

const HEADER = [
  "model_id",
  "model",
  "vendor",
  "platform_id",
  "platform",
  "native_id",
  "input_usd_per_1m",
  "output_usd_per_1m",
  "blended_3_1_usd_per_1m",
  "context_window",
  "max_output_tokens",
  "regions",
  "api_styles",
  "capabilities",
  "lifecycle",
  "snapshot_date",
  "source_url",
  "withdrawn_on",
];

/** The filtered offerings as CSV, streamed in batches so memory stays flat. */
export const GET = authedRoute("viewer", async (caller, request) => {
  const filters = parseCatalogFilters(Object.fromEntries(new URL(request.url).searchParams));
  return textDownload({
    fileName: "crossbench-offerings.csv",
    contentType: "text/csv; charset=utf-8",
    pieces: offeringsCsv(iterateOfferings(caller, getDb(), filters)),
  });
});

type OfferingBatch =
  ReturnType<typeof iterateOfferings> extends AsyncGenerator<infer T> ? T : never;

async function* offeringsCsv(batches: AsyncIterable<OfferingBatch>): AsyncGenerator<string> {
  yield formatCsvRow(HEADER);
  for await (const batch of batches) {
    yield batch
      .map((row) =>
        formatCsvRow([
          row.modelId,
          row.modelName,
          row.vendor,
          row.platformId,
          row.platformName,
          row.nativeId,
          row.inputPrice,
          row.outputPrice,
          row.blendedPrice,
          row.contextWindow,
          row.maxOutputTokens,
          row.regions.join(" "),
          row.apiStyles.join(" "),
          row.capabilities.join(" "),
          row.lifecycle,
          row.snapshotDate,
          row.sourceUrl,
          row.withdrawnAt ? row.withdrawnAt.toISOString().slice(0, 10) : "",
        ]),
      )
      .join("");
  }
}
