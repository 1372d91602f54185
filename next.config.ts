import type { NextConfig } from "next";
import { BASE_SECURITY_HEADERS, SHARE_REFERRER_POLICY } from "./lib/server/http/security-headers";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Enables forbidden() and app/forbidden.tsx (the 403 page for a role that is too low).
  experimental: {
    authInterrupts: true,
    // Catalogue sync uploads a source file of up to 20 MB (LiteLLM's is about 1.5 MB) through a
    // server action and, on its way, the proxy; both default to smaller bodies (1 MB, 10 MB).
    serverActions: { bodySizeLimit: "21mb" },
    proxyClientMaxBodySize: "21mb",
  },
  // The security headers that do not change per request, on every path: pages, route handlers,
  // redirects, not-found answers and build assets. The per-request CSP is set in proxy.ts.
  async headers() {
    return [
      { source: "/:path*", headers: [...BASE_SECURITY_HEADERS] },
      // Later rules win for the same header: share URLs hold their token, so no referrer at all.
      {
        source: "/share/:path*",
        headers: [{ key: "Referrer-Policy", value: SHARE_REFERRER_POLICY }],
      },
    ];
  },
};

export default nextConfig;
