// A site's people (/api/v1/sites/:site/agents and …/invitations): list members, change role and
// capacity, remove; invite by a one-time link. Only owners may grant, change or remove the owner role,
// and the last owner always stays.

import { z } from "@hono/zod-openapi";
import { Hono, type Context } from "hono";
import { actorOf, requireRole, requireSession } from "../auth/middleware.ts";
import { mailInvitation } from "../channels/email/invitation-mail.ts";
import { audit } from "../db/audit.ts";
import { getSite } from "../db/sites.ts";
import { createInvitation, listInvitations, revokeInvitation } from "../db/invitations.ts";
import { countOwners, getMembership, removeMember, updateMember } from "../db/members.ts";
import { getUserByEmail, listSiteMembers, type Role } from "../db/users.ts";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import { rosterChanged } from "../inbox/notify.ts";
import { endpoint } from "../openapi/endpoint.ts";
import { InvitationCreateInput, MemberPatchInput } from "../schemas/account.ts";
import { Ok } from "../schemas/common.ts";
import { InvitationSchema, listOf, MemberSchema } from "../schemas/responses.ts";

export const memberRoutes = new Hono<AppEnv>();

/** The link an invitee opens (served by the admin app). */
export function invitationLink(c: Context<AppEnv>, token: string): string {
  return `${new URL(c.req.url).origin}/admin/invite/${token}`;
}

function needOwnerFor(actor: Role, ...roles: (Role | undefined)[]): void {
  if (roles.includes("owner") && actor !== "owner") throw new AppError(403, "forbidden", "Only an owner can grant, change or remove the owner role.");
}

endpoint(
  memberRoutes,
  {
    method: "get",
    path: "/sites/:site/agents",
    tag: "People",
    summary: "The site's members (everyone can take conversations)",
    access: "user",
    role: "agent",
    responses: { 200: { description: "Members", schema: listOf(MemberSchema) } },
  },
  async (c) => {
    const site = c.req.param("site")!;
    requireRole(c.get("user"), site, "agent");
    return c.json({ items: await listSiteMembers(c.env.DB, site) });
  },
);

endpoint(
  memberRoutes,
  {
    method: "patch",
    path: "/sites/:site/agents/:user",
    tag: "People",
    summary: "Change a member's role or capacity",
    description: "Capacity is how many conversations auto-assignment gives the agent at once (0 = none).",
    access: "session",
    role: "admin",
    body: MemberPatchInput,
    responses: { 200: { description: "The member as they are now", schema: z.object({ member: MemberSchema }) } },
  },
  async (c, { body }) => {
    const site = c.req.param("site")!;
    const userId = c.req.param("user")!;
    const actor = requireRole(c.get("user"), site, "admin");
    const current = await getMembership(c.env.DB, site, userId);
    if (!current) throw new AppError(404, "not_found", "That person is not a member of this site.");
    if (body.role && body.role !== current.role) {
      needOwnerFor(actor, body.role, current.role);
      if (current.role === "owner" && (await countOwners(c.env.DB, site)) <= 1)
        throw new AppError(409, "last_owner", "A site needs at least one owner. Make someone else an owner first.", { field: "role" });
    }
    await updateMember(c.env.DB, site, userId, body);
    await audit(c.env.DB, {
      siteId: site,
      ...actorOf(c),
      action: body.role && body.role !== current.role ? "member.role" : "member.update",
      target: userId,
      detail: {
        ...(body.role ? { role: [current.role, body.role] } : {}),
        ...(body.capacity !== undefined ? { capacity: [current.capacity, body.capacity] } : {}),
      },
    });
    await rosterChanged(c.env, site);
    const member = (await listSiteMembers(c.env.DB, site)).find((m) => m.id === userId)!;
    return c.json({ member });
  },
);

endpoint(
  memberRoutes,
  {
    method: "delete",
    path: "/sites/:site/agents/:user",
    tag: "People",
    summary: "Remove a member from the site",
    description: "Their team places and their API tokens for this site go too.",
    access: "session",
    role: "admin",
    responses: { 200: { description: "Removed", schema: Ok } },
  },
  async (c) => {
    const site = c.req.param("site")!;
    const userId = c.req.param("user")!;
    const actor = requireRole(c.get("user"), site, "admin");
    const current = await getMembership(c.env.DB, site, userId);
    if (!current) throw new AppError(404, "not_found", "That person is not a member of this site.");
    needOwnerFor(actor, current.role);
    if (current.role === "owner" && (await countOwners(c.env.DB, site)) <= 1)
      throw new AppError(409, "last_owner", "The last owner of a site cannot be removed.");
    await removeMember(c.env.DB, site, userId);
    await audit(c.env.DB, { siteId: site, ...actorOf(c), action: "member.remove", target: userId, detail: { role: current.role } });
    await rosterChanged(c.env, site);
    return c.json({ ok: true });
  },
);

endpoint(
  memberRoutes,
  {
    method: "post",
    path: "/sites/:site/invitations",
    tag: "People",
    summary: "Invite someone by a one-time link",
    description:
      "The link is returned once (show it or send it); it works once and expires after 7 days. Where the site has an email channel the link is also mailed to the invitee from it (`email`). Only owners can invite owners.",
    access: "session",
    role: "admin",
    body: InvitationCreateInput,
    responses: {
      201: {
        description: "The invitation, its link, and whether it was mailed",
        schema: z.object({
          invitation: InvitationSchema,
          link: z.string(),
          email: z.object({ sent: z.boolean(), from: z.string().optional(), reason: z.string().optional() }),
        }),
      },
    },
  },
  async (c, { body }) => {
    const site = c.req.param("site")!;
    const actor = requireRole(c.get("user"), site, "admin");
    needOwnerFor(actor, body.role);
    const existing = await getUserByEmail(c.env.DB, body.email);
    if (existing && (await getMembership(c.env.DB, site, existing.id)))
      throw new AppError(409, "already_member", "That person is a member of this site already.", { field: "email" });
    const { invitation, token } = await createInvitation(c.env.DB, { siteId: site, email: body.email, role: body.role, createdBy: c.get("user").id });
    await audit(c.env.DB, { siteId: site, ...actorOf(c), action: "invitation.create", target: invitation.id, detail: { email: body.email, role: body.role } });
    const link = invitationLink(c, token);
    const siteName = (await getSite(c.env.DB, site))?.name ?? site;
    const email = await mailInvitation(c.env, { siteId: site, siteName, to: body.email, inviter: c.get("user").name, role: body.role, link });
    c.header("Cache-Control", "no-store");
    return c.json({ invitation, link, email }, 201);
  },
);

endpoint(
  memberRoutes,
  {
    method: "get",
    path: "/sites/:site/invitations",
    tag: "People",
    summary: "The site's invitations (links are never shown again)",
    access: "user",
    role: "admin",
    responses: { 200: { description: "Invitations, newest first", schema: listOf(InvitationSchema) } },
  },
  async (c) => {
    const site = c.req.param("site")!;
    requireRole(c.get("user"), site, "admin");
    return c.json({ items: await listInvitations(c.env.DB, site) });
  },
);

endpoint(
  memberRoutes,
  {
    method: "delete",
    path: "/sites/:site/invitations/:id",
    tag: "People",
    summary: "Revoke a pending invitation",
    access: "session",
    role: "admin",
    responses: { 200: { description: "Revoked", schema: Ok } },
  },
  async (c) => {
    const site = c.req.param("site")!;
    requireSession(c);
    requireRole(c.get("user"), site, "admin");
    if (!(await revokeInvitation(c.env.DB, site, c.req.param("id")!))) throw new AppError(404, "not_found", "No pending invitation with that id.");
    await audit(c.env.DB, { siteId: site, ...actorOf(c), action: "invitation.revoke", target: c.req.param("id")! });
    return c.json({ ok: true });
  },
);
