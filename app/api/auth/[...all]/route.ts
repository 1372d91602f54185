import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/lib/server/http/auth";
import { publicRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/**
 * better-auth's endpoints: sign-in (throttled per account and per address), sign-out, session,
 * change password. The client address, throttling and audit are all in `lib/server/http/auth-config.ts`.
 */
const AUTH_REASON =
  "better-auth's own endpoints: signing in is how a session starts, and each endpoint checks its own credentials";

export const GET = publicRoute(AUTH_REASON, (request) => toNextJsHandler(getAuth()).GET(request));

export const POST = publicRoute(AUTH_REASON, (request) => toNextJsHandler(getAuth()).POST(request));
