import { getCatalogSnapshotReport } from "@/lib/server/domain/catalog/catalog-sync-schedule";
import { authedRoute } from "@/lib/server/http/route";
import { getDb } from "@/lib/server/ops/db";

export const dynamic = "force-dynamic";

/** A catalogue snapshot's stored sync report as JSON (admins only), linked from Settings → Catalogue. */
export const GET = authedRoute<{ id: string }>("admin", async (caller, _request, { id }) => {
  const snapshot = await getCatalogSnapshotReport(caller, getDb(), id);
  return new Response(JSON.stringify(snapshot, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
      "content-disposition": `inline; filename="catalog-snapshot-${snapshot.id}-report.json"`,
    },
  });
});
