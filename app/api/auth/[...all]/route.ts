import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/lib/server/auth";

export const dynamic = "force-dynamic";

/**
 * better-auth's endpoints: sign-in (throttled per account and per address), sign-out, session,
 * change password. The client address, throttling and audit are all in `lib/server/auth-config.ts`.
 */
export async function GET(request: Request) {
  return toNextJsHandler(getAuth()).GET(request);
}

export async function POST(request: Request) {
  return toNextJsHandler(getAuth()).POST(request);
}
