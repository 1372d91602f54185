import { toNextJsHandler } from "better-auth/next-js";
import { recordRateLimitedSignIn } from "@/lib/server/audit";
import { getAuth } from "@/lib/server/auth";
import { getDb } from "@/lib/server/db";

export const dynamic = "force-dynamic";

/** better-auth's endpoints: sign-in, sign-out, session, change password (rate limited). */
export async function GET(request: Request) {
  return toNextJsHandler(getAuth()).GET(request);
}

export async function POST(request: Request) {
  const isSignIn = new URL(request.url).pathname.endsWith("/sign-in/email");
  const copy = isSignIn ? request.clone() : null;
  const response = await toNextJsHandler(getAuth()).POST(request);
  if (copy && response.status === 429) await recordRateLimitedSignIn(getDb(), copy);
  return response;
}
