import { describe, expect, it } from "vitest";
import { isPublicPath } from "./public-paths";

describe("isPublicPath", () => {
  it("opens sign-in, auth, health, share links, build assets and the icon to anyone", () => {
    for (const path of [
      "/sign-in",
      "/api/auth/sign-in/email",
      "/api/health",
      "/share/abc.def",
      "/share/abc.def/report.pdf",
      "/_next/static/chunks/x.js",
      "/icon.svg",
      "/favicon.ico",
      "/readme/catalog.png",
    ]) {
      expect(isPublicPath(path), path).toBe(true);
    }
  });

  it("needs a session everywhere else, including look-alike prefixes", () => {
    for (const path of [
      "/",
      "/runs",
      "/settings/users",
      "/sign-in-elsewhere",
      "/api/authority",
      "/api/healthz",
      "/shared",
      "/icon.svg/x",
    ]) {
      expect(isPublicPath(path), path).toBe(false);
    }
  });
});
