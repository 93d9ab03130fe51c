// Teams (members, strategy), canned replies (shortcuts, variables) and the audit log they leave.

import { describe, expect, it } from "vitest";
import { api, siteWithPeople } from "./admin-helpers.ts";

describe("teams", () => {
  it("are created, changed and deleted with members from the site only", async () => {
    const f = await siteWithPeople();
    const made = await api(`/sites/${f.site}/teams`, {
      method: "POST",
      cookie: f.owner,
      body: { id: "billing", name: "Billing", assignment: "least_busy", members: [f.agentId] },
    });
    expect(made.status).toBe(201);
    expect(made.body.team).toEqual({ id: "billing", name: "Billing", assignment: "least_busy", members: [f.agentId] });
    const dup = await api(`/sites/${f.site}/teams`, { method: "POST", cookie: f.owner, body: { id: "billing", name: "Again" } });
    expect([dup.status, dup.body.error.field]).toEqual([409, "id"]);
    const stranger = await api(`/sites/${f.site}/teams/billing`, { method: "PATCH", cookie: f.owner, body: { members: [f.agentId, "u_nobody"] } });
    expect([stranger.status, stranger.body.error.field]).toEqual([400, "members.1"]);
    expect((await api(`/sites/${f.site}/teams`, { method: "POST", cookie: f.owner, body: { id: "Bad Id", name: "x" } })).body.error.field).toBe("id");
    expect((await api(`/sites/${f.site}/teams/billing`, { method: "PATCH", cookie: f.owner, body: { assignment: "fastest" } })).body.error.field).toBe(
      "assignment",
    );

    const changed = await api(`/sites/${f.site}/teams/billing`, {
      method: "PATCH",
      cookie: f.owner,
      body: { assignment: null, members: [f.ownerId, f.agentId] },
    });
    expect(changed.body.team).toMatchObject({ assignment: null, members: expect.arrayContaining([f.ownerId, f.agentId]) });
    expect((await api(`/sites/${f.site}/teams/billing`, { method: "DELETE", cookie: f.owner })).status).toBe(200);
    expect((await api(`/sites/${f.site}/teams/billing`, { method: "DELETE", cookie: f.owner })).status).toBe(404);
    const log = await api(`/sites/${f.site}/audit?action=team.`, { cookie: f.owner });
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(["team.delete", "team.update", "team.create"]);
  });

  it("refuses to delete a team the published rules route to", async () => {
    const f = await siteWithPeople();
    const r = await api(`/sites/${f.site}/teams/support`, { method: "DELETE", cookie: f.owner });
    expect([r.status, r.body.error.code]).toEqual([409, "in_use"]);
    expect((await api(`/sites/${f.site}/teams`, { cookie: f.owner })).body.items.map((t: { id: string }) => t.id)).toEqual(["complaints", "support"]);
  });
});

describe("canned replies", () => {
  it("have unique shortcuts and known variables; agents read them, admins edit them", async () => {
    const f = await siteWithPeople();
    const made = await api(`/sites/${f.site}/canned-replies`, {
      method: "POST",
      cookie: f.owner,
      body: { shortcut: "退款", title: "Refund", text: "您好 {{contact.name}}，我是{{agent.name}}，退款已处理。" },
    });
    expect(made.status).toBe(201);
    const unknown = await api(`/sites/${f.site}/canned-replies`, { method: "POST", cookie: f.owner, body: { shortcut: "x", text: "Hi {{contact.nickname}}" } });
    expect([unknown.status, unknown.body.error.field, unknown.body.error.message]).toEqual([400, "text", "text: unknown variable {{contact.nickname}}"]);
    const dup = await api(`/sites/${f.site}/canned-replies`, { method: "POST", cookie: f.owner, body: { shortcut: "退款", text: "again" } });
    expect([dup.status, dup.body.error.field]).toEqual([409, "shortcut"]);
    expect(
      (await api(`/sites/${f.site}/canned-replies`, { method: "POST", cookie: f.owner, body: { shortcut: "has space", text: "x" } })).body.error.field,
    ).toBe("shortcut");
    expect((await api(`/sites/${f.site}/canned-replies`, { method: "POST", cookie: f.agent, body: { shortcut: "mine", text: "x" } })).status).toBe(403);

    const list = await api(`/sites/${f.site}/canned-replies`, { cookie: f.agent });
    expect(list.body.items.map((r: { shortcut: string }) => r.shortcut)).toEqual(["退款"]);
    const id = made.body.reply.id;
    const other = await api(`/sites/${f.site}/canned-replies`, { method: "POST", cookie: f.owner, body: { shortcut: "hi", text: "Hi!" } });
    expect((await api(`/sites/${f.site}/canned-replies/${other.body.reply.id}`, { method: "PATCH", cookie: f.owner, body: { shortcut: "退款" } })).status).toBe(
      409,
    );
    const edited = await api(`/sites/${f.site}/canned-replies/${id}`, { method: "PATCH", cookie: f.owner, body: { text: "Hello {{contact.name}}" } });
    expect(edited.body.reply).toMatchObject({ shortcut: "退款", text: "Hello {{contact.name}}" });
    expect((await api(`/sites/${f.site}/canned-replies/${id}`, { method: "DELETE", cookie: f.owner })).status).toBe(200);
    expect((await api(`/sites/${f.site}/canned-replies/${id}`, { method: "DELETE", cookie: f.owner })).status).toBe(404);
  });
});

describe("audit log", () => {
  it("records who changed what, filterable by action, actor, target and time, for admins only", async () => {
    const f = await siteWithPeople();
    const before = Date.now();
    await api(`/sites/${f.site}`, { method: "PATCH", cookie: f.owner, body: { name: "A", settings: { accent: "#111111" } } });
    await api(`/sites/${f.site}/agents/${f.agentId}`, { method: "PATCH", cookie: f.owner, body: { capacity: 2 } });
    const all = await api(`/sites/${f.site}/audit`, { cookie: f.owner });
    expect(all.body.items.map((e: { action: string }) => e.action)).toEqual(["member.update", "site.update"]);
    expect(all.body.items[1]).toMatchObject({
      actorId: f.ownerId,
      actorKind: "user",
      actorName: "Ada Admin",
      target: f.site,
      detail: { changed: ["name", "settings.accent"] },
    });
    expect((await api(`/sites/${f.site}/audit?target=${f.agentId}`, { cookie: f.owner })).body.items).toHaveLength(1);
    expect((await api(`/sites/${f.site}/audit?actor=${f.agentId}`, { cookie: f.owner })).body.items).toHaveLength(0);
    expect((await api(`/sites/${f.site}/audit?since=${Date.now() + 60_000}`, { cookie: f.owner })).body.items).toHaveLength(0);
    expect((await api(`/sites/${f.site}/audit?since=${before}&limit=1`, { cookie: f.owner })).body.items).toHaveLength(1);
    expect((await api(`/sites/${f.site}/audit?limit=0`, { cookie: f.owner })).body.error.field).toBe("limit");
    const page2 = await api(`/sites/${f.site}/audit?before=${all.body.items[0].id}`, { cookie: f.owner });
    expect(page2.body.items.map((e: { action: string }) => e.action)).toEqual(["site.update"]);
    expect((await api(`/sites/${f.site}/audit`, { cookie: f.agent })).status).toBe(403);
  });
});
