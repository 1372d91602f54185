import { z } from "zod";

/**
 * Runs in the browser before the app's own modules. Zod compiles fast object parsers with
 * `new Function` when it may; the Content-Security-Policy (proxy.ts) allows no eval in production,
 * so zod's probe would fail safely but still report a CSP violation on every page with a form.
 * Jitless parsing is what the browser would fall back to anyway. Set before any schema is built.
 */
z.config({ jitless: true });
