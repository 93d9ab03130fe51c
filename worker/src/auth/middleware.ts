// Authentication for /api/v1: session cookie (with a CSRF origin check on writes), API tokens
// (`Authorization: Bearer parley_…`, no CSRF check: browsers never attach them by themselves) and site roles.

import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { resolveApiToken } from "../db/api-tokens.ts";
import { findSession } from "../db/sessions.ts";
import { getSessionUserById, type Role, type SessionUser } from "../db/users.ts";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors.ts";

export const SESSION_COOKIE = "parley_session";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Requires a signed-in user or an API token. Cookie-authenticated writes must come from our own
 * origin: browsers always send `Origin` on cross-site POST/PUT/PATCH/DELETE, so a mismatch (or a
 * cross-site `Sec-Fetch-Site`) is a forged request and is refused before anything runs. A bearer
 * token is only ever sent by a program that holds it, so it needs no such check.
 */
export function requireUser(): MiddlewareHandler<AppEnv> {
  return async function requireUserMiddleware(c, next) {
    const auth = c.req.header("authorization");
    if (auth !== undefined && /^bearer /i.test(auth)) {
      const found = await resolveApiToken(c.env.DB, auth.slice(7).trim());
      if (!found) throw new AppError(401, "unauthenticated", "That API token is not valid (unknown, revoked or expired).");
      const { token, role, user } = found;
      c.set("user", { ...user, roles: { [token.siteId]: role } });
      c.set("authKind", "token");
      c.set("tokenId", token.id);
      return next();
    }
    const cookie = getCookie(c, SESSION_COOKIE);
    if (!cookie) throw new AppError(401, "unauthenticated", "Sign in first.");
    const session = await findSession(c.env.DB, cookie);
    if (!session) throw new AppError(401, "unauthenticated", "Your session has ended. Sign in again.");
    if (!SAFE_METHODS.has(c.req.method)) checkSameOrigin(c);
    const user = await getSessionUserById(c.env.DB, session.userId);
    if (!user) throw new AppError(401, "unauthenticated", "Sign in first.");
    c.set("user", user);
    c.set("authKind", "session");
    c.set("sessionId", session.id);
    await next();
  };
}

/** Refuses API tokens: account security (sessions, password, 2FA, tokens, roles) needs a person signed in. */
export function requireSession(c: Context<AppEnv>): void {
  if (c.get("authKind") !== "session") throw new AppError(403, "session_required", "This needs a person signed in, not an API token.");
}

/** Who did something, for the audit log: the user, or the API token acting for them. */
export function actorOf(c: Context<AppEnv>): { actorId: string; actorKind: "user" | "token" } {
  const tokenId = c.get("tokenId");
  return c.get("authKind") === "token" && tokenId ? { actorId: tokenId, actorKind: "token" } : { actorId: c.get("user").id, actorKind: "user" };
}

/** Refuses a request that a browser sent from another site (see requireUser). */
export function checkSameOrigin(c: Context): void {
  const origin = c.req.header("origin");
  const fetchSite = c.req.header("sec-fetch-site");
  const self = new URL(c.req.url).origin;
  if ((origin && origin !== self) || (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none")) {
    throw new AppError(403, "csrf", "This request did not come from the Parley console.");
  }
}

/** Roles in order of power. */
export const RANK: Record<Role, number> = { agent: 1, admin: 2, owner: 3 };

/**
 * Throws 403 unless the user has at least `min` role on the site. Not being a member at all is a 403
 * as well (site keys are public in embed snippets, so hiding a site's existence would protect nothing).
 */
export function requireRole(user: SessionUser, siteId: string, min: Role): Role {
  const role = user.roles[siteId];
  if (!role) throw new AppError(403, "forbidden", "You are not a member of this site.");
  if (RANK[role] < RANK[min]) throw new AppError(403, "forbidden", `This needs the ${min} role on this site.`);
  return role;
}
