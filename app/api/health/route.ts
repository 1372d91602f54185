import { getDb } from "@/lib/server/db";
import { checkHealth } from "@/lib/server/health";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for load balancers and the start script. Public by design. */
export async function GET() {
  const report = await checkHealth(getDb(), { log: (message) => console.error(message) });
  return Response.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
