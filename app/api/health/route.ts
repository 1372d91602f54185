import { getDb } from "@/lib/server/ops/db";
import { checkHealth } from "@/lib/server/ops/health";
import { publicRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for load balancers and the start script. Public by design. */
export const GET = publicRoute(
  "liveness and database reachability for load balancers and the start script; it reveals no data",
  async () => {
    const report = await checkHealth(getDb(), { log: (message) => console.error(message) });
    return Response.json(report, {
      status: report.status === "ok" ? 200 : 503,
      headers: { "cache-control": "no-store" },
    });
  },
);
