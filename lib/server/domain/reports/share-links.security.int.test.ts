import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostileReportData } from "@/lib/testing/hostile-report";
import { testCaller } from "@/lib/testing/test-callers";
import { requireTestDatabaseUrl } from "@/lib/testing/test-database";
import { createPrismaClient, type Db } from "../../ops/db-client";
import { createShareLink, getSharedReport, revokeShareLink } from "./share-links";

/**
 * Share-link tampering against real PostgreSQL: a token opens its own report and nothing else.
 * Any changed byte, a spliced token, a link moved to another report or given a later expiry in
 * the database, an expired link and a revoked link are all refused.
 *
 * The test database is shared: the reports here are this run's own, found by id.
 */

const suffix = randomBytes(4).toString("hex");
const KEY = randomBytes(32);
const DAY_MS = 24 * 60 * 60 * 1000;
const ANALYST = testCaller({
  role: "analyst",
  email: `share-probe-${suffix}`,
  name: "share probe",
});

let db: Db;
const reportIds: string[] = [];

async function createTestReport(title: string): Promise<string> {
  const { id } = await db.report.create({
    data: {
      title: `${title} ${suffix}`,
      runIds: [],
      modelIds: [],
      platformIds: [],
      data: hostileReportData(title),
      isSimulated: true,
    },
    select: { id: true },
  });
  reportIds.push(id);
  return id;
}

/** The token with bit 0 of byte `index` of one part (0: secret, 1: signature) flipped. */
function flipByte(token: string, part: 0 | 1, index: number): string {
  const parts = token.split(".");
  const bytes = Buffer.from(parts[part] ?? "", "base64url");
  bytes[index] = (bytes[index] ?? 0) ^ 1;
  parts[part] = bytes.toString("base64url");
  return parts.join(".");
}

beforeAll(() => {
  db = createPrismaClient(requireTestDatabaseUrl(), { max: 2 });
});

afterAll(async () => {
  await db.report.deleteMany({ where: { id: { in: reportIds } } });
  await db.auditEvent.deleteMany({ where: { targetId: { in: reportIds } } });
  await db.$disconnect();
});

describe("share-link tampering", () => {
  it("refuses a token with any byte of its secret or signature changed", async () => {
    const reportId = await createTestReport("Byte probe");
    const link = await createShareLink(ANALYST, db, { reportId }, KEY);
    expect((await getSharedReport(db, link.token, KEY))?.id).toBe(reportId);
    for (const part of [0, 1] as const) {
      for (let index = 0; index < 32; index++) {
        const tampered = flipByte(link.token, part, index);
        expect(tampered).not.toBe(link.token);
        expect(await getSharedReport(db, tampered, KEY), `part ${part} byte ${index}`).toBeNull();
      }
    }
  });

  it("refuses every other character in every position of the token", async () => {
    const reportId = await createTestReport("Character probe");
    const { token } = await createShareLink(ANALYST, db, { reportId }, KEY);
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    // The last character of each 43-character part carries 2 unused bits: a decoder that
    // ignores them would accept three other spellings of the same signature.
    for (const position of [42, 43 + 1 + 42, 0, 44]) {
      for (const character of alphabet) {
        if (token[position] === character) continue;
        const tampered = token.slice(0, position) + character + token.slice(position + 1);
        expect(await getSharedReport(db, tampered, KEY), tampered).toBeNull();
      }
    }
  });

  it("refuses a token cut short, lengthened, reordered or spliced", async () => {
    const reportId = await createTestReport("Shape probe");
    const { token } = await createShareLink(ANALYST, db, { reportId }, KEY);
    const [secret = "", signature = ""] = token.split(".");
    for (const tampered of [
      "",
      ".",
      secret,
      `${secret}.`,
      `.${signature}`,
      `${signature}.${secret}`,
      `${secret}.${signature}.${signature}`,
      `${secret}.${signature}A`,
      `${secret}.${signature.slice(0, -1)}`,
      `${secret}A.${signature}`,
      ` ${token}`,
      `${token} `,
      `${secret}.${Buffer.alloc(32).toString("base64url")}`,
    ])
      expect(await getSharedReport(db, tampered, KEY), JSON.stringify(tampered)).toBeNull();
  });

  it("opens only the report it was made for", async () => {
    const first = await createTestReport("First report");
    const second = await createTestReport("Second report");
    const a = await createShareLink(ANALYST, db, { reportId: first }, KEY);
    const b = await createShareLink(ANALYST, db, { reportId: second }, KEY);
    expect((await getSharedReport(db, a.token, KEY))?.id).toBe(first);
    expect((await getSharedReport(db, b.token, KEY))?.id).toBe(second);

    // One link's secret with the other's signature: each half is genuine, the pair is not.
    const [secretA, signatureA] = a.token.split(".");
    const [secretB, signatureB] = b.token.split(".");
    expect(await getSharedReport(db, `${secretA}.${signatureB}`, KEY)).toBeNull();
    expect(await getSharedReport(db, `${secretB}.${signatureA}`, KEY)).toBeNull();

    // A link row pointed at another report in the database stops working: the signature names
    // the report, so database access alone cannot make a token open a different report.
    await db.shareLink.update({ where: { id: a.id }, data: { reportId: second } });
    expect(await getSharedReport(db, a.token, KEY)).toBeNull();
    await db.shareLink.update({ where: { id: a.id }, data: { reportId: first } });
    expect((await getSharedReport(db, a.token, KEY))?.id).toBe(first);
  });

  it("refuses an expired link, and a link whose expiry was pushed back in the database", async () => {
    const reportId = await createTestReport("Expiry probe");
    const link = await createShareLink(ANALYST, db, { reportId, days: 1 }, KEY);
    expect(await getSharedReport(db, link.token, KEY, link.expiresAt)).toBeNull();
    expect(
      await getSharedReport(db, link.token, KEY, new Date(link.expiresAt.getTime() + DAY_MS)),
    ).toBeNull();

    await db.shareLink.update({
      where: { id: link.id },
      data: { expiresAt: new Date(link.expiresAt.getTime() + 30 * DAY_MS) },
    });
    expect(
      await getSharedReport(db, link.token, KEY, new Date(link.expiresAt.getTime() + DAY_MS)),
    ).toBeNull();
    expect(await getSharedReport(db, link.token, KEY)).toBeNull();
  });

  it("refuses a revoked link, even when the revocation is the only thing wrong", async () => {
    const reportId = await createTestReport("Revocation probe");
    const link = await createShareLink(ANALYST, db, { reportId }, KEY);
    const kept = await createShareLink(ANALYST, db, { reportId }, KEY);
    await revokeShareLink(ANALYST, db, { linkId: link.id });
    expect(await getSharedReport(db, link.token, KEY)).toBeNull();
    expect((await getSharedReport(db, kept.token, KEY))?.id).toBe(reportId);
  });
});
