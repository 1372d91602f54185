import { createAuthClient } from "better-auth/react";

/** better-auth's browser client. Same origin, so it finds /api/auth on its own. */
export const authClient = createAuthClient();

/** What a failed better-auth call reports; `status` is the HTTP status. */
export type AuthClientError = { status: number; code?: string; message?: string };
