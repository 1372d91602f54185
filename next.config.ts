import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Enables forbidden() and app/forbidden.tsx (the 403 page for a role that is too low).
  experimental: { authInterrupts: true },
};

export default nextConfig;
