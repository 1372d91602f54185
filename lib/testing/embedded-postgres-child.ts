/**
 * A stand-in for a second Crossbench process, for the embedded PostgreSQL integration tests:
 * `node --import tsx lib/testing/embedded-postgres-child.ts <dataDir> <port>` starts the embedded
 * server, prints one JSON line `{"url": …, "pid": …}` once it is up, and then waits until it is
 * signalled (SIGTERM stops it cleanly; SIGKILL simulates a crash that orphans the server).
 */
import { startEmbeddedPostgres } from "../server/ops/embedded-postgres";

const [dataDir, port] = process.argv.slice(2);
if (!dataDir || !port) {
  console.error("usage: embedded-postgres-child.ts <dataDir> <port>");
  process.exit(2);
}

startEmbeddedPostgres({ dataDir, port: Number(port) }).then(
  (database) => {
    process.stdout.write(`${JSON.stringify({ url: database.url, pid: process.pid })}\n`);
    // Keep the event loop alive until a signal ends the process.
    setInterval(() => undefined, 60_000);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    process.exit(1);
  },
);
