import "server-only";
import { randomBytes } from "node:crypto";
import { hasRole, type Role } from "@/lib/schemas/roles";
import type { Caller } from "../domain/caller";
import { AppError, type AppErrorCode } from "../domain/errors";
import { decodeRouteParam } from "./route-params";
import { getCaller } from "./session";

/**
 * The one boundary every route handler goes through, as `authedAction` is for server actions:
 * authenticate (401), check the role (403), decode the dynamic parameters (404 when they cannot
 * be), run the handler, and turn an AppError into its status. Unknown errors are logged with a
 * reference and answered generically: exception text never reaches the client. A route inventory
 * test (route-inventory.int.test.ts) fails for any route handler not declared through here.
 */

export type RouteMeta = { kind: "authed"; role: Role } | { kind: "public"; reason: string };

const registry = new WeakMap<object, RouteMeta>();

/** How a route handler was declared; undefined for one that bypasses the wrapper. */
export function getRouteMeta(handler: unknown): RouteMeta | undefined {
  return typeof handler === "function" ? registry.get(handler) : undefined;
}

type Params = Record<string, string | string[]>;
type RouteContext<P extends Params> = { params: Promise<P> };
type NextRouteHandler<P extends Params> = (
  request: Request,
  context?: RouteContext<P>,
) => Promise<Response>;

const STATUS: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_INPUT: 400,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  UPSTREAM: 502,
  INTERNAL: 500,
};

/** The HTTP answer for an error: its status and message for an AppError, else a generic 500. */
export function toHttpResponse(error: unknown): Response {
  const headers = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" };
  if (error instanceof AppError)
    return new Response(error.message, { status: STATUS[error.code], headers });
  const reference = randomBytes(4).toString("hex");
  console.error(`[route] unexpected error (ref ${reference}):`, error);
  return new Response(`Something went wrong on the server (reference ${reference}).`, {
    status: 500,
    headers,
  });
}

/** The dynamic parameters, decoded; null when one is not a valid, printable value. */
function decodeParams<P extends Params>(params: P): P | null {
  const decoded: Params = {};
  for (const [key, value] of Object.entries(params)) {
    const values = Array.isArray(value) ? value.map(decodeRouteParam) : decodeRouteParam(value);
    if (values === null || (Array.isArray(values) && values.includes(null))) return null;
    decoded[key] = values as string | string[];
  }
  return decoded as P;
}

async function run<P extends Params>(
  context: RouteContext<P> | undefined,
  handle: (params: P) => Promise<Response>,
): Promise<Response> {
  try {
    // Next passes no params object (undefined) to a route without dynamic segments.
    const params = decodeParams(((context ? await context.params : undefined) ?? {}) as P);
    if (params === null) return toHttpResponse(new AppError("NOT_FOUND", "That was not found."));
    return await handle(params);
  } catch (error) {
    return toHttpResponse(error);
  }
}

/** A route handler for signed-in users with at least `role`. */
export function authedRoute<P extends Params = Record<string, never>>(
  role: Role,
  handler: (caller: Caller, request: Request, params: P) => Promise<Response>,
): NextRouteHandler<P> {
  const wrapped: NextRouteHandler<P> = async (request, context) => {
    const caller = await getCaller();
    if (!caller) return toHttpResponse(new AppError("UNAUTHENTICATED", "Sign in to continue."));
    if (!hasRole(caller.role, role))
      return toHttpResponse(new AppError("FORBIDDEN", `This needs the ${role} role.`));
    return run(context, (params) => handler(caller, request, params));
  };
  registry.set(wrapped, { kind: "authed", role });
  return wrapped;
}

/**
 * A route handler anyone may call. `reason` says why it is public (the inventory test requires
 * one): the health check, the auth endpoints, share links whose token is the credential.
 */
export function publicRoute<P extends Params = Record<string, never>>(
  reason: string,
  handler: (request: Request, params: P) => Promise<Response>,
): NextRouteHandler<P> {
  const wrapped: NextRouteHandler<P> = (request, context) =>
    run(context, (params) => handler(request, params));
  registry.set(wrapped, { kind: "public", reason });
  return wrapped;
}
