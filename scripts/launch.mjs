/**
 * Runs a command-line entry point (`node scripts/launch.mjs eval …`, as `npm run eval` does) from
 * a prebuilt bundle of its TypeScript (scripts/cli-bundle.mjs), so the command starts as fast as
 * plain Node allows. Under tsx every module, the npm packages' too, goes through its loader hooks
 * on another thread, which cost `npm run eval` about a second before its first call.
 *
 * When the bundle is missing or any file it was built from changed (a fresh clone, an edit, a
 * new Prisma schema), the command is prepared the slow way once: tsx loads
 * scripts/prepare-client.ts, which generates the Prisma client when it is missing or stale, the
 * bundle is rebuilt, and the command runs from it. If it cannot be built, the command runs under
 * tsx as before, so a bundling problem never stops a command (and its own errors, a syntax error
 * among them, are reported as usual).
 *
 * Why not a library: tsx has no build-once mode, and Node 20 has no module compile cache
 * (module.enableCompileCache is Node 22); esbuild is already here (tsx and Next use it).
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildBundle, freshBundle } from "./cli-bundle.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** The commands that start from a bundle: scripts/<name>.ts. */
const COMMANDS = new Set(["eval"]);

const command = process.argv[2] ?? "";
if (!COMMANDS.has(command)) {
  process.stderr.write(
    `launch: unknown command "${command}" (one of ${[...COMMANDS].join(", ")})\n`,
  );
  process.exit(64);
}
// The command reads its own arguments from argv[2] on, as if started directly.
process.argv.splice(2, 1);
// Bundled code cannot find the project from its own file's location: it is told.
process.env.CROSSBENCH_ROOT = root;
const entry = path.join("scripts", `${command}.ts`);

const fresh = freshBundle(root, command);
if (fresh !== null) {
  await import(pathToFileURL(fresh).href);
} else {
  const { register } = await import("tsx/esm/api");
  const unregister = register();
  await import(pathToFileURL(path.join(root, "scripts", "prepare-client.ts")).href);
  const bundle = await buildBundle(root, command, entry, [
    "prisma/schema.prisma",
    "tsconfig.json",
  ]).catch(() => null);
  if (bundle === null) {
    await import(pathToFileURL(path.join(root, entry)).href);
  } else {
    await unregister();
    await import(pathToFileURL(bundle).href);
  }
}
