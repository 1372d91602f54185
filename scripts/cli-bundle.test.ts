import { execFile } from "node:child_process";
import { mkdtemp, mkdir, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildBundle, bundleDirectory, freshBundle } from "./cli-bundle.mjs";

const run = promisify(execFile);

/** A small project: an entry importing one module statically and one dynamically. */
async function writeProject(root: string, greeting: string) {
  await mkdir(path.join(root, "scripts"), { recursive: true });
  await mkdir(path.join(root, "lib"), { recursive: true });
  await writeFile(path.join(root, "tsconfig.json"), JSON.stringify({ compilerOptions: {} }));
  await writeFile(path.join(root, "schema.txt"), "v1");
  await writeFile(
    path.join(root, "lib", "greet.ts"),
    `export const greet = (n: string): string => \`${greeting} \${n}\`;\n`,
  );
  await writeFile(path.join(root, "lib", "late.ts"), `export const late: number = 42;\n`);
  await writeFile(
    path.join(root, "scripts", "hello.ts"),
    `import { greet } from "../lib/greet";\nconst { late } = await import("../lib/late");\nprocess.stdout.write(greet("world") + " " + late);\n`,
  );
}

describe("a command's prebuilt bundle", () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), "cli-bundle-"));
    await writeProject(root, "hello");
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("is missing until built, then runs as the sources do, its dynamic import a chunk of its own", async () => {
    expect(freshBundle(root, "hello")).toBeNull();
    const entry = await buildBundle(root, "hello", path.join("scripts", "hello.ts"), [
      "schema.txt",
    ]);
    expect(freshBundle(root, "hello")).toBe(entry);
    const { stdout } = await run(process.execPath, [entry]);
    expect(stdout).toBe("hello world 42");
    const files = (await readdir(bundleDirectory(root))).filter((name) => name.endsWith(".mjs"));
    expect(files.length).toBe(2);
  });

  it("is stale after an edit to any file it was built from, or to a watched file, until rebuilt", async () => {
    const first = await buildBundle(root, "hello", path.join("scripts", "hello.ts"), [
      "schema.txt",
    ]);
    await writeProject(root, "howdy");
    // Same size, same content length: the modification time alone marks it changed.
    const later = new Date(Date.now() + 5_000);
    await utimes(path.join(root, "lib", "greet.ts"), later, later);
    expect(freshBundle(root, "hello")).toBeNull();
    const second = await buildBundle(root, "hello", path.join("scripts", "hello.ts"), [
      "schema.txt",
    ]);
    expect(second).not.toBe(first);
    expect((await run(process.execPath, [second])).stdout).toBe("howdy world 42");
    // A command still running from the first build finds its files.
    expect((await run(process.execPath, [first])).stdout).toBe("hello world 42");

    await writeFile(path.join(root, "schema.txt"), "v2");
    expect(freshBundle(root, "hello")).toBeNull();
  });
});
