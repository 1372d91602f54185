import { readdir } from "node:fs/promises";
import path from "node:path";

/**
 * Every route the app serves, read from the `app/` directory itself, so a spec that walks "every
 * route" covers a new route the day it is added. Follows the App Router's file conventions: route
 * groups `(name)` add nothing to the URL, `_private` folders and `@slot` folders are not routes,
 * `[name]` is a dynamic segment and `[...name]` / `[[...name]]` catch-alls.
 */

export type RouteSegment =
  { kind: "static"; value: string } | { kind: "dynamic" | "catch-all"; name: string };

export type AppRoute = {
  /** The route as written in the tree, e.g. `/runs/[id]/trials.csv`. */
  pattern: string;
  /** A page renders HTML; a route handler (or metadata file such as icon.svg) answers anything. */
  kind: "page" | "route";
  segments: RouteSegment[];
};

const PAGE = /^page\.(tsx|ts|jsx|js|mdx)$/;
const HANDLER = /^route\.(ts|js)$/;
/** Metadata files served at their own URL (a subset of Next's conventions; the ones this app may use). */
const METADATA =
  /^(icon|apple-icon|favicon)\.\w+$|^(robots\.txt|sitemap\.xml|manifest\.(json|webmanifest))$/;

function parseSegment(name: string): RouteSegment | null {
  if (/^\(.+\)$/.test(name)) return null;
  const catchAll = /^\[\[?\.\.\.(.+?)\]?\]$/.exec(name);
  if (catchAll?.[1]) return { kind: "catch-all", name: catchAll[1] };
  const dynamic = /^\[(.+)\]$/.exec(name);
  if (dynamic?.[1]) return { kind: "dynamic", name: dynamic[1] };
  return { kind: "static", value: name };
}

function patternOf(segments: RouteSegment[]): string {
  const parts = segments.map((s) =>
    s.kind === "static" ? s.value : s.kind === "dynamic" ? `[${s.name}]` : `[...${s.name}]`,
  );
  return `/${parts.join("/")}`;
}

async function walk(dir: string, segments: RouteSegment[], found: AppRoute[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.isDirectory()) {
      if (entry.name.startsWith("_") || entry.name.startsWith("@")) continue;
      const segment = parseSegment(entry.name);
      await walk(path.join(dir, entry.name), segment ? [...segments, segment] : segments, found);
    } else if (PAGE.test(entry.name) || HANDLER.test(entry.name)) {
      found.push({
        pattern: patternOf(segments),
        kind: PAGE.test(entry.name) ? "page" : "route",
        segments,
      });
    } else if (METADATA.test(entry.name)) {
      const file: RouteSegment = { kind: "static", value: entry.name };
      found.push({
        pattern: patternOf([...segments, file]),
        kind: "route",
        segments: [...segments, file],
      });
    }
  }
}

/** The app's routes, sorted by pattern. */
export async function listAppRoutes(appDir: string): Promise<AppRoute[]> {
  const found: AppRoute[] = [];
  await walk(appDir, [], found);
  return found.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/**
 * A concrete path for a route: `fill` gives each dynamic segment's value, already encoded as it
 * should appear in the URL (a catch-all value may hold several segments).
 */
export function buildPath(route: AppRoute, fill: (segment: RouteSegment, index: number) => string) {
  const parts = route.segments.map((segment, index) =>
    segment.kind === "static" ? segment.value : fill(segment, index),
  );
  return `/${parts.join("/")}`;
}
