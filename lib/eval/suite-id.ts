import { createHash } from "node:crypto";
import type { Suite } from "./types";

/**
 * A suite's id: its slug and a hash of its content, so the same content always has the same id.
 * Apart from suite-record.ts, which loads the tokenizer (about 0.1 s): finding a suite stored
 * before needs only this.
 */
export function suiteContentId(suite: Pick<Suite, "slug" | "name" | "cases">): string {
  const hash = createHash("sha256")
    .update(JSON.stringify([suite.name, suite.cases]))
    .digest("hex")
    .slice(0, 10);
  return `${suite.slug}-${hash}`;
}
