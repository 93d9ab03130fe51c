// WhatsApp Cloud API in workerd, against a local fake of the Graph API: the verify challenge, the
// X-Hub-Signature-256 check (bad → 401, nothing stored), real webhook payloads (text, image,
// button reply, status), media downloaded with the access token, replies through /messages.

import { describe, expect, it } from "vitest";
import button from "../fixtures/channels/whatsapp-button.json";
import image from "../fixtures/channels/whatsapp-image.json";
import status from "../fixtures/channels/whatsapp-status.json";
import text from "../fixtures/channels/whatsapp-text.json";
import { api } from "./admin-helpers.ts";
import { conversationDetail, createChannel, fake, fakeLog, ownerSite, postWebhook, siteContacts, siteConversations } from "./channel-helpers.ts";
import { call } from "./helpers.ts";

const APP_SECRET = "9f3c2a1b7d6e5f40a1b2c3d4e5f6a7b8";
const PHONE_ID = "106540352242922";

async function signature(body: string, secret = APP_SECRET): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(body)));
  return `sha256=${Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

async function whatsappSite() {
  const s = await ownerSite();
  const token = `EAAG${s.site}TestAccessToken0123456789`;
  const channel = await createChannel(s.site, s.owner, {
    kind: "whatsapp",
    name: "WhatsApp",
    phoneNumberId: PHONE_ID,
    accessToken: token,
    appSecret: APP_SECRET,
    baseUrl: `${fake()}/graph/v21.0`,
  });
  const send = async (payload: unknown, sig?: string) => {
    const body = JSON.stringify(payload);
    return postWebhook(`/channels/whatsapp/${channel.id}`, body, { "content-type": "application/json", "x-hub-signature-256": sig ?? (await signature(body)) });
  };
  const sentTo = async (to: string) =>
    (await fakeLog(`/graph/v21.0/${PHONE_ID}/messages`))
      .filter((r) => r.headers.authorization === `Bearer ${token}`)
      .map((r) => JSON.parse(r.body) as Record<string, any>)
      .filter((b) => b.to === to);
  return { ...s, channel, send, sentTo, token };
}

/** The text fixture from another number with another message id. */
function fromNumber(wa: string, id: string) {
  const t = structuredClone(text);
  const value = t.entry[0]!.changes[0]!.value;
  value.contacts[0]!.wa_id = wa;
  value.messages[0]!.from = wa;
  value.messages[0]!.id = id;
  return t;
}

describe("WhatsApp channel", () => {
  it("answers Meta's verify challenge only with the right verify token", async () => {
    const { channel } = await whatsappSite();
    const q = (token: string) => `/channels/whatsapp/${channel.id}?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${encodeURIComponent(token)}`;
    const ok = await call(q(channel.generated.verifyToken));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("1158201444");
    expect((await call(q("guess"))).status).toBe(403);
  });

  it("refuses a payload with a bad or missing signature (401) and stores nothing", async () => {
    const { site, send, channel } = await whatsappSite();
    expect((await send(text, await signature(JSON.stringify(text), "another-secret"))).status).toBe(401);
    expect((await postWebhook(`/channels/whatsapp/${channel.id}`, JSON.stringify(text), { "content-type": "application/json" })).status).toBe(401);
    expect(await siteConversations(site)).toEqual([]);
    expect(await siteContacts(site)).toEqual([]);
  });

  it("stores a message once, recognises the number, ignores status callbacks, and replies through the Graph API", async () => {
    const { site, owner, send, sentTo } = await whatsappSite();
    expect((await send(text)).status).toBe(200);
    expect((await send(text)).status).toBe(200); // redelivery
    expect((await send(status)).status).toBe(200);
    const [conv, ...more] = await siteConversations(site);
    expect(more).toEqual([]);
    const d = await conversationDetail(owner, conv!.id);
    expect(d.messages.filter((m) => m.author === "visitor").map((m) => m.text)).toEqual(["Hi, where is my order A12345? It was due yesterday."]);
    expect(d.contact).toMatchObject({ name: "Sheena Nelson", phone: "+16505551234" });
    const ids = await api(`/contacts/${d.contact.id}/channels`, { cookie: owner });
    expect(ids.body.identities).toEqual([
      { kind: "whatsapp", value: "16505551234", verified: true },
      { kind: "phone", value: "+16505551234", verified: true },
    ]);
    // The bot's answer went out on WhatsApp.
    const bot = d.messages.filter((m) => m.author === "bot").map((m) => m.text);
    const out = await sentTo("16505551234");
    expect(out.map((b) => b.text?.body ?? b.interactive?.body?.text)).toEqual(bot);
    expect(out[0]).toMatchObject({ messaging_product: "whatsapp", recipient_type: "individual" });

    const r = await api(`/conversations/${conv!.id}/messages`, { method: "POST", cookie: owner, body: { text: "It ships today." } });
    expect(r.status).toBe(201);
    expect((await sentTo("16505551234")).pop()).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "16505551234",
      type: "text",
      text: { preview_url: false, body: "It ships today." },
    });
  });

  it("downloads an image with the access token, and a reply button arrives as its payload", async () => {
    const { site, owner, send, token } = await whatsappSite();
    expect((await send(image)).status).toBe(200);
    const media = (await fakeLog("/graph/")).filter((r) => r.path.endsWith("/1003383421387256") || r.path.endsWith("/media-bytes/1003383421387256"));
    expect(media.map((m) => m.headers.authorization)).toEqual([`Bearer ${token}`, `Bearer ${token}`]);
    const [conv] = await siteConversations(site);
    let d = await conversationDetail(owner, conv!.id);
    expect(d.messages[0]).toMatchObject({ text: "This is what arrived", attachments: [expect.objectContaining({ type: "image/jpeg", size: 2054 })] });
    expect((await send({ ...button, entry: button.entry })).status).toBe(200);
    d = await conversationDetail(owner, conv!.id);
    expect(d.messages.filter((m) => m.author === "visitor").pop()!.text).toBe("Talk to a person");
  });

  it("tells the agent when WhatsApp refuses a reply outside the 24-hour window", async () => {
    const { site, owner, send } = await whatsappSite();
    await send(fromNumber("15550000400", "wamid.window-test-1"));
    const [conv] = await siteConversations(site);
    await api(`/conversations/${conv!.id}/messages`, { method: "POST", cookie: owner, body: { text: "Are you still there?" } });
    const d = await conversationDetail(owner, conv!.id);
    expect(d.messages.filter((m) => m.event === "channel").pop()!.text).toBe(
      "Not delivered by whatsapp to 15550000400: WhatsApp answered 400: (#131047) Re-engagement message",
    );
  });
});
