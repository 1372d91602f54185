/**
 * Prebuilt bundles of the command-line entry points (used by scripts/launch.mjs; plain JavaScript
 * because it runs before any TypeScript loader). A bundle is one ES module of our sources
 * (esbuild; npm packages stay ordinary imports) beside a manifest of every file it was built
 * from with its size and modification time. It is fresh while every one of them is unchanged;
 * a file that joins the import graph can only do so through an edit to one already in it.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";

const MANIFEST_VERSION = 1;

/** Size and modification time of a file, or null when it is gone. */
function stamp(file) {
  try {
    const stats = statSync(file);
    return `${stats.size}:${stats.mtimeMs}`;
  } catch {
    return null;
  }
}

/** Where bundles live: node_modules/.cache, as other tools' caches do. */
export function bundleDirectory(root) {
  return path.join(root, "node_modules", ".cache", "crossbench");
}

function manifestPath(root, command) {
  return path.join(bundleDirectory(root), `${command}.json`);
}

function readManifest(root, command) {
  try {
    const manifest = JSON.parse(readFileSync(manifestPath(root, command), "utf8"));
    return manifest?.version === MANIFEST_VERSION &&
      typeof manifest.entry === "string" &&
      typeof manifest.inputs === "object"
      ? manifest
      : null;
  } catch {
    return null;
  }
}

/**
 * The command's bundle entry when it was built from exactly the files that are there now, else
 * null.
 */
export function freshBundle(root, command) {
  const manifest = readManifest(root, command);
  if (manifest === null) return null;
  const entry = path.join(bundleDirectory(root), manifest.entry);
  if (!existsSync(entry)) return null;
  for (const [file, recorded] of Object.entries(manifest.inputs))
    if (stamp(path.join(root, file)) !== recorded) return null;
  return entry;
}

/**
 * Builds `entry` (a path inside `root`) into the command's bundle and writes its manifest.
 * Code split: a module our code imports dynamically is a chunk of its own with its own package
 * imports, so what a command does not use is not loaded (the AI SDK's providers, the emulator).
 * Every file's name carries a hash of its content and each is written beside and renamed, so a
 * command already running from an earlier build still finds every chunk it loads later, and a
 * command starting meanwhile never reads half a file. Chunks no build has used for a day are
 * removed. `alsoWatch` lists files outside the import graph that make the bundle stale when they
 * change (the Prisma schema: the bundle holds the client generated from it).
 */
export async function buildBundle(root, command, entry, alsoWatch = []) {
  const directory = bundleDirectory(root);
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { [command]: entry },
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    outdir: directory,
    entryNames: "[name]-[hash]",
    chunkNames: "chunk-[hash]",
    outExtension: { ".js": ".mjs" },
    write: false,
    metafile: true,
    logLevel: "silent",
    legalComments: "none",
  });
  const inputs = {};
  for (const file of [...Object.keys(result.metafile.inputs), ...alsoWatch]) {
    const recorded = stamp(path.join(root, file));
    if (recorded !== null) inputs[file] = recorded;
  }
  // Modules imported dynamically are entry points of their own too; the command's is `entry`.
  const entryOutput = Object.entries(result.metafile.outputs).find(
    ([, output]) => output.entryPoint === entry.split(path.sep).join("/"),
  );
  if (!entryOutput) throw new Error("esbuild wrote no entry point");
  mkdirSync(directory, { recursive: true });
  const suffix = `.${process.pid}.tmp`;
  const write = (file, contents) => {
    writeFileSync(file + suffix, contents);
    renameSync(file + suffix, file);
  };
  for (const file of result.outputFiles)
    if (!existsSync(file.path)) write(file.path, file.contents);
  const entryName = path.basename(entryOutput[0]);
  write(
    manifestPath(root, command),
    JSON.stringify({ version: MANIFEST_VERSION, entry: entryName, inputs }),
  );
  removeStaleFiles(directory, new Set(result.outputFiles.map((file) => path.basename(file.path))));
  return path.join(directory, entryName);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Bundle files this build did not write and no build touched for a day (best effort). */
function removeStaleFiles(directory, current) {
  for (const name of readdirSync(directory)) {
    if (current.has(name) || !name.endsWith(".mjs")) continue;
    const file = path.join(directory, name);
    try {
      if (Date.now() - statSync(file).mtimeMs > DAY_MS) rmSync(file);
    } catch {
      // Removed by another build meanwhile.
    }
  }
}
