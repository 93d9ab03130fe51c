// The signed-in person's own account (/api/v1/auth/…): sessions (listed, revocable), password
// change, and the optional TOTP second factor. API tokens cannot use these.

import { z } from "@hono/zod-openapi";
import { Hono } from "hono";
import { assertLoginAllowed, loginFailed, loginKeys } from "../auth/login-limiter.ts";
import { hashPassword, verifyPassword } from "../auth/password.ts";
import { newTotpSecret, otpauthUri, verifyTotp } from "../auth/totp.ts";
import { audit } from "../db/audit.ts";
import { listSessions, revokeOtherSessions, revokeSession } from "../db/sessions.ts";
import { getUserSecurity, setPasswordHash, setTotpPending, setTotpSecret } from "../db/users.ts";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import { openSecret, sealSecret } from "../lib/secrets.ts";
import { endpoint } from "../openapi/endpoint.ts";
import { PasswordChangeInput, TotpDisableInput, TotpEnableInput } from "../schemas/account.ts";
import { Ok } from "../schemas/common.ts";
import { listOf, SessionSchema } from "../schemas/responses.ts";
import { checkSecondFactor } from "./auth.ts";

export const accountRoutes = new Hono<AppEnv>();

endpoint(
  accountRoutes,
  {
    method: "get",
    path: "/auth/sessions",
    tag: "Account",
    summary: "Your signed-in sessions (devices)",
    access: "session",
    responses: { 200: { description: "Sessions, most recently used first", schema: listOf(SessionSchema) } },
  },
  async (c) => {
    const items = await listSessions(c.env.DB, c.get("user").id);
    return c.json({ items: items.map((s) => ({ ...s, current: s.id === c.get("sessionId") })) });
  },
);

endpoint(
  accountRoutes,
  {
    method: "delete",
    path: "/auth/sessions/:id",
    tag: "Account",
    summary: "Sign a session out",
    access: "session",
    responses: { 200: { description: "Ended", schema: Ok } },
  },
  async (c) => {
    if (!(await revokeSession(c.env.DB, c.get("user").id, c.req.param("id")!))) throw new AppError(404, "not_found", "No such session.");
    return c.json({ ok: true });
  },
);

endpoint(
  accountRoutes,
  {
    method: "post",
    path: "/auth/password",
    tag: "Account",
    summary: "Change your password",
    description: "Every other session of yours is signed out. Wrong current passwords count toward the sign-in rate limit.",
    access: "session",
    body: PasswordChangeInput,
    bodyLimit: 4096,
    responses: { 200: { description: "Changed; `signedOut` other sessions ended", schema: z.object({ ok: z.literal(true), signedOut: z.number().int() }) } },
  },
  async (c, { body }) => {
    const user = c.get("user");
    const keys = loginKeys(c, user.email);
    await assertLoginAllowed(c.env.DB, keys);
    const sec = await getUserSecurity(c.env.DB, user.id);
    if (!sec || !(await verifyPassword(body.current, sec.passwordHash))) {
      await loginFailed(c.env.DB, keys);
      throw new AppError(400, "invalid", "That is not your current password.", { field: "current" });
    }
    await setPasswordHash(c.env.DB, user.id, await hashPassword(body.next));
    const signedOut = await revokeOtherSessions(c.env.DB, user.id, c.get("sessionId") ?? null);
    await audit(c.env.DB, { siteId: null, actorId: user.id, action: "account.password", target: user.id, detail: { signedOut } });
    return c.json({ ok: true, signedOut });
  },
);

endpoint(
  accountRoutes,
  {
    method: "post",
    path: "/auth/totp/setup",
    tag: "Account",
    summary: "Start turning on the second factor",
    description: "Returns a new secret and its otpauth:// URI for an authenticator app. It takes effect once `/auth/totp/enable` confirms a code.",
    access: "session",
    responses: { 200: { description: "The secret to enter in the app", schema: z.object({ secret: z.string(), uri: z.string() }) } },
  },
  async (c) => {
    const user = c.get("user");
    const sec = await getUserSecurity(c.env.DB, user.id);
    if (sec?.totpSecret) throw new AppError(409, "already_enabled", "The second factor is on already. Turn it off first to change it.");
    const secret = newTotpSecret();
    await setTotpPending(c.env.DB, user.id, await sealSecret(c.env.PARLEY_SECRET, secret));
    c.header("Cache-Control", "no-store");
    return c.json({ secret, uri: otpauthUri(secret, user.email) });
  },
);

endpoint(
  accountRoutes,
  {
    method: "post",
    path: "/auth/totp/enable",
    tag: "Account",
    summary: "Turn the second factor on by confirming a code",
    access: "session",
    body: TotpEnableInput,
    responses: { 200: { description: "On", schema: Ok } },
  },
  async (c, { body }) => {
    const user = c.get("user");
    const sec = await getUserSecurity(c.env.DB, user.id);
    const pending = await openSecret(c.env.PARLEY_SECRET, sec?.totpPending);
    if (!sec || !pending) throw new AppError(409, "no_setup", "Start the setup first.");
    const step = await verifyTotp(pending, body.code, Date.now());
    if (step === null) throw new AppError(400, "invalid", "That code does not match. Check the app's clock and enter the current code.", { field: "code" });
    await setTotpSecret(c.env.DB, user.id, sec.totpPending, step);
    await audit(c.env.DB, { siteId: null, actorId: user.id, action: "account.totp.enable", target: user.id });
    return c.json({ ok: true });
  },
);

endpoint(
  accountRoutes,
  {
    method: "post",
    path: "/auth/totp/disable",
    tag: "Account",
    summary: "Turn the second factor off (needs your password and a current code)",
    access: "session",
    body: TotpDisableInput,
    responses: { 200: { description: "Off", schema: Ok } },
  },
  async (c, { body }) => {
    const user = c.get("user");
    const keys = loginKeys(c, user.email);
    await assertLoginAllowed(c.env.DB, keys);
    const sec = await getUserSecurity(c.env.DB, user.id);
    if (!sec?.totpSecret) throw new AppError(409, "not_enabled", "The second factor is not on.");
    if (!(await verifyPassword(body.password, sec.passwordHash))) {
      await loginFailed(c.env.DB, keys);
      throw new AppError(400, "invalid", "That is not your password.", { field: "password" });
    }
    if (!(await checkSecondFactor(c, user.id, body.code))) {
      await loginFailed(c.env.DB, keys);
      throw new AppError(400, "invalid", "That code is not valid (or was used already).", { field: "code" });
    }
    await setTotpSecret(c.env.DB, user.id, null);
    await audit(c.env.DB, { siteId: null, actorId: user.id, action: "account.totp.disable", target: user.id });
    return c.json({ ok: true });
  },
);
