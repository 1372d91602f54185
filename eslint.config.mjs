import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The house-style dependency direction, enforced here rather than remembered:
//   app -> components, lib/*
//   components -> lib/charts, lib/format, lib/schemas, lib/views
//   lib/server -> the pure lib modules and prisma
//   pure modules -> nothing framework-bound, no env
// Imports use the "@/" alias; the relative-path patterns catch "../../lib/server" and the like.

const PURE_MODULES = [
  "router",
  "catalog",
  "eval",
  "lockin",
  "routing",
  "charts",
  "report",
  "format",
  "views",
];

const UP = String.raw`(\.\./)+`;

const libMessage =
  "lib/ must not import from app/ or components/: data flows from lib to the UI, never back.";

const libPatterns = [
  { regex: String.raw`^@/(app|components)(/|$)`, message: libMessage },
  { regex: String.raw`^${UP}(app|components)(/|$)`, message: libMessage },
];

const componentsLibMessage =
  "components/ may import only lib/charts, lib/format, lib/schemas and lib/views from lib/. Fetch data in app/ (through lib/server) and pass it in as props.";
const componentsPrismaMessage =
  "components/ must not touch the database layer. Fetch data in app/ (through lib/server) and pass it in as props.";
const componentsAppMessage =
  "components/ must not import from app/: routes compose components, not the reverse.";

const componentPatterns = [
  {
    regex: String.raw`^@/lib(/(?!(charts|format|schemas|views)(/|$)).*)?$`,
    message: componentsLibMessage,
  },
  {
    regex: String.raw`^${UP}lib(/(?!(charts|format|schemas|views)(/|$)).*)?$`,
    message: componentsLibMessage,
  },
  { regex: String.raw`^@prisma/`, message: componentsPrismaMessage },
  { regex: String.raw`^(@/|${UP})prisma`, message: componentsPrismaMessage },
  { regex: String.raw`^(@/|${UP})app(/|$)`, message: componentsAppMessage },
];

const appPrismaMessage =
  "app/ reaches the database through lib/server (which checks who may do what), not through Prisma directly.";

const pureMessage =
  "Pure lib modules (router, catalog, eval, lockin, routing, charts, report, format, views) import no Next, React, Prisma, server-only code or env: take what you need as arguments.";

const purePatterns = [
  { regex: String.raw`^(next|react|react-dom|server-only)(/|$)`, message: pureMessage },
  { regex: String.raw`^@next/`, message: pureMessage },
  { regex: String.raw`^@prisma/`, message: pureMessage },
  { regex: String.raw`^(@/|${UP})prisma`, message: pureMessage },
  { regex: String.raw`^@/lib/server(/|$)`, message: pureMessage },
  { regex: String.raw`^${UP}(lib/)?server(/|$)`, message: pureMessage },
  ...libPatterns,
];

const serverNextMessage =
  "Only lib/server/http (sessions, the action and route wrappers, auth) may import Next.js: domain, eval and ops code must run from scripts and workers too.";

const serverPatterns = [
  { regex: String.raw`^(next|@next)(/|$)`, message: serverNextMessage },
  ...libPatterns,
];

const entryHttpMessage =
  "scripts/ and bench/ run outside a request: use lib/server/domain, eval or ops, not lib/server/http (it reads the request's session and headers).";

const entryPatterns = [
  { regex: String.raw`^@/lib/server/http(/|$)`, message: entryHttpMessage },
  { regex: String.raw`^${UP}lib/server/http(/|$)`, message: entryHttpMessage },
];

const eslintConfig = defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    name: "crossbench/components-dependency-direction",
    files: ["components/**/*.{ts,tsx,js,jsx,mjs}"],
    rules: {
      "no-restricted-imports": ["error", { patterns: componentPatterns }],
    },
  },
  {
    // Routes reach the database through lib/server, where authorization lives, never directly.
    name: "crossbench/app-dependency-direction",
    files: ["app/**/*.{ts,tsx,js,jsx,mjs}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: String.raw`^@prisma/`, message: appPrismaMessage },
            { regex: String.raw`^(@/|${UP})prisma(/|$)`, message: appPrismaMessage },
          ],
        },
      ],
    },
  },
  {
    name: "crossbench/lib-dependency-direction",
    files: ["lib/**/*.{ts,tsx,js,jsx,mjs}"],
    rules: {
      "no-restricted-imports": ["error", { patterns: libPatterns }],
    },
  },
  {
    // lib/server in layers: http (the request boundary), domain (caller-first queries and
    // mutations), eval (the worker runtime), ops (env, database, embedded PostgreSQL, build,
    // browser). Only http may touch Next.js. Repeats libPatterns: a later block replaces them.
    name: "crossbench/server-layers",
    files: ["lib/server/**/*.{ts,tsx,js,jsx,mjs}"],
    ignores: ["lib/server/http/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: serverPatterns }],
    },
  },
  {
    // Command-line entry points and benchmarks never import the request layer. scripts/start.ts
    // is the HTTP server itself: it applies the request-hygiene and header policy of lib/server/http.
    name: "crossbench/entry-points",
    files: ["scripts/**/*.{ts,tsx,js,jsx,mjs}", "bench/**/*.{ts,tsx,js,jsx,mjs}"],
    ignores: ["scripts/start.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: entryPatterns }],
    },
  },
  {
    // Comes after the lib/** block and repeats its patterns: a later block replaces a rule's options.
    name: "crossbench/pure-modules",
    files: PURE_MODULES.map((name) => `lib/${name}/**/*.{ts,tsx,js,jsx,mjs}`),
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: ["process", "node:process"].map((name) => ({
            name,
            importNames: ["env"],
            message: pureMessage,
          })),
          patterns: purePatterns,
        },
      ],
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: pureMessage },
      ],
    },
  },
  globalIgnores([
    ".next/**",
    "out/**",
    "build/**",
    "next-env.d.ts",
    "node_modules/**",
    "prisma/generated/**",
    ".data/**",
    "coverage/**",
    "test-results/**",
    "playwright-report/**",
    "blob-report/**",
  ]),
]);

export default eslintConfig;
