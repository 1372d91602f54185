import { createHash } from "node:crypto";
import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Decides whether the production build in `.next/` matches the sources, so a second `npm start`
 * with nothing changed skips `next build`. The fingerprint hashes file contents (not mtimes, which
 * a fresh clone or a `touch` would change without changing the build).
 */

const INPUT_DIRS = ["app", "components", "lib", "public"];
const INPUT_FILES = [
  "package.json",
  "package-lock.json",
  "next.config.ts",
  "proxy.ts",
  "instrumentation-client.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "prisma/schema.prisma",
];
const IGNORED = /(\.test\.tsx?|\.int\.test\.ts)$/;
const STAMP = path.join(".next", "crossbench-build.json");

async function listFiles(root: string, dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(path.join(root, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries) {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(root, relative)));
    else if (entry.isFile() && !IGNORED.test(entry.name)) files.push(relative);
  }
  return files;
}

/** A hash of everything the production build depends on. */
export async function computeBuildFingerprint(root: string): Promise<string> {
  const files = [...INPUT_FILES];
  for (const dir of INPUT_DIRS) files.push(...(await listFiles(root, dir)));
  files.sort();
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(file);
    hash.update("\0");
    try {
      hash.update(await readFile(path.join(root, file)));
    } catch {
      hash.update("<missing>");
    }
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** True when `.next/` holds a complete build made from exactly these sources. */
export async function isBuildCurrent(root: string, fingerprint: string): Promise<boolean> {
  try {
    await readFile(path.join(root, ".next", "BUILD_ID"));
    const stamp = JSON.parse(await readFile(path.join(root, STAMP), "utf8")) as {
      fingerprint?: unknown;
    };
    return stamp.fingerprint === fingerprint;
  } catch {
    return false;
  }
}

/** Records that the build in `.next/` was made from these sources. */
export async function recordBuild(root: string, fingerprint: string): Promise<void> {
  await writeFile(
    path.join(root, STAMP),
    JSON.stringify({ fingerprint, builtAt: new Date().toISOString() }, null, 2),
  );
}
