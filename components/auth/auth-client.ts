import { createAuthClient } from "better-auth/react";

/** better-auth's browser client. Same origin, so it finds /api/auth on its own. */
export const authClient = createAuthClient();

/**
 * What a failed better-auth call reports; `status` is the HTTP status. A 429 carries `retryAfter`,
 * the seconds to wait (also in its Retry-After header).
 */
export type AuthClientError = {
  status: number;
  code?: string;
  message?: string;
  retryAfter?: unknown;
};
