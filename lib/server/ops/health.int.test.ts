import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { freePort, listenOnLoopback } from "@/lib/testing/ports";
import { requireTestDatabaseUrl } from "@/lib/testing/test-database";
import { createPrismaClient, type Db } from "./db-client";
import { checkHealth } from "./health";

/** The health check against a real database, a closed port and a server that never answers. */

const clients: Db[] = [];
const servers: { server: net.Server; sockets: Set<net.Socket> }[] = [];

afterEach(async () => {
  // Dropping the silent server's connections first lets pending connects fail, so that
  // $disconnect does not wait for the pool's connection timeout.
  for (const { server, sockets } of servers.splice(0)) {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
  for (const client of clients.splice(0)) await client.$disconnect();
});

function client(url: string): Db {
  const db = createPrismaClient(url, { max: 1 });
  clients.push(db);
  return db;
}

/** Accepts connections and never says a word, like a hung database or a black-holed network. */
async function silentServer(): Promise<number> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  servers.push({ server, sockets });
  return listenOnLoopback(server);
}

describe("checkHealth", () => {
  it("reports ok with the round-trip latency when the database answers", async () => {
    const started = Date.now();
    const report = await checkHealth(client(requireTestDatabaseUrl()));
    const elapsed = Date.now() - started;

    expect(report.status).toBe("ok");
    expect(report.database.reachable).toBe(true);
    expect(report.database.latencyMs).toEqual(expect.any(Number));
    expect(report.database.latencyMs).toBeGreaterThanOrEqual(0);
    expect(report.database.latencyMs).toBeLessThanOrEqual(elapsed);
    expect(Date.parse(report.checkedAt)).not.toBeNaN();
  });

  it("reports unavailable without any error text when nothing listens on the port", async () => {
    const port = await freePort();
    const logged: string[] = [];
    const report = await checkHealth(
      client(`postgresql://postgres:secret@127.0.0.1:${port}/crossbench_test`),
      { log: (message) => logged.push(message) },
    );

    expect(report).toEqual({
      status: "unavailable",
      database: { reachable: false, latencyMs: null },
      checkedAt: expect.any(String),
    });
    // Its only text is the time of the check; the reason goes to the server log instead.
    expect(new Date(report.checkedAt).toISOString()).toBe(report.checkedAt);
    expect(JSON.stringify(report)).not.toMatch(/ECONNREFUSED|refused|error|secret/i);
    expect(logged.join("\n")).toMatch(/database unreachable/);
  });

  it("gives up after timeoutMs when the database never answers", async () => {
    const port = await silentServer();
    const timeoutMs = 300;
    const started = Date.now();
    const report = await checkHealth(
      client(`postgresql://postgres@127.0.0.1:${port}/crossbench_test`),
      { timeoutMs },
    );
    const elapsed = Date.now() - started;

    expect(report.status).toBe("unavailable");
    expect(report.database.reachable).toBe(false);
    expect(elapsed).toBeGreaterThanOrEqual(timeoutMs - 20);
    // Well below the pool's own 5 s connection timeout, which would otherwise end the wait.
    expect(elapsed).toBeLessThan(timeoutMs + 1_500);
  });
});
