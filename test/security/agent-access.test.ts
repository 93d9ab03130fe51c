// Attacks from inside the console: a valid agent session on one site reaching another site's data,
// every role escalation (agent → admin routes, admin → owner-only actions), API tokens outside their
// site or role, tokens of revoked tokens and removed members, and cross-site request forgery
// (cookie-authenticated writes and sockets without the console's same-origin proof).

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { conversationStub } from "../../worker/src/stubs.ts";
import { api, makeAdmin, siteWithPeople } from "../integration/admin-helpers.ts";
import { call, login, ORIGIN, seedSite, startVisitor } from "../integration/helpers.ts";
import { agentOf } from "../integration/widget-helpers.ts";

type Attempt = [method: string, path: string, body?: unknown];

/** Runs each attempt and returns those whose status is not in `expected`. */
async function notRefused(attempts: Attempt[], auth: { cookie?: string; token?: string }, expected: number[]): Promise<string[]> {
  const out: string[] = [];
  for (const [method, path, body] of attempts) {
    const r = await api(path, { method, ...auth, ...(body !== undefined ? { body } : {}) });
    if (!expected.includes(r.status)) out.push(`${method} ${path}: ${r.status}`);
  }
  return out;
}

/** A socket upgrade on the console's routes. */
const upgrade = (path: string, cookie: string, origin = ORIGIN) => call(`/api/v1${path}`, { cookie, headers: { upgrade: "websocket", origin } });

/** Site A with a visitor's conversation and its contact; an agent and an owner of site B. */
async function twoSites() {
  const a = await siteWithPeople();
  const visitor = await startVisitor(a.site);
  const contactId = (await (await agentOf(`agent+${a.site}@example.com`)).detail(visitor.conversationId)).contact.id;
  const b = await seedSite();
  const [bAgent, bOwner] = await Promise.all([login(b.agent), login(b.owner)]);
  return { a, conversationId: visitor.conversationId, contactId, bAgent, bOwner, bSite: b.site };
}

describe("another site's data with a valid session", () => {
  it("refuses conversations, contacts, settings and sockets of another site (403/404), changing nothing", async () => {
    const f = await twoSites();
    const s = `/sites/${f.a.site}`;
    const before = (await conversationStub(env, f.conversationId).detail())!.messages.length;
    const attempts: Attempt[] = [
      ["GET", `/conversations/${f.conversationId}`],
      ["POST", `/conversations/${f.conversationId}/messages`, { text: "hi from another site" }],
      ["POST", `/conversations/${f.conversationId}/assign`, { agentId: null }],
      ["POST", `/conversations/${f.conversationId}/status`, { status: "resolved" }],
      ["POST", `/conversations/${f.conversationId}/claim`],
      ["GET", `${s}/conversations`],
      ["GET", `${s}/inbox`],
      ["GET", `${s}/search?q=order`],
      ["GET", `/contacts/${f.contactId}`],
      ["PATCH", `/contacts/${f.contactId}`, { tier: "vip" }],
      ["GET", `/contacts/${f.contactId}/export`],
      ["GET", `${s}/contacts`],
      ["GET", s],
      ["PATCH", s, { name: "Taken over" }],
      ["GET", `${s}/rules`],
      ["GET", `${s}/sla-policy`],
      ["GET", `${s}/channels`],
      ["GET", `${s}/webhooks`],
      ["GET", `${s}/audit`],
      ["GET", `${s}/agents`],
      ["GET", `/tokens?site=${f.a.site}`],
      ["GET", `${s}/reports/summary`],
      ["GET", `${s}/reports/summary?format=csv`],
      ["GET", `${s}/reports/breakdown?by=agent`],
      ["GET", `${s}/reports/timeseries`],
    ];
    for (const cookie of [f.bAgent, f.bOwner]) expect(await notRefused(attempts, { cookie }, [403, 404])).toEqual([]);
    for (const cookie of [f.bAgent, f.bOwner]) {
      expect((await upgrade(`/conversations/${f.conversationId}/ws`, cookie)).status).toBe(404);
      expect((await upgrade(`${s}/live`, cookie)).status).toBe(403);
    }
    // An agent upload into the other site's conversation, and a merge that would pull its contact over.
    const upload = await call(`/api/v1/conversations/${f.conversationId}/attachments?name=a.txt&clientId=x`, {
      method: "POST",
      cookie: f.bOwner,
      headers: { origin: ORIGIN, "content-type": "text/plain" },
      body: "hello",
    });
    expect([403, 404]).toContain(upload.status);
    const mine = await api(`/sites/${f.bSite}/contacts`, { method: "POST", cookie: f.bOwner, body: { name: "Mine" } });
    const merge = await api(`/contacts/${mine.body.contact.id}/merge`, { method: "POST", cookie: f.bOwner, body: { otherId: f.contactId } });
    expect([merge.status, merge.body.error.field]).toEqual([400, "otherId"]);
    expect((await conversationStub(env, f.conversationId).detail())!.messages.length).toBe(before);
    expect((await api(s, { cookie: f.a.owner })).body.site.name).toBe("Parley Demo Shop");
    expect((await api(`/contacts/${f.contactId}`, { cookie: f.a.owner })).body.contact.tier).toBe("regular");
  });
});

describe("role escalation", () => {
  it("an agent is refused every admin route, including making themselves admin", async () => {
    const p = await siteWithPeople();
    const s = `/sites/${p.site}`;
    const attempts: Attempt[] = [
      ["PATCH", s, { name: "Agent's site", retentionDays: 1 }],
      ["POST", `${s}/identity-secret`, {}],
      ["PATCH", `${s}/agents/${p.agentId}`, { role: "admin" }],
      ["PATCH", `${s}/agents/${p.agentId}`, { role: "owner" }],
      ["DELETE", `${s}/agents/${p.ownerId}`],
      ["POST", `${s}/invitations`, { email: "friend@example.com", role: "admin" }],
      ["PUT", `${s}/rules`, { version: 1, rules: [] }],
      ["PUT", `${s}/sla-policy`, {}],
      ["POST", `${s}/channels`, { kind: "api", name: "exfiltrate" }],
      ["POST", `${s}/webhooks`, { url: "https://evil.test/hook" }],
      ["POST", "/tokens", { site: p.site, name: "mine", role: "admin" }],
      ["GET", `${s}/audit`],
      ["GET", `${s}/webhooks`],
      ["GET", `${s}/channels`],
      ["GET", `${s}/reports/summary`],
      ["GET", `${s}/reports/breakdown?by=agent&format=csv`],
    ];
    expect(await notRefused(attempts, { cookie: p.agent }, [403])).toEqual([]);
    const members = (await api(`${s}/agents`, { cookie: p.owner })).body.items as { id: string; role: string }[];
    expect(members.find((m) => m.id === p.agentId)!.role).toBe("agent");
    expect(members).toHaveLength(2);
  });

  it("an admin is refused the owner-only actions: granting, changing or removing the owner role", async () => {
    const p = await siteWithPeople();
    await makeAdmin(p.site, p.agentId);
    const s = `/sites/${p.site}`;
    const attempts: Attempt[] = [
      ["PATCH", `${s}/agents/${p.agentId}`, { role: "owner" }],
      ["PATCH", `${s}/agents/${p.ownerId}`, { role: "agent" }],
      ["DELETE", `${s}/agents/${p.ownerId}`],
      ["POST", `${s}/invitations`, { email: "accomplice@example.com", role: "owner" }],
    ];
    expect(await notRefused(attempts, { cookie: p.agent }, [403])).toEqual([]);
    const members = (await api(`${s}/agents`, { cookie: p.owner })).body.items as { id: string; role: string }[];
    expect(Object.fromEntries(members.map((m) => [m.id, m.role]))).toEqual({ [p.ownerId]: "owner", [p.agentId]: "admin" });
  });
});

describe("API tokens", () => {
  const token = async (cookie: string, site: string, role: "agent" | "admin") => {
    const r = await api("/tokens", { method: "POST", cookie, body: { site, name: `t-${role}`, role } });
    expect(r.status).toBe(201);
    return { id: r.body.token.id as string, secret: r.body.secret as string };
  };

  it("acts only on its own site, within its role, and never on account security", async () => {
    const p = await siteWithPeople();
    const other = await seedSite();
    // The owner of site A is an owner of site B too: their session reaches B, a token for A does not.
    await env.DB.prepare("INSERT INTO memberships (site_id, user_id, role, created_at) VALUES (?, ?, 'owner', ?)")
      .bind(other.site, p.ownerId, Date.now())
      .run();
    expect((await api(`/sites/${other.site}`, { cookie: p.owner })).status).toBe(200);
    const admin = await token(p.owner, p.site, "admin");
    const agent = await token(p.owner, p.site, "agent");
    expect((await api(`/sites/${p.site}`, { token: admin.secret })).status).toBe(200);
    expect(
      await notRefused(
        [
          ["GET", `/sites/${other.site}`],
          ["PATCH", `/sites/${other.site}`, { name: "via token" }],
          ["GET", `/sites/${other.site}/conversations`],
        ],
        { token: admin.secret },
        [403],
      ),
    ).toEqual([]);
    expect(
      await notRefused(
        [
          ["PATCH", `/sites/${p.site}`, { name: "agent token" }],
          ["GET", `/sites/${p.site}/audit`],
        ],
        { token: agent.secret },
        [403],
      ),
    ).toEqual([]);
    // A token cannot mint tokens or touch sessions and passwords.
    expect(
      await notRefused(
        [
          ["POST", "/tokens", { site: p.site, name: "child", role: "admin" }],
          ["GET", "/auth/sessions"],
          ["POST", "/auth/password", { current: "x", next: "y" }],
        ],
        { token: admin.secret },
        [403],
      ),
    ).toEqual([]);
  });

  it("stops working when revoked, when its person is removed from the site, and shrinks when they are demoted", async () => {
    const p = await siteWithPeople();
    await makeAdmin(p.site, p.agentId);
    const revoked = await token(p.owner, p.site, "admin");
    expect((await api(`/tokens/${revoked.id}`, { method: "DELETE", cookie: p.owner })).status).toBe(200);
    expect((await api(`/sites/${p.site}`, { token: revoked.secret })).status).toBe(401);

    const adminsToken = await token(p.agent, p.site, "admin");
    expect((await api(`/sites/${p.site}/audit`, { token: adminsToken.secret })).status).toBe(200);
    expect((await api(`/sites/${p.site}/agents/${p.agentId}`, { method: "PATCH", cookie: p.owner, body: { role: "agent" } })).status).toBe(200);
    expect((await api(`/sites/${p.site}/audit`, { token: adminsToken.secret })).status).toBe(403);
    expect((await api(`/sites/${p.site}/agents/${p.agentId}`, { method: "DELETE", cookie: p.owner })).status).toBe(200);
    expect((await api(`/sites/${p.site}`, { token: adminsToken.secret })).status).toBe(401);
    expect((await api(`/sites/${p.site}`, { token: "parley_" + "x".repeat(40) })).status).toBe(401);
  });
});

describe("cross-site request forgery", () => {
  it("refuses cookie-authenticated writes that do not come from the console's origin, and changes nothing", async () => {
    const p = await siteWithPeople();
    const forged: [string, Record<string, string>][] = [
      ["another origin", { origin: "https://evil.test" }],
      ["a sandboxed frame (Origin: null)", { origin: "null" }],
      ["a sibling subdomain", { origin: "https://evil.parley.test" }],
      ["no Origin but Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
      ["no Origin but Sec-Fetch-Site: same-site", { "sec-fetch-site": "same-site" }],
    ];
    for (const [name, headers] of forged) {
      for (const [ct, body] of [
        ["application/json", JSON.stringify({ name: "Hacked" })],
        ["application/x-www-form-urlencoded", "name=Hacked"],
        ["text/plain", JSON.stringify({ name: "Hacked" })],
      ]) {
        const r = await call(`/api/v1/sites/${p.site}`, { method: "PATCH", cookie: p.owner, headers: { ...headers, "content-type": ct! }, body });
        expect([name, ct, r.status]).toEqual([name, ct, 403]);
      }
      const invite = await call(`/api/v1/sites/${p.site}/invitations`, {
        method: "POST",
        cookie: p.owner,
        headers,
        body: JSON.stringify({ email: "csrf@example.com", role: "owner" }),
      });
      expect([name, invite.status]).toEqual([name, 403]);
    }
    expect((await api(`/sites/${p.site}`, { cookie: p.owner })).body.site.name).toBe("Parley Demo Shop");
    expect((await api(`/sites/${p.site}/invitations`, { cookie: p.owner })).body.items).toEqual([]);
    // The console's own request goes through (the check is not refusing everything).
    expect((await api(`/sites/${p.site}`, { method: "PATCH", cookie: p.owner, body: { name: "Renamed" } })).status).toBe(200);
  });

  it("never lets another origin read the API's answers (no CORS grant, even to a signed-in browser)", async () => {
    const p = await siteWithPeople();
    for (const method of ["GET", "OPTIONS"]) {
      const r = await call(`/api/v1/sites/${p.site}`, {
        method,
        cookie: p.owner,
        headers: { origin: "https://evil.test", "access-control-request-method": "PATCH" },
      });
      expect([method, r.headers.get("access-control-allow-origin"), r.headers.get("access-control-allow-credentials")]).toEqual([method, null, null]);
    }
  });

  it("refuses the console's sockets opened from another origin with the agent's cookie", async () => {
    const p = await siteWithPeople();
    const v = await startVisitor(p.site);
    expect((await upgrade(`/sites/${p.site}/live`, p.agent, "https://evil.test")).status).toBe(403);
    expect((await upgrade(`/conversations/${v.conversationId}/ws`, p.agent, "https://evil.test")).status).toBe(403);
    const ok = await upgrade(`/sites/${p.site}/live`, p.agent);
    expect(ok.status).toBe(101);
    ok.webSocket!.accept();
    ok.webSocket!.close(1000, "done");
  });

  it("sets the session cookie HttpOnly, Secure and SameSite", async () => {
    const { owner } = await seedSite();
    const r = await call("/api/v1/auth/login", {
      method: "POST",
      headers: { origin: ORIGIN },
      body: JSON.stringify({ email: owner, password: "parley-demo" }),
    });
    const cookie = r.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=(Lax|Strict)/i);
  });
});
