// Headers every API and widget answer carries: nothing the worker returns there is a page, so a
// response opened directly in a browser can neither be sniffed into HTML nor run or frame anything.

import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.ts";

/** The policy for JSON (and CSV, export) answers: no scripts, no frames, no sub-resources. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Adds `nosniff`, a deny-all CSP and `Cache-Control: no-store` (unless the route chose its own) to
 * every answer of the routes it is mounted on. Socket upgrades (101) pass through untouched.
 */
export function apiHeaders(): MiddlewareHandler<AppEnv> {
  return async function apiHeadersMiddleware(c, next) {
    await next();
    if (c.res.status === 101) return;
    const h = c.res.headers;
    try {
      h.set("X-Content-Type-Options", "nosniff");
      if (!h.has("Content-Security-Policy")) h.set("Content-Security-Policy", API_CSP);
      if (!h.has("Cache-Control")) h.set("Cache-Control", "no-store");
      if (!h.has("Referrer-Policy")) h.set("Referrer-Policy", "no-referrer");
    } catch {
      // A response with immutable headers (passed through from a Durable Object): leave it as it is.
    }
  };
}
