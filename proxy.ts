import { getSessionCookie } from "better-auth/cookies";
import { NextResponse, type NextRequest } from "next/server";

/**
 * A fast redirect to the sign-in page when there is no session cookie at all. It checks only that
 * a cookie exists: every page and action verifies the session on the server, which is what counts.
 */
export function proxy(request: NextRequest) {
  if (!getSessionCookie(request)) {
    const url = new URL("/sign-in", request.url);
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
}

export const config = {
  // Public: sign-in, the auth and health endpoints, shared reports (the token is the credential),
  // Next's assets, icons and README images.
  matcher: ["/((?!sign-in|api/auth|api/health|share/|_next/|icon.svg|favicon.ico|readme/).*)"],
};
