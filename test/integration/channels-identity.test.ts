// One contact across channels: a known identity joins its contact and continues the open
// conversation (whatever channel it started on, replies following the customer); a verified identity
// another contact holds merges the two (the older survives); an unverified claim never merges.

import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import telegramText from "../fixtures/channels/telegram-text.json";
import whatsappText from "../fixtures/channels/whatsapp-text.json";
import enNew from "../fixtures/channels/email-en-new.eml?raw";
import { api } from "./admin-helpers.ts";
import {
  conversationDetail,
  createChannel,
  deliverMail,
  fake,
  fakeLog,
  fill,
  ownerSite,
  postWebhook,
  siteContacts,
  siteConversations,
} from "./channel-helpers.ts";

const APP_SECRET = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

async function hmacHex(secret: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return Array.from(new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(body))), (b) => b.toString(16).padStart(2, "0")).join("");
}

let n = 0;
function telegramUpdate(extra: Record<string, unknown>) {
  const u = structuredClone(telegramText) as Record<string, any>;
  u.update_id = 800000 + n++;
  u.message = { ...u.message, message_id: 2000 + n, ...extra };
  if ("contact" in extra) delete u.message.text;
  return u;
}

describe("one contact across channels", () => {
  it("merges a Telegram user and a WhatsApp number proven to be the same phone, and the thread follows the customer", async () => {
    const { site, owner } = await ownerSite();
    const tg = await createChannel(site, owner, {
      kind: "telegram",
      name: "TG",
      botToken: `7300001:AAF-${site}-identity-token-0123456789`,
      baseUrl: `${fake()}/telegram`,
    });
    const wa = await createChannel(site, owner, {
      kind: "whatsapp",
      name: "WA",
      phoneNumberId: "106540352242922",
      accessToken: `EAAG${site}IdentityToken0123456789`,
      appSecret: APP_SECRET,
      baseUrl: `${fake()}/graph/v21.0`,
    });
    const telegram = (u: unknown) =>
      postWebhook(`/channels/telegram/${tg.id}`, JSON.stringify(u), {
        "content-type": "application/json",
        "x-telegram-bot-api-secret-token": tg.generated.webhookSecret,
      });
    await telegram(telegramUpdate({ text: "我的订单 A12345 到哪了？" }));
    // The user shares their own contact card: a phone number Telegram has checked.
    await telegram(telegramUpdate({ contact: { phone_number: "16505551234", first_name: "Lin", user_id: 5233948221 } }));
    const [tgContact] = await siteContacts(site);
    expect(tgContact!.phone).toBe("+16505551234");

    const body = JSON.stringify(whatsappText);
    const r = await postWebhook(`/channels/whatsapp/${wa.id}`, body, {
      "content-type": "application/json",
      "x-hub-signature-256": `sha256=${await hmacHex(APP_SECRET, body)}`,
    });
    expect(r.status).toBe(200);

    const contacts = await siteContacts(site);
    expect(contacts.map((c) => c.id)).toEqual([tgContact!.id]); // the older contact survived
    const conversations = await siteConversations(site);
    expect(conversations).toHaveLength(1); // the open Telegram conversation continued
    const d = await conversationDetail(owner, conversations[0]!.id);
    expect(d.messages.filter((m) => m.author === "visitor").map((m) => m.text)).toEqual([
      "我的订单 A12345 到哪了？",
      "📇 16505551234",
      "Hi, where is my order A12345? It was due yesterday.",
    ]);
    const channels = await api(`/contacts/${tgContact!.id}/channels`, { cookie: owner });
    expect(channels.body.channels).toEqual(["telegram", "whatsapp"]);
    expect(channels.body.identities).toEqual(
      expect.arrayContaining([
        { kind: "telegram", value: "5233948221", verified: true },
        { kind: "phone", value: "+16505551234", verified: true },
        { kind: "whatsapp", value: "16505551234", verified: true },
      ]),
    );
    const audit = await api(`/sites/${site}/audit?action=contact.merge`, { cookie: owner });
    expect(audit.body.items[0]).toMatchObject({ actorKind: "system", target: tgContact!.id, detail: expect.objectContaining({ reason: "verified phone" }) });

    // The agent answers once; it goes where the customer wrote last: WhatsApp.
    await api(`/conversations/${conversations[0]!.id}/messages`, { method: "POST", cookie: owner, body: { text: "It arrives tomorrow." } });
    const waSent = (await fakeLog("/graph/v21.0/106540352242922/messages")).map((x) => JSON.parse(x.body) as { to: string; text?: { body: string } });
    expect(waSent.pop()).toMatchObject({ to: "16505551234", text: { body: "It arrives tomorrow." } });
  });

  it("merges an integration's user with an email contact only when the integration vouches for the address", async () => {
    const { site, owner } = await ownerSite();
    const address = `hello@${site}.parley.test`;
    await createChannel(site, owner, { kind: "email", name: "Mail", address });
    const app = await createChannel(site, owner, { kind: "api", name: "App" });
    await deliverMail(fill(enNew, { TO: address }), { from: "emma.clarke@gmail.com", to: address });
    const send = (payload: unknown) => {
      const bodyText = JSON.stringify(payload);
      const id = `msg_${crypto.randomUUID()}`;
      const at = new Date();
      return postWebhook(`/channels/api/${app.id}`, bodyText, {
        "content-type": "application/json",
        "webhook-id": id,
        "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
        "webhook-signature": new Webhook(app.generated.secret).sign(id, at, bodyText),
      });
    };
    await send({ id: "a1", user: { id: "emma-77", email: "emma.clarke@gmail.com" }, text: "Hi from the app" });
    expect(await siteContacts(site)).toHaveLength(2); // a claim nobody vouched for changes nothing

    await send({ id: "a2", user: { id: "emma-77", email: "emma.clarke@gmail.com", verified: true }, text: "It's me again" });
    const contacts = await siteContacts(site);
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ email: "emma.clarke@gmail.com", name: "Emma Clarke" });
    const ids = await api(`/contacts/${contacts[0]!.id}/channels`, { cookie: owner });
    expect(ids.body.channels).toEqual(["api", "email"]);
  });

  it("reopens a recently resolved conversation for a known sender, and starts a new one once it is closed", async () => {
    const { site, owner } = await ownerSite();
    const tg = await createChannel(site, owner, {
      kind: "telegram",
      name: "TG",
      botToken: `7300002:AAF-${site}-reopen-token-0123456789`,
      baseUrl: `${fake()}/telegram`,
    });
    const telegram = (u: unknown) =>
      postWebhook(`/channels/telegram/${tg.id}`, JSON.stringify(u), {
        "content-type": "application/json",
        "x-telegram-bot-api-secret-token": tg.generated.webhookSecret,
      });
    await telegram(telegramUpdate({ text: "hello" }));
    const [first] = await siteConversations(site);
    await api(`/conversations/${first!.id}/status`, { method: "POST", cookie: owner, body: { status: "resolved" } });
    await telegram(telegramUpdate({ text: "one more thing" }));
    expect(await siteConversations(site)).toHaveLength(1);
    await api(`/conversations/${first!.id}/status`, { method: "POST", cookie: owner, body: { status: "resolved" } });
    await api(`/conversations/${first!.id}/status`, { method: "POST", cookie: owner, body: { status: "closed" } });
    await telegram(telegramUpdate({ text: "new question" }));
    const all = await siteConversations(site);
    expect(all).toHaveLength(2);
    expect(new Set(all.map((c) => c.contact_id)).size).toBe(1);
  });
});
