import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { freshDatabasePool } from "@/lib/testing/fresh-database";
import { listenForDataChanges, type DataChanges } from "../ops/data-changes";
import { PAGE_CACHE_HEADER, createPageCache, type PageCache } from "./page-cache";
import { createNonce } from "./security-headers";

/**
 * The page cache in front of a real HTTP server and a real PostgreSQL, with a stand-in for
 * Next.js that renders a page from the database the way the app does (a query per view, gzip when
 * asked, a fresh nonce each time). What a viewer gets after each change is asserted on the page.
 */
describe("the page cache", () => {
  const pool = freshDatabasePool("pagecache");
  let db: pg.Client;
  let changes: DataChanges;
  let cache: PageCache;
  let server: http.Server;
  let base: string;
  let renders = 0;
  let renderDelayMs = 0;
  const cookie = "better-auth.session_token=tok-alice.signature";
  const otherCookie = "better-auth.session_token=tok-bob.signature";
  const shareToken = "secret1.signature";

  /** The stand-in for Next.js: the platform's name, a nonce, gzip as asked. */
  async function render(req: http.IncomingMessage, res: http.ServerResponse) {
    renders += 1;
    const url = new URL(req.url ?? "/", "http://local");
    if (url.pathname === "/missing") {
      res.writeHead(404, { "content-type": "text/html" }).end("not found");
      return;
    }
    const { rows } = await db.query<{ name: string }>(
      `SELECT "name" FROM "Platform" WHERE "id" = 'cache-platform'`,
    );
    if (renderDelayMs) await new Promise((resolve) => setTimeout(resolve, renderDelayMs));
    const nonce = createNonce();
    const html = `<html><script nonce="${nonce}">push("${nonce}")</script><h1>${rows[0]?.name}</h1>${url.pathname}</html>`;
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.setHeader("content-security-policy", `script-src 'nonce-${nonce}'`);
    if (url.pathname === "/sets-cookie") res.setHeader("set-cookie", "a=b");
    if (String(req.headers["accept-encoding"]).includes("gzip")) {
      res.setHeader("content-encoding", "gzip");
      res.end(zlib.gzipSync(html));
    } else res.end(html);
  }

  type Answer = {
    status: number;
    cache: string | undefined;
    body: string;
    csp: string;
    encoding: string | undefined;
  };

  function get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
    return new Promise((resolve, reject) => {
      http
        .get(`${base}${path}`, { headers: { cookie, ...headers } }, (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => {
            const raw = Buffer.concat(chunks);
            const body =
              response.headers["content-encoding"] === "gzip" ? zlib.gunzipSync(raw) : raw;
            resolve({
              status: response.statusCode ?? 0,
              cache: response.headers[PAGE_CACHE_HEADER] as string | undefined,
              body: body.toString("utf8"),
              csp: String(response.headers["content-security-policy"] ?? ""),
              encoding: response.headers["content-encoding"],
            });
          });
        })
        .on("error", reject);
    });
  }

  const rename = (name: string) =>
    db.query(`UPDATE "Platform" SET "name" = $1 WHERE "id" = 'cache-platform'`, [name]);

  beforeAll(async () => {
    const { url } = await pool.create("cache");
    db = new pg.Client({ connectionString: url });
    await db.connect();
    await db.query(`INSERT INTO "User" ("id", "name", "email", "updatedAt") VALUES
      ('alice', 'Alice', 'alice@example.com', now()), ('bob', 'Bob', 'bob@example.com', now())`);
    await db.query(`INSERT INTO "Session" ("id", "token", "userId", "expiresAt", "updatedAt") VALUES
      ('s1', 'tok-alice', 'alice', now() + interval '1 day', now()),
      ('s2', 'tok-bob', 'bob', now() + interval '1 day', now())`);
    await db.query(
      `INSERT INTO "Platform" ("id", "name", "kind", "owner", "sourceUrl", "snapshotDate", "updatedAt")
       VALUES ('cache-platform', 'first', 'vendor_api', 'o', 'https://example.com', now(), now())`,
    );
    await db.query(
      `INSERT INTO "Report" ("id", "title", "data", "isSimulated", "updatedAt") VALUES ('r1', 'R', '{}', true, now())`,
    );
    await db.query(
      `INSERT INTO "ShareLink" ("id", "reportId", "tokenHash", "expiresAt") VALUES ('l1', 'r1', $1, now() + interval '1 day')`,
      [createHash("sha256").update("secret1").digest("hex")],
    );
    changes = await listenForDataChanges({ connectionString: url });
    server = http.createServer((req, res) => {
      void cache.handle(req, res, () => void render(req, res));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  beforeEach(() => {
    cache = createPageCache({ changes });
    renders = 0;
    renderDelayMs = 0;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await changes?.close();
    await db?.end();
    await pool.dropAll();
  });

  it("serves a page again to its viewer, compressed as it was, with a fresh nonce each time", async () => {
    const nonceOf = (answer: Answer) => /'nonce-([^']+)'/.exec(answer.csp)?.[1] ?? "";
    const first = await get("/catalog", { "accept-encoding": "gzip" });
    const second = await get("/catalog", { "accept-encoding": "gzip" });
    const third = await get("/catalog", { "accept-encoding": "gzip" });
    expect([first.cache, second.cache, third.cache]).toEqual(["miss", "hit", "hit"]);
    expect([second.encoding, third.encoding]).toEqual(["gzip", "gzip"]);
    expect(renders).toBe(1);
    const nonces = [first, second, third].map(nonceOf);
    expect(new Set(nonces).size).toBe(3);
    for (const [index, answer] of [first, second, third].entries()) {
      // The page's nonce, in a tag and in a script's text, is the one its policy names.
      expect(answer.body.split(nonces[index] ?? "-")).toHaveLength(3);
      expect(answer.body.replaceAll(nonces[index] ?? "-", "N")).toBe(
        first.body.replaceAll(nonces[0] ?? "-", "N"),
      );
    }
    // Another encoding, another viewer: rendered for them.
    expect((await get("/catalog")).cache).toBe("miss");
    const plain = await get("/catalog");
    expect([plain.cache, plain.encoding]).toEqual(["hit", undefined]);
    expect((await get("/catalog", { cookie: otherCookie })).cache).toBe("miss");
    expect(renders).toBe(3);
  });

  it("never shows a page from before a change: the next view right after the commit renders", async () => {
    for (let round = 0; round < 20; round += 1) {
      await get("/lock-in");
      expect((await get("/lock-in")).cache).toBe("hit");
      await rename(`name ${round}`);
      const after = await get("/lock-in");
      expect(after.cache).toBe("miss");
      expect(after.body).toContain(`<h1>name ${round}</h1>`);
    }
  });

  it("keeps nothing rendered while a change was committing", async () => {
    renderDelayMs = 150;
    const viewing = get("/runs");
    await new Promise((resolve) => setTimeout(resolve, 50));
    await rename("changed while rendering");
    await viewing;
    renderDelayMs = 0;
    const next = await get("/runs");
    expect(next.cache).toBe("miss");
    expect(next.body).toContain("changed while rendering");
  });

  it("stops serving a viewer whose session has ended", async () => {
    // A session ends with time, without any write the change feed would hear: the session check
    // at the moment of serving catches it.
    await db.query(
      `UPDATE "Session" SET "expiresAt" = now() + interval '1500 milliseconds' WHERE "id" = 's2'`,
    );
    await get("/compare", { cookie: otherCookie });
    expect((await get("/compare", { cookie: otherCookie })).cache).toBe("hit");
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    expect((await get("/compare", { cookie: otherCookie })).cache).toBe("miss");
    await db.query(`UPDATE "Session" SET "expiresAt" = now() + interval '1 day' WHERE "id" = 's2'`);
  });

  it("renders afresh after its lifetime and when the browser asks for a fresh page", async () => {
    let clock = 1_000_000;
    cache = createPageCache({ changes, ttlMs: 10_000, now: () => clock });
    await get("/routing");
    clock += 9_000;
    expect((await get("/routing")).cache).toBe("hit");
    clock += 1_000;
    expect((await get("/routing")).cache).toBe("miss");
    expect((await get("/routing", { "cache-control": "no-cache" })).cache).toBe("miss");
    expect(renders).toBe(3);
  });

  it("keeps only complete pages: not an error, a cookie being set, a client navigation or a signed-out request", async () => {
    await get("/missing");
    expect((await get("/missing")).cache).toBe("miss");
    await get("/sets-cookie");
    expect((await get("/sets-cookie")).cache).toBe("miss");
    await get("/catalog", { rsc: "1" });
    const navigation = await get("/catalog", { rsc: "1" });
    expect(navigation.cache).toBeUndefined();
    expect((await get("/catalog", { cookie: "" })).cache).toBeUndefined();
    expect(renders).toBe(7);
  });

  it("shares a share page between everyone holding the link, until the link is revoked", async () => {
    const path = `/share/${shareToken}`;
    expect((await get(path, { cookie: "" })).cache).toBe("miss");
    expect((await get(path, { cookie: otherCookie })).cache).toBe("hit");
    await db.query(`UPDATE "ShareLink" SET "revokedAt" = now() WHERE "id" = 'l1'`);
    expect((await get(path, { cookie: "" })).cache).toBe("miss");
    await db.query(`UPDATE "ShareLink" SET "revokedAt" = NULL WHERE "id" = 'l1'`);
  });

  it("renders once for the same page asked for many times at once", async () => {
    renderDelayMs = 100;
    const answers = await Promise.all(Array.from({ length: 8 }, () => get("/reports")));
    expect(renders).toBe(1);
    expect(answers.filter((answer) => answer.cache === "hit")).toHaveLength(7);
    const withoutNonce = (answer: Answer) =>
      answer.body.replaceAll(/'nonce-([^']+)'/.exec(answer.csp)?.[1] ?? "-", "N");
    expect(new Set(answers.map(withoutNonce)).size).toBe(1);
  });
});
