import { getSessionCookie } from "better-auth/cookies";
import { NextResponse, type NextRequest } from "next/server";
import { isPublicPath } from "@/lib/server/http/public-paths";
import {
  STRICT_TRANSPORT_SECURITY,
  buildContentSecurityPolicy,
  createNonce,
  isHttpsRequest,
} from "@/lib/server/http/security-headers";

/**
 * Runs before every route (build assets aside). It gives each request its own CSP nonce: the
 * policy goes on the response, and on the request too, where Next.js reads the nonce and puts it
 * on the scripts it renders. Over HTTPS it adds HSTS. Then a fast redirect to the sign-in page
 * when a protected path comes without any session cookie: it checks only that a cookie exists;
 * every page and action verifies the session on the server, which is what counts.
 *
 * The headers that do not change per request (nosniff, framing, referrer, permissions) are set
 * for every path, build assets included, in next.config.ts.
 */
export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const isHttps = isHttpsRequest(request.url, request.headers.get("x-forwarded-proto"));
  const policy = buildContentSecurityPolicy({
    nonce,
    isDev: process.env.NODE_ENV === "development",
    isHttps,
  });
  const secure = (response: NextResponse) => {
    response.headers.set("Content-Security-Policy", policy);
    if (isHttps) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
    return response;
  };

  if (!isPublicPath(request.nextUrl.pathname) && !getSessionCookie(request)) {
    return secure(NextResponse.redirect(new URL("/sign-in", request.url)));
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  return secure(NextResponse.next({ request: { headers: requestHeaders } }));
}

export const config = {
  // Everything but Next's fingerprinted build assets, which render nothing a policy could govern.
  matcher: ["/((?!_next/static/|_next/image/).*)"],
};
