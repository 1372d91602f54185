import { expect, test } from "@playwright/test";
import { SEED_PLATFORMS } from "../lib/catalog/seed/platforms";

const AREAS = [
  { label: "Overview", path: "/" },
  { label: "Catalog", path: "/catalog" },
  { label: "Runs", path: "/runs" },
  { label: "Compare", path: "/compare" },
  { label: "Lock-in", path: "/lock-in" },
  { label: "Routing", path: "/routing" },
  { label: "Reports", path: "/reports" },
  { label: "Settings", path: "/settings" },
];

test("health reports a reachable database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { status: string; database: { reachable: boolean } };
  expect(body.status).toBe("ok");
  expect(body.database.reachable).toBe(true);
});

test("the shell loads with navigation for every area", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  // The seed's platforms are counted from the database, not written into the page.
  const platforms = page.locator("dl > div").filter({ hasText: "Platforms" }).locator("dd");
  await expect(platforms).toHaveText(String(SEED_PLATFORMS.length));
  const nav = page.getByRole("navigation", { name: /main/i });
  for (const area of AREAS) {
    await expect(nav.getByRole("link", { name: area.label, exact: true })).toBeVisible();
  }
  await expect(nav.getByRole("link", { name: "Overview", exact: true })).toHaveAttribute(
    "aria-current",
    "page",
  );
});

test("every navigation entry opens its page", async ({ page }) => {
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: /main/i });
  for (const area of AREAS) {
    await nav.getByRole("link", { name: area.label, exact: true }).click();
    await expect(page).toHaveURL(area.path === "/" ? /\/$/ : new RegExp(`${area.path}$`));
    await expect(page.getByRole("heading", { level: 1, name: area.label })).toBeVisible();
    await expect(nav.getByRole("link", { name: area.label, exact: true })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expect(page).toHaveTitle(new RegExp(`${area.label}.*Crossbench|Crossbench`));
  }
});

test("the theme can be switched to dark and back with the keyboard", async ({ page }) => {
  await page.goto("/catalog");
  const html = page.locator("html");
  const toggle = page.getByRole("button", { name: /colour theme/i });
  // The toggle is disabled until the page is interactive (the theme is only known in the browser).
  await expect(toggle).toBeEnabled();
  await expect(toggle).toHaveAccessibleName(/system/);
  await expect(html).not.toHaveClass(/dark/);

  // system -> light -> dark
  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(toggle).toHaveAccessibleName(/Colour theme: light/);
  await page.keyboard.press("Enter");
  await expect(toggle).toHaveAccessibleName(/Colour theme: dark/);
  await expect(html).toHaveClass(/dark/);

  // The choice survives a reload, then cycles back to following the system.
  await page.reload();
  await expect(html).toHaveClass(/dark/);
  await expect(toggle).toBeEnabled();
  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(toggle).toHaveAccessibleName(/Colour theme: system/);
  await expect(html).not.toHaveClass(/dark/);
});

test("an unknown page says so", async ({ page }) => {
  const response = await page.goto("/no-such-area");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await page.getByRole("link", { name: "Go to the overview" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
});
