import type { Metadata } from "next";
import { headers } from "next/headers";
import { ThemeProvider } from "next-themes";
import type { ReactNode } from "react";

import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Crossbench", template: "%s · Crossbench" },
  description: "How free your organisation is to move its AI workloads between clouds.",
};

/**
 * The document only: the app shell is in `(app)/layout.tsx`, the sign-in frame in `sign-in/`.
 * Reading the request's CSP nonce (set by proxy.ts) makes every page render per request, which a
 * nonce needs: a page prerendered at build time would carry scripts no policy lets run. The theme
 * script runs before hydration, so it carries the nonce itself.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <body>
        <ThemeProvider
          attribute="class"
          defaultTheme="system"
          enableSystem
          disableTransitionOnChange
          nonce={nonce}
        >
          {children}
        </ThemeProvider>
      </body>
    </html>
  );
}
