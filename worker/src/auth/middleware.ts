// Authentication for /api/v1: session cookie (with a CSRF origin check on writes) and site roles.

import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { sessionUserId } from "../db/sessions.ts";
import { getSessionUserById, type Role, type SessionUser } from "../db/users.ts";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors.ts";

export const SESSION_COOKIE = "parley_session";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Requires a signed-in user. Cookie-authenticated writes must come from our own origin: browsers
 * always send `Origin` on cross-site POST/PUT/PATCH/DELETE, so a mismatch (or a cross-site
 * `Sec-Fetch-Site`) is a forged request and is refused before anything runs.
 */
export function requireUser(): MiddlewareHandler<AppEnv> {
  return async function requireUserMiddleware(c, next) {
    const cookie = getCookie(c, SESSION_COOKIE);
    if (!cookie) throw new AppError(401, "unauthenticated", "Sign in first.");
    const userId = await sessionUserId(c.env.DB, cookie);
    if (!userId) throw new AppError(401, "unauthenticated", "Your session has ended. Sign in again.");
    if (!SAFE_METHODS.has(c.req.method)) checkSameOrigin(c);
    const user = await getSessionUserById(c.env.DB, userId);
    if (!user) throw new AppError(401, "unauthenticated", "Sign in first.");
    c.set("user", user);
    c.set("authKind", "session");
    await next();
  };
}

function checkSameOrigin(c: Context): void {
  const origin = c.req.header("origin");
  const fetchSite = c.req.header("sec-fetch-site");
  const self = new URL(c.req.url).origin;
  if ((origin && origin !== self) || (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none")) {
    throw new AppError(403, "csrf", "This request did not come from the Parley console.");
  }
}

const RANK: Record<Role, number> = { agent: 1, admin: 2, owner: 3 };

/** Throws 403 unless the user has at least `min` role on the site (404 when not a member at all). */
export function requireRole(user: SessionUser, siteId: string, min: Role): Role {
  const role = user.roles[siteId];
  if (!role) throw new AppError(404, "not_found", "No such site.");
  if (RANK[role] < RANK[min]) throw new AppError(403, "forbidden", `This needs the ${min} role on this site.`);
  return role;
}
