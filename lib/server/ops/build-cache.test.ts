import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { computeBuildFingerprint, isBuildCurrent, recordBuild } from "./build-cache";

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "crossbench-build-"));
  await mkdir(path.join(root, "app"), { recursive: true });
  await mkdir(path.join(root, ".next"), { recursive: true });
  await writeFile(path.join(root, "app", "page.tsx"), "export default 1;");
  await writeFile(path.join(root, "package.json"), "{}");
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("build cache", () => {
  it("is current only after a recorded build with the same sources", async () => {
    const fingerprint = await computeBuildFingerprint(root);
    expect(await isBuildCurrent(root, fingerprint)).toBe(false);
    await writeFile(path.join(root, ".next", "BUILD_ID"), "x");
    await recordBuild(root, fingerprint);
    expect(await isBuildCurrent(root, fingerprint)).toBe(true);
  });

  it("changes when a source file changes, not when a test file does", async () => {
    const before = await computeBuildFingerprint(root);
    await writeFile(path.join(root, "app", "page.test.tsx"), "test");
    expect(await computeBuildFingerprint(root)).toBe(before);
    await writeFile(path.join(root, "app", "page.tsx"), "export default 2;");
    expect(await computeBuildFingerprint(root)).not.toBe(before);
  });

  it("is not current when the build output is missing", async () => {
    const fingerprint = await computeBuildFingerprint(root);
    await recordBuild(root, fingerprint);
    expect(await isBuildCurrent(root, fingerprint)).toBe(false);
  });
});
