// Every admin endpoint refuses strangers (401), the wrong role (403) and members of another site
// (403) — and changes nothing when it refuses.

import { describe, expect, it } from "vitest";
import { api, siteWithPeople } from "./admin-helpers.ts";
import { login, seedSite } from "./helpers.ts";

interface Case {
  method: string;
  path: string;
  min: "agent" | "admin";
  body?: unknown;
}

async function fixture() {
  const a = await siteWithPeople();
  const b = await seedSite();
  const stranger = await login(b.owner);
  const contact = await api(`/sites/${a.site}/contacts`, { method: "POST", cookie: a.owner, body: { name: "Wang Fang" } });
  const other = await api(`/sites/${a.site}/contacts`, { method: "POST", cookie: a.owner, body: { name: "Fang Wang" } });
  const reply = await api(`/sites/${a.site}/canned-replies`, { method: "POST", cookie: a.owner, body: { shortcut: "hi", text: "Hello {{contact.name}}" } });
  const token = await api("/tokens", { method: "POST", cookie: a.owner, body: { site: a.site, name: "CRM sync", role: "agent" } });
  const invite = await api(`/sites/${a.site}/invitations`, { method: "POST", cookie: a.owner, body: { email: "new@example.com", role: "agent" } });
  return {
    ...a,
    stranger,
    contactId: contact.body.contact.id as string,
    otherId: other.body.contact.id as string,
    replyId: reply.body.reply.id as string,
    tokenId: token.body.token.id as string,
    inviteId: invite.body.invitation.id as string,
  };
}

function cases(f: Awaited<ReturnType<typeof fixture>>): Case[] {
  const s = `/sites/${f.site}`;
  return [
    { method: "GET", path: s, min: "agent" },
    { method: "PATCH", path: s, min: "admin", body: { name: "Renamed" } },
    { method: "POST", path: `${s}/identity-secret`, min: "admin", body: {} },
    { method: "GET", path: `${s}/agents`, min: "agent" },
    { method: "PATCH", path: `${s}/agents/${f.agentId}`, min: "admin", body: { capacity: 3 } },
    { method: "DELETE", path: `${s}/agents/${f.agentId}`, min: "admin" },
    { method: "GET", path: `${s}/invitations`, min: "admin" },
    { method: "POST", path: `${s}/invitations`, min: "admin", body: { email: "x@example.com" } },
    { method: "DELETE", path: `${s}/invitations/${f.inviteId}`, min: "admin" },
    { method: "GET", path: `${s}/teams`, min: "agent" },
    { method: "POST", path: `${s}/teams`, min: "admin", body: { id: "billing", name: "Billing" } },
    { method: "PATCH", path: `${s}/teams/support`, min: "admin", body: { name: "Help" } },
    { method: "DELETE", path: `${s}/teams/support`, min: "admin" },
    { method: "GET", path: `${s}/canned-replies`, min: "agent" },
    { method: "POST", path: `${s}/canned-replies`, min: "admin", body: { shortcut: "bye", text: "Bye" } },
    { method: "PATCH", path: `${s}/canned-replies/${f.replyId}`, min: "admin", body: { text: "Hi" } },
    { method: "DELETE", path: `${s}/canned-replies/${f.replyId}`, min: "admin" },
    { method: "GET", path: `${s}/contacts`, min: "agent" },
    { method: "POST", path: `${s}/contacts`, min: "agent", body: { name: "Li Lei" } },
    { method: "GET", path: `/contacts/${f.contactId}`, min: "agent" },
    { method: "PATCH", path: `/contacts/${f.contactId}`, min: "agent", body: { tier: "vip" } },
    { method: "POST", path: `/contacts/${f.contactId}/merge`, min: "admin", body: { otherId: f.otherId } },
    { method: "GET", path: `/contacts/${f.contactId}/export`, min: "admin" },
    { method: "DELETE", path: `/contacts/${f.contactId}?confirm=${f.contactId}`, min: "admin" },
    { method: "GET", path: `${s}/audit`, min: "admin" },
    { method: "GET", path: `/tokens?site=${f.site}`, min: "admin" },
    { method: "POST", path: "/tokens", min: "admin", body: { site: f.site, name: "x" } },
    { method: "DELETE", path: `/tokens/${f.tokenId}`, min: "admin" },
    { method: "GET", path: `${s}/preview/e30/widget/v1/sites/preview/config`, min: "admin" },
  ];
}

describe("admin API access control", () => {
  it("answers 401 without a session, 403 for the wrong role and 403 for another site's members", async () => {
    const f = await fixture();
    const failures: string[] = [];
    for (const c of cases(f)) {
      const call = (cookie?: string) => api(c.path, { method: c.method, ...(c.body !== undefined ? { body: c.body } : {}), ...(cookie ? { cookie } : {}) });
      const [anon, stranger, agent] = await Promise.all([call(), call(f.stranger), c.min === "admin" ? call(f.agent) : Promise.resolve(null)]);
      if (anon.status !== 401) failures.push(`${c.method} ${c.path} without session: ${anon.status}`);
      if (stranger.status !== 403) failures.push(`${c.method} ${c.path} as another site's owner: ${stranger.status}`);
      if (agent && agent.status !== 403) failures.push(`${c.method} ${c.path} as agent: ${agent.status}`);
    }
    expect(failures).toEqual([]);
    // Nothing the refused calls attempted happened.
    const site = await api(`/sites/${f.site}`, { cookie: f.owner });
    expect(site.body.site.name).toBe("Parley Demo Shop");
    expect((await api(`/contacts/${f.contactId}`, { cookie: f.owner })).status).toBe(200);
    expect((await api(`/sites/${f.site}/teams`, { cookie: f.owner })).body.items.map((t: { id: string }) => t.id)).toEqual(["complaints", "support"]);
    expect((await api(`/sites/${f.site}/agents`, { cookie: f.owner })).body.items).toHaveLength(2);
  });

  it("lets the right roles through (agents read, admins write)", async () => {
    const f = await fixture();
    for (const c of cases(f).filter((x) => x.min === "agent")) {
      const r = await api(c.path, { method: c.method, cookie: f.agent, ...(c.body !== undefined ? { body: c.body } : {}) });
      expect([c.method, c.path, r.status < 300]).toEqual([c.method, c.path, true]);
    }
  });
});
