import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

const shared = {
  resolve: {
    alias: {
      "@": root,
      // `server-only` throws outside React Server Components; tests run modules in plain Node.
      "server-only": path.join(root, "lib/testing/server-only-stub.ts"),
    },
  },
};

export default defineConfig({
  test: {
    projects: [
      {
        ...shared,
        test: {
          name: "unit",
          environment: "node",
          include: ["{app,components,lib,prisma,scripts}/**/*.test.{ts,tsx}"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          // The property tests run hundreds of cases in well under a second alone, but on a busy
          // two-core machine (CI next to a build) one passed 5 s; the default would fail them.
          testTimeout: 20_000,
        },
      },
      {
        ...shared,
        test: {
          name: "int",
          environment: "node",
          include: ["{app,components,lib,prisma,scripts}/**/*.int.test.ts"],
          globalSetup: ["lib/testing/int-global-setup.ts"],
          // One database for the whole run: files run one after another, tests make their own data.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
