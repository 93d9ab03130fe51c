// The API channel for custom integrations: inbound messages by POST signed with Standard Webhooks
// (bad or stale signature → 401, nothing stored; bad body → 400 naming the field), each stored once,
// and replies delivered to the integration's URL as signed Standard Webhooks POSTs.

import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { api } from "./admin-helpers.ts";
import { conversationDetail, createChannel, fake, fakeLog, ownerSite, postWebhook, siteContacts, siteConversations } from "./channel-helpers.ts";

async function apiSite() {
  const s = await ownerSite();
  const box = `api-${s.site}`;
  const channel = await createChannel(s.site, s.owner, { kind: "api", name: "Mobile app", outboundUrl: `${fake()}/hooks/${box}` });
  const secret = channel.generated.secret as string;
  const send = (payload: unknown, opts: { at?: Date; secret?: string; id?: string } = {}) => {
    const body = JSON.stringify(payload);
    const at = opts.at ?? new Date();
    const id = opts.id ?? `msg_${crypto.randomUUID()}`;
    return postWebhook(`/channels/api/${channel.id}`, body, {
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": new Webhook(opts.secret ?? secret).sign(id, at, body),
    });
  };
  return { ...s, channel, secret, send, box };
}

const message = { id: "app-msg-1", user: { id: "user-42", name: "Ada Lovelace" }, text: "The app crashes when I pay." };

describe("API channel", () => {
  it("refuses an unsigned, wrongly signed or stale message (401) and stores nothing", async () => {
    const { site, send, channel } = await apiSite();
    expect((await send(message, { secret: `whsec_${btoa("another-secret-of-32-bytes-long!")}` })).status).toBe(401);
    expect((await send(message, { at: new Date(Date.now() - 10 * 60_000) })).status).toBe(401);
    expect((await postWebhook(`/channels/api/${channel.id}`, JSON.stringify(message), { "content-type": "application/json" })).status).toBe(401);
    expect(await siteConversations(site)).toEqual([]);
    expect(await siteContacts(site)).toEqual([]);
  });

  it("refuses a signed message without a sender id (400 naming the field) and stores nothing", async () => {
    const { site, send } = await apiSite();
    const r = await send({ id: "m1", text: "hi" });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(/^user\.id: /);
    expect(await siteConversations(site)).toEqual([]);
  });

  it("stores a message once under the integration's user id, and delivers replies as signed webhooks", async () => {
    const { site, owner, send, secret, box, channel } = await apiSite();
    const r = await send(message);
    expect(r.status).toBe(200);
    const stored = ((await r.json()) as { messages: { conversationId: string; seq: number; duplicate: boolean }[] }).messages[0]!;
    expect(stored.duplicate).toBe(false);
    const again = await send(message);
    expect(((await again.json()) as { messages: { duplicate: boolean; conversationId: string }[] }).messages[0]).toMatchObject({
      duplicate: true,
      conversationId: stored.conversationId,
    });

    const [conv] = await siteConversations(site);
    expect(conv).toMatchObject({ id: stored.conversationId, channel: "api" });
    const d = await conversationDetail(owner, conv!.id);
    expect(d.contact).toMatchObject({ name: "Ada Lovelace", externalId: "user-42" });
    const ids = await api(`/contacts/${d.contact.id}/channels`, { cookie: owner });
    expect(ids.body.identities).toEqual([{ kind: "external", value: "user-42", verified: true }]);

    await api(`/conversations/${conv!.id}/messages`, { method: "POST", cookie: owner, body: { text: "Which version of the app?" } });
    const posts = await fakeLog(`/hooks/${box}`);
    const last = posts.pop()!;
    // The integration verifies us with the same secret.
    const event = new Webhook(secret).verify(last.body, last.headers) as { type: string; data: Record<string, any> };
    expect(event.type).toBe("message.created");
    expect(event.data).toMatchObject({ channelId: channel.id, conversationId: conv!.id, to: { userId: "user-42" } });
    expect(event.data.message).toMatchObject({ author: "agent", authorName: "Ada Admin", text: "Which version of the app?" });
    expect(last.headers["webhook-id"]).toMatch(new RegExp(`^out_${conv!.id}_\\d+$`));
    // Bot answers went the same way, before it.
    expect(posts.length).toBeGreaterThan(0);
    for (const p of posts) expect(() => new Webhook(secret).verify(p.body, p.headers)).not.toThrow();
  });

  it("continues a conversation the integration names, and keeps base64 attachments", async () => {
    const { site, owner, send } = await apiSite();
    const first = (await (await send(message)).json()) as { messages: { conversationId: string }[] };
    const id = first.messages[0]!.conversationId;
    const pdf = btoa("%PDF-1.4 fake");
    const r = await send({
      id: "app-msg-2",
      user: { id: "user-42" },
      conversationId: id,
      text: "Log attached",
      attachments: [{ name: "log.pdf", type: "application/pdf", data: pdf }],
    });
    expect(r.status).toBe(200);
    expect(await siteConversations(site)).toHaveLength(1);
    const d = await conversationDetail(owner, id);
    expect(d.messages.filter((m) => m.author === "visitor").pop()).toMatchObject({
      text: "Log attached",
      attachments: [expect.objectContaining({ name: "log.pdf", size: 13 })],
    });
  });
});
