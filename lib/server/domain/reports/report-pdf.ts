import "server-only";
import { formatPdfFooter } from "@/lib/report/pdf-footer";
import { BROWSER_ARGS, BROWSER_INSTALL_HINT, findBrowser } from "../../ops/browser";
import { getEnv } from "../../ops/env";

/**
 * Prints a report page to PDF with headless Chromium (playwright-core): the page is loaded from
 * this server over loopback, as the caller, with print styles; charts stay SVG, so the PDF keeps
 * them as vector graphics.
 */

/** Why no PDF can be made here, and how to fix it; null when a browser is installed. */
export function getPdfUnavailableReason(): string | null {
  return findBrowser(getEnv().CROSSBENCH_BROWSER_PATH) ? null : BROWSER_INSTALL_HINT;
}

/** This server's own address on loopback: never a host the request named. */
export function loopbackOrigin(): string {
  const env = getEnv();
  const host =
    env.HOST === "0.0.0.0"
      ? "127.0.0.1"
      : env.HOST === "::" || env.HOST === "[::]"
        ? "[::1]"
        : env.HOST;
  return `http://${host}:${env.PORT}`;
}

export class BrowserUnavailableError extends Error {}

/**
 * Renders `path` (on this server) to an A4 PDF. `cookie` is the caller's Cookie header, forwarded
 * so that the page is rendered with the caller's own rights; null for a public page.
 */
export async function printPagePdf(options: {
  path: string;
  cookie: string | null;
  footerLabel: string;
  timeoutMs?: number;
}): Promise<Uint8Array> {
  const executablePath = findBrowser(getEnv().CROSSBENCH_BROWSER_PATH);
  if (!executablePath) throw new BrowserUnavailableError(BROWSER_INSTALL_HINT);
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath, args: BROWSER_ARGS });
  try {
    // The width the printed A4 page lays out at (at scale 0.8), so the charts are sized for it.
    const context = await browser.newContext({
      viewport: { width: 900, height: 1200 },
      extraHTTPHeaders: options.cookie ? { cookie: options.cookie } : {},
    });
    const page = await context.newPage();
    await page.emulateMedia({ media: "print" });
    const timeout = options.timeoutMs ?? 30_000;
    const response = await page.goto(`${loopbackOrigin()}${options.path}`, {
      waitUntil: "networkidle",
      timeout,
    });
    if (!response?.ok())
      throw new Error(`The report page answered ${response?.status() ?? "nothing"}.`);
    await page.locator("[data-report-document]").waitFor({ timeout });
    // Paper has no toggles: every "Table view" is printed open, below its chart.
    await page.evaluate(() => {
      for (const details of document.querySelectorAll("[data-report-document] details")) {
        details.setAttribute("open", "");
      }
    });
    const pdf = await page.pdf({
      format: "A4",
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate: formatPdfFooter(options.footerLabel),
      margin: { top: "12mm", bottom: "16mm", left: "10mm", right: "10mm" },
      scale: 0.8,
    });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}
