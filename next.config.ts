import type { NextConfig } from "next";

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
};

export default nextConfig;
