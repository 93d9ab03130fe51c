// Contacts (客户档案): create, search, edit with identity conflicts, merge (identities and
// conversations move in D1 and in the Conversation objects, nothing lost), export, and erase
// (conversations anonymised, attachment files deleted from R2, identities gone).

import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, siteWithPeople } from "./admin-helpers.ts";
import { call, connect, ORIGIN, startVisitor, visitorSocketPath } from "./helpers.ts";

/** A web visitor who has said something (and got the bot's answer); returns their contact id too. */
async function chattingVisitor(site: string, text: string) {
  const v = await startVisitor(site);
  const socket = await connect(visitorSocketPath(site, v));
  socket.send({ t: "send", clientId: "m1", text });
  await socket.waitFor("message", (f) => f.message.author === "bot");
  socket.close();
  const row = await env.DB.prepare("SELECT contact_id FROM conversations WHERE id = ?").bind(v.conversationId).first<{ contact_id: string }>();
  return { ...v, contactId: row!.contact_id };
}

describe("contact records", () => {
  it("are created, found by any identity, edited, and refuse another contact's email", async () => {
    const f = await siteWithPeople();
    const made = await api(`/sites/${f.site}/contacts`, {
      method: "POST",
      cookie: f.agent,
      body: {
        name: "王芳",
        emails: ["Wang.Fang@Example.com"],
        phones: ["+86 138-0000-0000"],
        tier: "vip",
        attributes: { plan: "pro" },
        notes: "Prefers email.",
      },
    });
    expect(made.status).toBe(201);
    const c = made.body.contact;
    expect(c).toMatchObject({
      name: "王芳",
      email: "wang.fang@example.com",
      phone: "+8613800000000",
      tier: "vip",
      attributes: { plan: "pro" },
      notes: "Prefers email.",
    });
    await chattingVisitor(f.site, "hello");
    const find = async (q: string, extra = "") =>
      (await api(`/sites/${f.site}/contacts?q=${encodeURIComponent(q)}${extra}`, { cookie: f.agent })).body.items.map((i: { id: string }) => i.id);
    expect(await find("王")).toEqual([c.id]);
    expect(await find("EXAMPLE.COM")).toEqual([c.id]);
    expect(await find("13800000000")).toEqual([c.id]);
    expect(await find("100%")).toEqual([]);
    const everyone = await api(`/sites/${f.site}/contacts`, { cookie: f.agent });
    expect(everyone.body.items).toHaveLength(2);
    expect((await api(`/sites/${f.site}/contacts?known=1`, { cookie: f.agent })).body.items.map((i: { id: string }) => i.id)).toEqual([c.id]);
    expect((await api(`/sites/${f.site}/contacts?tier=vip`, { cookie: f.agent })).body.items).toHaveLength(1);

    const second = await api(`/sites/${f.site}/contacts`, { method: "POST", cookie: f.agent, body: { name: "Li Lei", emails: ["li@example.com"] } });
    const clash = await api(`/contacts/${second.body.contact.id}`, {
      method: "PATCH",
      cookie: f.agent,
      body: { emails: ["li@example.com", "wang.fang@example.com"] },
    });
    expect([clash.status, clash.body.error.code, clash.body.error.field]).toEqual([409, "identity_taken", "emails.1"]);
    expect(clash.body.error.message).toContain(c.id);
    for (const [body, field] of [
      [{ emails: ["not-mail"] }, "emails.0"],
      [{ phones: ["call me"] }, "phones.0"],
      [{ tier: "gold" }, "tier"],
      [{ attributes: { "bad key": 1 } }, "attributes.bad key"],
      [{ nickname: "x" }, "nickname"],
    ] as const) {
      const r = await api(`/contacts/${c.id}`, { method: "PATCH", cookie: f.agent, body });
      expect([r.status, r.body.error.field]).toEqual([400, field]);
    }
    const edited = await api(`/contacts/${c.id}`, {
      method: "PATCH",
      cookie: f.agent,
      body: { emails: ["fang@example.com", "wang.fang@example.com"], phones: [], tier: "key", attributes: { plan: "team", seats: 5 } },
    });
    expect(edited.body.contact).toMatchObject({
      email: "fang@example.com",
      emails: ["fang@example.com", "wang.fang@example.com"],
      phone: null,
      phones: [],
      tier: "key",
    });
    expect(edited.body.contact.attributes).toEqual({ plan: "team", seats: 5 });
    expect(await find("13800000000")).toEqual([]);
    const log = await api(`/sites/${f.site}/audit?target=${c.id}`, { cookie: f.owner });
    expect(log.body.items[0]).toMatchObject({ action: "contact.update", detail: { changed: ["emails", "phones", "tier", "attributes"] } });
    expect(JSON.stringify(log.body)).not.toContain("fang@example.com");
    expect((await api("/contacts/ct_nope", { cookie: f.agent })).status).toBe(404);
  });
});

describe("merging contacts", () => {
  it("moves identities and conversations (D1 and the conversation objects) and loses nothing", async () => {
    const f = await siteWithPeople();
    const a = await chattingVisitor(f.site, "hello");
    const b = await chattingVisitor(f.site, "你好");
    await api(`/contacts/${a.contactId}`, {
      method: "PATCH",
      cookie: f.owner,
      body: { name: "Fang", emails: ["fang@example.com"], attributes: { plan: "pro", city: "Shanghai" }, notes: "Likes email." },
    });
    await api(`/contacts/${b.contactId}`, {
      method: "PATCH",
      cookie: f.owner,
      body: { phones: ["+8613900000000"], tier: "vip", attributes: { plan: "basic", lang: "zh" }, notes: "Called twice." },
    });

    expect((await api(`/contacts/${a.contactId}/merge`, { method: "POST", cookie: f.agent, body: { otherId: b.contactId } })).status).toBe(403);
    expect((await api(`/contacts/${a.contactId}/merge`, { method: "POST", cookie: f.owner, body: { otherId: a.contactId } })).body.error.field).toBe("otherId");
    const merged = await api(`/contacts/${a.contactId}/merge`, { method: "POST", cookie: f.owner, body: { otherId: b.contactId } });
    expect(merged.status).toBe(200);
    expect(merged.body.contact).toMatchObject({
      name: "Fang",
      emails: ["fang@example.com"],
      phones: ["+8613900000000"],
      tier: "vip",
      attributes: { plan: "pro", city: "Shanghai", lang: "zh" },
      notes: "Likes email.\n\nCalled twice.",
    });
    expect(merged.body.contact.identities.filter((i: { kind: string }) => i.kind === "visitor")).toHaveLength(2);
    expect(merged.body.conversations.map((c: { id: string }) => c.id).sort()).toEqual([a.conversationId, b.conversationId].sort());

    // D1: the other contact is gone, its conversation and identities point at the survivor.
    expect((await api(`/contacts/${b.contactId}`, { cookie: f.owner })).status).toBe(404);
    const rows = await env.DB.prepare("SELECT COUNT(*) AS n FROM contact_identities WHERE contact_id = ?").bind(b.contactId).first<{ n: number }>();
    expect(rows!.n).toBe(0);
    // The conversation object agrees, and its whole history is still there.
    const detail = await api(`/conversations/${b.conversationId}`, { cookie: f.owner });
    expect(detail.body.conversation.contactId).toBe(a.contactId);
    expect(detail.body.contact.id).toBe(a.contactId);
    expect(detail.body.messages.map((m: { author: string }) => m.author)).toEqual(["visitor", "bot"]);

    // Visitor B carries on in the same conversation.
    const again = await call(`/widget/v1/sites/${f.site}/session`, { method: "POST", body: JSON.stringify({ token: b.token }), headers: { origin: ORIGIN } });
    expect(((await again.json()) as { conversation: { id: string } }).conversation.id).toBe(b.conversationId);
    const socket = await connect(visitorSocketPath(f.site, b));
    socket.send({ t: "send", clientId: "m2", text: "still there?" });
    await socket.waitFor("ack", (x) => x.clientId === "m2");
    socket.close();

    const log = await api(`/sites/${f.site}/audit?action=contact.merge`, { cookie: f.owner });
    expect(log.body.items[0]).toMatchObject({ target: a.contactId, detail: { merged: b.contactId, conversations: 1 } });
  });

  it("completes when retried after an interruption between the conversation objects and D1", async () => {
    const f = await siteWithPeople();
    const a = await chattingVisitor(f.site, "hello");
    const b = await chattingVisitor(f.site, "hello again");
    // As if a first attempt moved the conversation object and then failed before D1 changed.
    const stub = env.CONVERSATION.get(env.CONVERSATION.idFromName(b.conversationId));
    expect(await stub.reassignContact(b.contactId, a.contactId)).toEqual({ contactId: a.contactId });
    expect(await stub.reassignContact("ct_someone_else", "ct_x")).toEqual({ contactId: a.contactId });
    const retried = await api(`/contacts/${a.contactId}/merge`, { method: "POST", cookie: f.owner, body: { otherId: b.contactId } });
    expect(retried.status).toBe(200);
    expect(retried.body.conversations).toHaveLength(2);
    const detail = await api(`/conversations/${b.conversationId}`, { cookie: f.owner });
    expect([detail.body.conversation.contactId, detail.body.contact.id]).toEqual([a.contactId, a.contactId]);
  });

  it("refuses a contact of another site", async () => {
    const f = await siteWithPeople();
    const g = await siteWithPeople();
    const mine = await api(`/sites/${f.site}/contacts`, { method: "POST", cookie: f.owner, body: { name: "A" } });
    const theirs = await api(`/sites/${g.site}/contacts`, { method: "POST", cookie: g.owner, body: { name: "B" } });
    const r = await api(`/contacts/${mine.body.contact.id}/merge`, { method: "POST", cookie: f.owner, body: { otherId: theirs.body.contact.id } });
    expect([r.status, r.body.error.field]).toEqual([400, "otherId"]);
    expect((await api(`/contacts/${theirs.body.contact.id}`, { cookie: g.owner })).status).toBe(200);
  });
});

describe("export and erase", () => {
  it("exports everything, then erases: messages anonymised, files deleted, identities gone", async () => {
    const f = await siteWithPeople();
    const v = await chattingVisitor(f.site, "my card is 4111 1111 1111 1111");
    await api(`/contacts/${v.contactId}`, { method: "PATCH", cookie: f.owner, body: { name: "Erin", emails: ["erin@example.com"] } });
    // Two files the conversation holds (one under its prefix, one elsewhere but linked from a message) and one unrelated file.
    await env.FILES.put(`${v.conversationId}/a1/photo.png`, "png");
    await env.FILES.put("uploads/receipt.pdf", "pdf");
    await env.FILES.put("unrelated/keep.txt", "keep");
    await runInDurableObject(env.CONVERSATION.get(env.CONVERSATION.idFromName(v.conversationId)), async (_o, state) => {
      state.storage.sql.exec(
        "UPDATE messages SET attachments = ? WHERE seq = 1",
        JSON.stringify([
          { id: "a1", name: "photo.png", type: "image/png", size: 3, url: `/files/${v.conversationId}/a1/photo.png` },
          { id: "a2", name: "receipt.pdf", type: "application/pdf", size: 3, url: `${ORIGIN}/files/uploads/receipt.pdf` },
        ]),
      );
    });

    const exported = await call(`/api/v1/contacts/${v.contactId}/export`, { cookie: f.owner });
    expect(exported.headers.get("content-disposition")).toContain(`contact-${v.contactId}.json`);
    const doc = (await exported.json()) as {
      contact: { name: string };
      conversations: { id: string; messages: { text: string; attachments?: unknown[] }[] }[];
    };
    expect(doc.contact.name).toBe("Erin");
    expect(doc.conversations[0]!.messages[0]).toMatchObject({ text: "my card is 4111 1111 1111 1111" });
    expect(doc.conversations[0]!.messages[0]!.attachments).toHaveLength(2);

    const unconfirmed = await api(`/contacts/${v.contactId}`, { method: "DELETE", cookie: f.owner });
    expect([unconfirmed.status, unconfirmed.body.error.field]).toEqual([400, "confirm"]);
    expect((await api(`/contacts/${v.contactId}?confirm=wrong`, { method: "DELETE", cookie: f.owner })).status).toBe(400);
    expect(await env.FILES.head(`${v.conversationId}/a1/photo.png`)).not.toBeNull();

    const erased = await api(`/contacts/${v.contactId}?confirm=${v.contactId}`, { method: "DELETE", cookie: f.owner });
    expect(erased.body).toEqual({ ok: true, conversations: 1, files: 2 });
    expect(await env.FILES.head(`${v.conversationId}/a1/photo.png`)).toBeNull();
    expect(await env.FILES.head("uploads/receipt.pdf")).toBeNull();
    expect(await env.FILES.head("unrelated/keep.txt")).not.toBeNull();

    const detail = await api(`/conversations/${v.conversationId}`, { cookie: f.owner });
    expect(detail.status).toBe(200);
    const [visitorMsg, botMsg] = detail.body.messages;
    expect(visitorMsg).toMatchObject({ author: "visitor", text: "[erased]" });
    expect(visitorMsg.attachments).toBeUndefined();
    expect(botMsg.author).toBe("bot");
    expect(JSON.stringify(detail.body)).not.toContain("4111");
    expect(JSON.stringify(detail.body)).not.toContain("erin@example.com");
    const row = await env.DB.prepare("SELECT last_message_text, contact_id FROM conversations WHERE id = ?")
      .bind(v.conversationId)
      .first<{ last_message_text: string }>();
    expect(JSON.stringify(row)).not.toContain("4111");

    expect((await api(`/contacts/${v.contactId}`, { cookie: f.owner })).status).toBe(404);
    expect((await api(`/sites/${f.site}/contacts?q=erin`, { cookie: f.owner })).body.items).toEqual([]);
    const ids = await env.DB.prepare("SELECT COUNT(*) AS n FROM contact_identities WHERE contact_id = ?").bind(v.contactId).first<{ n: number }>();
    expect(ids!.n).toBe(0);
    // The visitor's device no longer reaches the erased conversation.
    const socket = await call(visitorSocketPath(f.site, v), { headers: { upgrade: "websocket", origin: ORIGIN } });
    expect(socket.status).toBe(404);
    const log = await api(`/sites/${f.site}/audit?action=contact.erase`, { cookie: f.owner });
    expect(log.body.items[0].detail).toEqual({ conversations: 1, files: 2 });
  });
});
