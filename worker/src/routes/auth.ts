// Sign-in and sign-out (/api/v1/auth): email + password, HttpOnly session cookie.

import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { requireUser, SESSION_COOKIE } from "../auth/middleware.ts";
import { verifyPassword } from "../auth/password.ts";
import { createSession, deleteSession, SESSION_TTL_MS } from "../db/sessions.ts";
import { listSitesForUser } from "../db/sites.ts";
import { getSessionUserById, getUserByEmail } from "../db/users.ts";
import type { AppEnv } from "../env.ts";
import { AppError, readJson } from "../errors.ts";

export const authRoutes = new Hono<AppEnv>();

// A fixed hash to verify against when the email is unknown, so timing does not reveal which emails exist.
const DUMMY_HASH = "pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

authRoutes.post("/login", async (c) => {
  const body = (await readJson(c, 4096)) as { email?: unknown; password?: unknown } | null;
  const email = typeof body?.email === "string" ? body.email.trim() : "";
  const password = typeof body?.password === "string" ? body.password : "";
  if (!email || email.length > 254) throw new AppError(400, "invalid", "Enter your email address.", { field: "email" });
  if (!password || password.length > 1024) throw new AppError(400, "invalid", "Enter your password.", { field: "password" });
  const user = await getUserByEmail(c.env.DB, email);
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) throw new AppError(401, "bad_credentials", "That email and password do not match.");
  const value = await createSession(c.env.DB, user.id, c.req.header("user-agent"));
  const secure = new URL(c.req.url).protocol === "https:";
  setCookie(c, SESSION_COOKIE, value, { httpOnly: true, sameSite: "Lax", secure, path: "/", maxAge: SESSION_TTL_MS / 1000 });
  const me = await getSessionUserById(c.env.DB, user.id);
  return c.json({ user: me });
});

authRoutes.post("/logout", async (c) => {
  const value = getCookie(c, SESSION_COOKIE);
  if (value) await deleteSession(c.env.DB, value);
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
  return c.json({ ok: true });
});

authRoutes.get("/me", requireUser(), async (c) => {
  const user = c.get("user");
  const sites = await listSitesForUser(c.env.DB, user.id);
  return c.json({ user, sites: sites.map((s) => ({ id: s.id, name: s.name, role: s.role })) });
});
