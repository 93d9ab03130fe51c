// People: API tokens (hashed, site-scoped, revocable, no CSRF, no account powers), invitations by
// one-time expiring link, members' roles and capacity with the owner rules.

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import PostalMime from "postal-mime";
import { invitationMail } from "../../worker/src/channels/email/invitation-mail.ts";
import { createInvitation } from "../../worker/src/db/invitations.ts";
import { sha256Hex } from "../../worker/src/lib/crypto.ts";
import { api, makeAdmin, siteWithPeople } from "./admin-helpers.ts";
import { login, seedSite } from "./helpers.ts";

describe("API tokens", () => {
  it("are shown once, stored hashed, scoped to one site and revocable", async () => {
    const f = await siteWithPeople();
    const other = await seedSite();
    const made = await api("/tokens", { method: "POST", cookie: f.owner, body: { site: f.site, name: "CRM sync", role: "admin" } });
    expect(made.status).toBe(201);
    const secret = made.body.secret as string;
    expect(secret).toMatch(/^parley_/);
    const row = await env.DB.prepare("SELECT token_hash FROM api_tokens WHERE id = ?").bind(made.body.token.id).first<{ token_hash: string }>();
    expect(row!.token_hash).toBe(await sha256Hex(secret));
    expect(JSON.stringify((await api(`/tokens?site=${f.site}`, { cookie: f.owner })).body)).not.toContain(secret);

    // Works as a bearer, without any Origin check, for its own site only.
    const patched = await api(`/sites/${f.site}`, { method: "PATCH", token: secret, origin: "https://elsewhere.example", body: { name: "Via token" } });
    expect([patched.status, patched.body.site.name]).toEqual([200, "Via token"]);
    expect((await api(`/sites/${other.site}`, { token: secret })).status).toBe(403);

    // Account security needs a person.
    expect((await api("/tokens", { method: "POST", token: secret, body: { site: f.site, name: "more" } })).body.error.code).toBe("session_required");
    expect((await api("/auth/sessions", { token: secret })).status).toBe(403);

    // The audit log names the token as the actor.
    const log = await api(`/sites/${f.site}/audit?action=site.update`, { cookie: f.owner });
    expect(log.body.items[0]).toMatchObject({ actorKind: "token", actorName: "CRM sync" });

    expect((await api(`/tokens/${made.body.token.id}`, { method: "DELETE", cookie: f.owner })).status).toBe(200);
    expect((await api(`/sites/${f.site}`, { token: secret })).status).toBe(401);
    expect((await api("/sites", { token: "parley_forged" })).status).toBe(401);
  });

  it("never act above their creator's role, and agents cannot mint them", async () => {
    const f = await siteWithPeople();
    expect((await api("/tokens", { method: "POST", cookie: f.agent, body: { site: f.site, name: "mine" } })).status).toBe(403);
    const bad = await api("/tokens", { method: "POST", cookie: f.owner, body: { site: f.site, name: "x", role: "owner" } });
    expect([bad.status, bad.body.error.field]).toEqual([400, "role"]);
    const agentToken = (await api("/tokens", { method: "POST", cookie: f.owner, body: { site: f.site, name: "reader", role: "agent" } })).body.secret as string;
    expect((await api(`/sites/${f.site}`, { method: "PATCH", token: agentToken, body: { name: "no" } })).status).toBe(403);
    expect((await api(`/sites/${f.site}/contacts`, { token: agentToken })).status).toBe(200);
    // An admin token of a creator who is demoted to agent acts as an agent.
    await makeAdmin(f.site, f.agentId);
    const adminCookie = await login((await env.DB.prepare("SELECT email FROM users WHERE id = ?").bind(f.agentId).first<{ email: string }>())!.email);
    const t = (await api("/tokens", { method: "POST", cookie: adminCookie, body: { site: f.site, name: "ops", role: "admin" } })).body.secret as string;
    await env.DB.prepare("UPDATE memberships SET role = 'agent' WHERE site_id = ? AND user_id = ?").bind(f.site, f.agentId).run();
    expect((await api(`/sites/${f.site}`, { method: "PATCH", token: t, body: { name: "no" } })).status).toBe(403);
  });
});

describe("invitations", () => {
  it("turn a link into a new member who is signed in at once, and work only once", async () => {
    const f = await siteWithPeople();
    const inv = await api(`/sites/${f.site}/invitations`, { method: "POST", cookie: f.owner, body: { email: "New.Agent@Example.com", role: "agent" } });
    expect(inv.status).toBe(201);
    const token = (inv.body.link as string).split("/admin/invite/")[1]!;
    expect(inv.body.link).toMatch(/^https:\/\/parley\.test\/admin\/invite\//);
    // No email channel on this site: the admin sends the link; the answer says so.
    expect(inv.body.email).toMatchObject({ sent: false, reason: expect.stringContaining("no email channel") });
    const info = await api(`/invitations/${token}`, { origin: null });
    expect(info.body).toMatchObject({ siteName: "Parley Demo Shop", email: "new.agent@example.com", role: "agent", account: false });

    const noName = await api(`/invitations/${token}/accept`, { method: "POST", body: { password: "long-enough-pw" } });
    expect([noName.status, noName.body.error.field]).toEqual([400, "name"]);
    const weak = await api(`/invitations/${token}/accept`, { method: "POST", body: { name: "Nia", password: "short" } });
    expect([weak.status, weak.body.error.field]).toEqual([400, "password"]);
    const ok = await api(`/invitations/${token}/accept`, { method: "POST", body: { name: "Nia", password: "long-enough-pw" } });
    expect(ok.status).toBe(200);
    expect(ok.body.user.roles[f.site]).toBe("agent");
    const cookie = ok.headers.get("set-cookie")!.split(";")[0]!;
    expect((await api(`/sites/${f.site}/contacts`, { cookie })).status).toBe(200);
    expect((await api("/auth/login", { method: "POST", body: { email: "new.agent@example.com", password: "long-enough-pw" } })).status).toBe(200);

    const again = await api(`/invitations/${token}/accept`, { method: "POST", body: { name: "Eve", password: "long-enough-pw" } });
    expect([again.status, again.body.error.code]).toEqual([410, "invitation_accepted"]);
    expect((await api(`/sites/${f.site}/invitations`, { cookie: f.owner })).body.items[0].state).toBe("accepted");
  });

  it("are also mailed from the site's email channel, with the link, in English and Chinese", async () => {
    const f = await siteWithPeople();
    const address = `team@${f.site}.parley.test`;
    expect((await api(`/sites/${f.site}/channels`, { method: "POST", cookie: f.owner, body: { kind: "email", name: "Mail", address } })).status).toBe(201);
    const inv = await api(`/sites/${f.site}/invitations`, { method: "POST", cookie: f.owner, body: { email: "mailed.agent@example.com", role: "agent" } });
    expect(inv.status).toBe(201);
    expect(inv.body.email).toEqual({ sent: true, from: address });

    const raw = invitationMail({
      from: address,
      fromName: "Shop",
      to: "x@example.com",
      siteName: "Shop <b>",
      inviter: "Ada\r\nBcc: evil@example.com",
      role: "agent",
      link: inv.body.link,
    });
    const mail = await PostalMime.parse(raw);
    expect(mail.subject).toBe("Ada Bcc: evil@example.com invited you to Shop <b> on Parley / 邀请您加入 Shop <b>");
    expect(mail.bcc ?? []).toEqual([]);
    expect(mail.text).toContain(inv.body.link);
    expect(mail.text).toContain("邀请您以 agent 身份加入");
    expect(mail.headers.find((h) => h.key === "auto-submitted")?.value).toBe("auto-replied");
  });

  it("expire, can be revoked, and an existing account joins with its own password", async () => {
    const f = await siteWithPeople();
    const other = await seedSite();
    const past = Date.now() - 8 * 24 * 3600 * 1000;
    const old = await createInvitation(env.DB, { siteId: f.site, email: "late@example.com", role: "agent", createdBy: null }, past);
    expect((await api(`/invitations/${old.token}`)).status).toBe(410);
    expect((await api(`/invitations/${old.token}/accept`, { method: "POST", body: { name: "L", password: "long-enough-pw" } })).body.error.code).toBe(
      "invitation_expired",
    );
    expect((await api("/invitations/not-a-real-token-at-all-xxxx")).status).toBe(404);

    const revoked = await api(`/sites/${f.site}/invitations`, { method: "POST", cookie: f.owner, body: { email: "r@example.com" } });
    expect((await api(`/sites/${f.site}/invitations/${revoked.body.invitation.id}`, { method: "DELETE", cookie: f.owner })).status).toBe(200);
    expect((await api(`/invitations/${(revoked.body.link as string).split("/invite/")[1]}`)).status).toBe(410);

    // The other site's owner is invited here as an admin and proves it is them with their password.
    const inv = await api(`/sites/${f.site}/invitations`, { method: "POST", cookie: f.owner, body: { email: other.owner, role: "admin" } });
    const token = (inv.body.link as string).split("/invite/")[1]!;
    expect((await api(`/invitations/${token}`)).body.account).toBe(true);
    expect((await api(`/invitations/${token}/accept`, { method: "POST", body: { password: "wrong" } })).status).toBe(401);
    const ok = await api(`/invitations/${token}/accept`, { method: "POST", body: { password: "parley-demo" } });
    expect(ok.body.user.roles).toMatchObject({ [f.site]: "admin", [other.site]: "owner" });
  });

  it("refuses agents, refuses admins inviting owners, and refuses inviting a member", async () => {
    const f = await siteWithPeople();
    expect((await api(`/sites/${f.site}/invitations`, { method: "POST", cookie: f.agent, body: { email: "x@example.com" } })).status).toBe(403);
    const bad = await api(`/sites/${f.site}/invitations`, { method: "POST", cookie: f.owner, body: { email: "not-an-email" } });
    expect([bad.status, bad.body.error.field]).toEqual([400, "email"]);
    const member = await env.DB.prepare("SELECT email FROM users WHERE id = ?").bind(f.agentId).first<{ email: string }>();
    expect((await api(`/sites/${f.site}/invitations`, { method: "POST", cookie: f.owner, body: { email: member!.email } })).status).toBe(409);
    await makeAdmin(f.site, f.agentId);
    const admin = await login(member!.email);
    expect((await api(`/sites/${f.site}/invitations`, { method: "POST", cookie: admin, body: { email: "boss@example.com", role: "owner" } })).status).toBe(403);
    expect((await api(`/sites/${f.site}/invitations`, { method: "POST", cookie: admin, body: { email: "helper@example.com", role: "agent" } })).status).toBe(
      201,
    );
  });
});

describe("members", () => {
  it("change role and capacity, keep the last owner, and only owners touch the owner role", async () => {
    const f = await siteWithPeople();
    const cap = await api(`/sites/${f.site}/agents/${f.agentId}`, { method: "PATCH", cookie: f.owner, body: { capacity: 8 } });
    expect(cap.body.member.capacity).toBe(8);
    const badCap = await api(`/sites/${f.site}/agents/${f.agentId}`, { method: "PATCH", cookie: f.owner, body: { capacity: -1 } });
    expect([badCap.status, badCap.body.error.field]).toEqual([400, "capacity"]);
    const lastOwner = await api(`/sites/${f.site}/agents/${f.ownerId}`, { method: "PATCH", cookie: f.owner, body: { role: "agent" } });
    expect([lastOwner.status, lastOwner.body.error.code]).toEqual([409, "last_owner"]);
    expect((await api(`/sites/${f.site}/agents/${f.ownerId}`, { method: "DELETE", cookie: f.owner })).status).toBe(409);

    expect((await api(`/sites/${f.site}/agents/${f.agentId}`, { method: "PATCH", cookie: f.owner, body: { role: "admin" } })).body.member.role).toBe("admin");
    // The new admin cannot demote or remove the owner.
    expect((await api(`/sites/${f.site}/agents/${f.ownerId}`, { method: "PATCH", cookie: f.agent, body: { role: "agent" } })).status).toBe(403);
    expect((await api(`/sites/${f.site}/agents/${f.ownerId}`, { method: "DELETE", cookie: f.agent })).status).toBe(403);
    const log = await api(`/sites/${f.site}/audit?action=member.role`, { cookie: f.owner });
    expect(log.body.items[0].detail).toEqual({ role: ["agent", "admin"] });

    expect((await api(`/sites/${f.site}/agents/${f.agentId}`, { method: "DELETE", cookie: f.owner })).status).toBe(200);
    expect((await api(`/sites/${f.site}/agents`, { cookie: f.agent })).status).toBe(403);
    expect((await api(`/sites/${f.site}/agents/nobody`, { method: "DELETE", cookie: f.owner })).status).toBe(404);
  });
});
