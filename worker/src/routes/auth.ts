// Sign-in and sign-out (/api/v1/auth): email + password (+ TOTP code where enabled), rate limited,
// HttpOnly SameSite session cookie; and who is signed in.

import { z } from "@hono/zod-openapi";
import { Hono, type Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { assertLoginAllowed, loginFailed, loginKeys, loginSucceeded } from "../auth/login-limiter.ts";
import { checkSameOrigin, SESSION_COOKIE } from "../auth/middleware.ts";
import { verifyPassword } from "../auth/password.ts";
import { verifyTotp } from "../auth/totp.ts";
import { createSession, deleteSession, SESSION_TTL_MS } from "../db/sessions.ts";
import { listSitesForUser } from "../db/sites.ts";
import { claimTotpStep, getSessionUserById, getUserByEmail, getUserSecurity } from "../db/users.ts";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import { openSecret } from "../lib/secrets.ts";
import { endpoint } from "../openapi/endpoint.ts";
import { Ok } from "../schemas/common.ts";
import { LoginInput } from "../schemas/account.ts";
import { UserSchema } from "../schemas/responses.ts";

export const authRoutes = new Hono<AppEnv>();

// A fixed hash to verify against when the email is unknown, so timing does not reveal which emails exist.
const DUMMY_HASH = "pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

/** Starts a session for a user: sets the cookie, returns the user as routes see them. */
export async function signIn(c: Context<AppEnv>, userId: string) {
  const value = await createSession(c.env.DB, userId, c.req.header("user-agent"));
  const secure = new URL(c.req.url).protocol === "https:";
  setCookie(c, SESSION_COOKIE, value, { httpOnly: true, sameSite: "Lax", secure, path: "/", maxAge: SESSION_TTL_MS / 1000 });
  return getSessionUserById(c.env.DB, userId);
}

/** Checks a TOTP code for a user with the second factor on; a code is accepted once only. */
export async function checkSecondFactor(c: Context<AppEnv>, userId: string, code: string | undefined): Promise<boolean> {
  const sec = await getUserSecurity(c.env.DB, userId);
  const secret = await openSecret(c.env.PARLEY_SECRET, sec?.totpSecret);
  if (!sec || !secret || !code) return false;
  const step = await verifyTotp(secret, code, Date.now());
  return step !== null && step > sec.totpLastStep && (await claimTotpStep(c.env.DB, userId, step));
}

endpoint(
  authRoutes,
  {
    method: "post",
    path: "/auth/login",
    tag: "Auth",
    summary: "Sign in",
    description:
      "Sets an HttpOnly session cookie. Accounts with a second factor answer `401 totp_required` until `code` is sent too. " +
      "Failed attempts are limited per email and per client IP: over the limit the answer is `429` with `Retry-After` (seconds).",
    access: "public",
    body: LoginInput,
    bodyLimit: 4096,
    responses: { 200: { description: "Signed in", schema: z.object({ user: UserSchema }) }, 429: "Too many failed attempts; see Retry-After" },
  },
  async (c, { body }) => {
    checkSameOrigin(c);
    const keys = loginKeys(c, body.email);
    await assertLoginAllowed(c.env.DB, keys);
    const user = await getUserByEmail(c.env.DB, body.email);
    const ok = await verifyPassword(body.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) {
      await loginFailed(c.env.DB, keys);
      throw new AppError(401, "bad_credentials", "That email and password do not match.");
    }
    const sec = await getUserSecurity(c.env.DB, user.id);
    if (sec?.totpSecret) {
      if (!body.code) throw new AppError(401, "totp_required", "Enter the 6-digit code from your authenticator app.", { field: "code" });
      if (!(await checkSecondFactor(c, user.id, body.code))) {
        await loginFailed(c.env.DB, keys);
        throw new AppError(401, "bad_totp", "That code is not valid (or was used already). Enter the current code.", { field: "code" });
      }
    }
    await loginSucceeded(c.env.DB, keys);
    return c.json({ user: await signIn(c, user.id) });
  },
);

endpoint(
  authRoutes,
  {
    method: "post",
    path: "/auth/logout",
    tag: "Auth",
    summary: "Sign out (ends this session)",
    access: "public",
    responses: { 200: { description: "Signed out", schema: Ok } },
  },
  async (c) => {
    const value = getCookie(c, SESSION_COOKIE);
    if (value) {
      checkSameOrigin(c);
      await deleteSession(c.env.DB, value);
    }
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.json({ ok: true });
  },
);

endpoint(
  authRoutes,
  {
    method: "get",
    path: "/auth/me",
    tag: "Auth",
    summary: "Who is signed in, their sites and whether their second factor is on",
    access: "user",
    responses: {
      200: {
        description: "The signed-in user",
        schema: z.object({
          user: UserSchema,
          sites: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })),
          totpEnabled: z.boolean(),
          authKind: z.enum(["session", "token"]),
        }),
      },
    },
  },
  async (c) => {
    const user = c.get("user");
    const sites = await listSitesForUser(c.env.DB, user.id);
    const sec = await getUserSecurity(c.env.DB, user.id);
    return c.json({
      user,
      sites: sites.filter((s) => user.roles[s.id]).map((s) => ({ id: s.id, name: s.name, role: user.roles[s.id]! })),
      totpEnabled: !!sec?.totpSecret,
      authKind: c.get("authKind"),
    });
  },
);
