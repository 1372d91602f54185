import { existsSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";

/**
 * Finds a Chromium for end-to-end tests and PDF export, in the order environment.md gives: an
 * explicit path, Playwright's own download cache, then a system Chromium or Chrome.
 */

const SYSTEM_BROWSERS = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
];

export const BROWSER_INSTALL_HINT =
  "No Chromium found. Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`; or `npx playwright install chromium` where downloads work), or set CROSSBENCH_BROWSER_PATH to a Chromium or Chrome executable.";

function playwrightCacheBrowsers(): string[] {
  const cache =
    process.env.PLAYWRIGHT_BROWSERS_PATH || path.join(homedir(), ".cache", "ms-playwright");
  let dirs: string[];
  try {
    dirs = readdirSync(cache)
      .filter((name) => name.startsWith("chromium-"))
      .sort()
      .reverse();
  } catch {
    return [];
  }
  return dirs.flatMap((dir) => [
    path.join(cache, dir, "chrome-linux64", "chrome"),
    path.join(cache, dir, "chrome-linux", "chrome"),
  ]);
}

/** The browser executable to use, or null when there is none. */
export function findBrowser(explicitPath?: string): string | null {
  if (explicitPath) return existsSync(explicitPath) ? explicitPath : null;
  return (
    [...playwrightCacheBrowsers(), ...SYSTEM_BROWSERS].find((candidate) => existsSync(candidate)) ??
    null
  );
}

/** Flags that keep Chromium quiet on a closed network and working as root in containers. */
export const BROWSER_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
