// Accepting an invitation (/api/v1/invitations/:token): public, because the invitee may have no
// account yet. A new person sets a name and password; an existing account proves it with its password.

import { z } from "@hono/zod-openapi";
import { Hono } from "hono";
import { assertLoginAllowed, loginFailed, loginKeys } from "../auth/login-limiter.ts";
import { checkSameOrigin, RANK } from "../auth/middleware.ts";
import { hashPassword, verifyPassword } from "../auth/password.ts";
import { audit } from "../db/audit.ts";
import { claimInvitation, findInvitationByToken, type Invitation } from "../db/invitations.ts";
import { addMember, getMembership, updateMember } from "../db/members.ts";
import { getSite } from "../db/sites.ts";
import { createUser, getUserByEmail, getUserSecurity } from "../db/users.ts";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import { rosterChanged } from "../inbox/notify.ts";
import { newId } from "../lib/ids.ts";
import { endpoint, parseWith } from "../openapi/endpoint.ts";
import { InvitationAcceptInput } from "../schemas/account.ts";
import { NewPassword } from "../schemas/common.ts";
import { UserSchema } from "../schemas/responses.ts";
import { checkSecondFactor, signIn } from "./auth.ts";

export const invitationRoutes = new Hono<AppEnv>();

async function pending(db: D1Database, token: string): Promise<Invitation> {
  const inv = await findInvitationByToken(db, token);
  if (!inv) throw new AppError(404, "not_found", "This invitation link is not valid.");
  if (inv.state !== "pending")
    throw new AppError(410, `invitation_${inv.state}`, `This invitation was ${inv.state === "expired" ? "not used in time" : inv.state} — ask for a new one.`);
  return inv;
}

endpoint(
  invitationRoutes,
  {
    method: "get",
    path: "/invitations/:token",
    tag: "People",
    summary: "What an invitation link is for",
    access: "public",
    responses: {
      200: {
        description: "The invitation, and whether its email already has an account",
        schema: z.object({ siteName: z.string(), email: z.string(), role: z.string(), expiresAt: z.number(), account: z.boolean() }),
      },
      410: "Used, revoked or expired",
    },
  },
  async (c) => {
    const inv = await pending(c.env.DB, c.req.param("token")!);
    const site = await getSite(c.env.DB, inv.siteId);
    const account = (await getUserByEmail(c.env.DB, inv.email)) !== null;
    return c.json({ siteName: site?.name ?? inv.siteId, email: inv.email, role: inv.role, expiresAt: inv.expiresAt, account });
  },
);

endpoint(
  invitationRoutes,
  {
    method: "post",
    path: "/invitations/:token/accept",
    tag: "People",
    summary: "Accept an invitation and sign in",
    description:
      "Without an account: `name` and a new `password` (10+ characters) create one. With an account: its `password` (and `code` when it has a second factor). The link works once.",
    access: "public",
    body: InvitationAcceptInput.extend({ code: z.string().max(20).optional() }),
    bodyLimit: 4096,
    responses: { 200: { description: "Joined and signed in", schema: z.object({ user: UserSchema }) }, 410: "Used, revoked or expired" },
  },
  async (c, { body }) => {
    checkSameOrigin(c);
    const inv = await pending(c.env.DB, c.req.param("token")!);
    const existing = await getUserByEmail(c.env.DB, inv.email);
    let userId: string;
    if (existing) {
      const keys = loginKeys(c, inv.email);
      await assertLoginAllowed(c.env.DB, keys);
      const ok = await verifyPassword(body.password, existing.passwordHash);
      const sec = await getUserSecurity(c.env.DB, existing.id);
      if (!ok || (sec?.totpSecret && !(await checkSecondFactor(c, existing.id, body.code)))) {
        await loginFailed(c.env.DB, keys);
        throw new AppError(401, "bad_credentials", "Enter the password (and code) of your existing account.", { field: "password" });
      }
      if (!(await claimInvitation(c.env.DB, inv.id, existing.id))) throw new AppError(410, "invitation_used", "This invitation was used already.");
      userId = existing.id;
    } else {
      if (!body.name) throw new AppError(400, "invalid", "name: Enter your name.", { field: "name" });
      const { password } = parseWith(z.object({ password: NewPassword }), { password: body.password });
      userId = newId("u");
      if (!(await claimInvitation(c.env.DB, inv.id, userId))) throw new AppError(410, "invitation_used", "This invitation was used already.");
      if (!(await createUser(c.env.DB, { id: userId, email: inv.email, name: body.name, passwordHash: await hashPassword(password) })))
        throw new AppError(409, "taken", "An account with this email was just created. Sign in instead.");
    }
    const member = await getMembership(c.env.DB, inv.siteId, userId);
    if (!member) await addMember(c.env.DB, inv.siteId, userId, inv.role);
    else if (RANK[inv.role] > RANK[member.role]) await updateMember(c.env.DB, inv.siteId, userId, { role: inv.role });
    await audit(c.env.DB, { siteId: inv.siteId, actorId: userId, action: "member.join", target: userId, detail: { invitation: inv.id, role: inv.role } });
    await rosterChanged(c.env, inv.siteId);
    return c.json({ user: await signIn(c, userId) });
  },
);
