import net from "node:net";
import pg from "pg";
import { describeDatabaseUrl } from "./env";

/** A start-up problem with one line that says what is wrong and what to do. */
export class PreflightError extends Error {
  override readonly name = "PreflightError";
}

/**
 * Fails with a clear message when nothing can listen on `host:port`. `variable` is the setting
 * that chooses the port (PORT for the app, EMULATOR_PORT for the emulator).
 */
export async function assertPortFree(
  host: string,
  port: number,
  variable: "PORT" | "EMULATOR_PORT" = "PORT",
): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") {
        reject(
          new PreflightError(
            `Port ${port} on ${host} is already in use. Stop whatever uses it, or set ${variable} to a free port (for example ${variable}=${port < 65535 ? port + 1 : port - 1} npm start).`,
          ),
        );
      } else if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND") {
        reject(
          new PreflightError(
            `HOST=${host} is not an address of this machine. Use 127.0.0.1 or 0.0.0.0.`,
          ),
        );
      } else if (error.code === "EACCES") {
        reject(
          new PreflightError(
            `Not allowed to listen on port ${port}. Choose a port above 1023 with ${variable}.`,
          ),
        );
      } else {
        reject(error);
      }
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** Connects once with a short timeout and turns the usual failures into advice. */
export async function assertDatabaseReachable(url: string, timeoutMs = 5_000): Promise<void> {
  const where = describeDatabaseUrl(url);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const code = (error as { code?: string }).code;
    const advice =
      code === "3D000"
        ? `the database does not exist. Create it (createdb) or fix the name in DATABASE_URL.`
        : code === "28P01" || code === "28000"
          ? `the server refused the credentials. Check the user and password in DATABASE_URL.`
          : code === "ENOTFOUND" || code === "EAI_AGAIN"
            ? `the host name does not resolve. Check the host in DATABASE_URL.`
            : `no PostgreSQL answered (${code ?? (error instanceof Error ? error.message : "unknown error")}). Start it, fix DATABASE_URL, or unset DATABASE_URL to use the embedded database.`;
    throw new PreflightError(`Cannot use the database at ${where}: ${advice}`);
  } finally {
    // The check has its answer; ending a connection that never opened can fail, and says nothing more.
    await client.end().catch(() => undefined);
  }
}
