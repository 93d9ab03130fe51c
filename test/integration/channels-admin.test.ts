// The channels admin API: admins only; input checked per kind (400 naming the field); provider
// credentials sealed and shown masked, the secrets Parley generates shown for pasting; test with the
// provider; disable (the webhook then refuses and replies fail visibly); remove; every change audited.

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import text from "../fixtures/channels/telegram-text.json";
import { api } from "./admin-helpers.ts";
import { conversationDetail, createChannel, fake, ownerSite, postWebhook, siteConversations } from "./channel-helpers.ts";

const token = (site: string) => `7400001:AAF-${site}-admin-token-0123456789`;

describe("channels admin API", () => {
  it("is for admins, and checks each kind's settings", async () => {
    const { site, owner, agent } = await ownerSite();
    expect((await api(`/sites/${site}/channels`, { cookie: agent })).status).toBe(403);
    const bad = async (body: Record<string, unknown>) => (await api(`/sites/${site}/channels`, { method: "POST", cookie: owner, body })).body.error;
    expect(await bad({ kind: "fax", name: "x" })).toMatchObject({ field: "kind" });
    expect(await bad({ kind: "telegram", name: "x", botToken: "nope" })).toMatchObject({ field: "botToken" });
    expect(await bad({ kind: "telegram", name: "x", botToken: token(site), baseUrl: "http://evil.example" })).toMatchObject({ field: "baseUrl" });
    expect(await bad({ kind: "sms", name: "x", accountSid: "AC1", authToken: "12345678", fromNumber: "+14155238886" })).toMatchObject({ field: "accountSid" });
    expect(await bad({ kind: "whatsapp", name: "x", phoneNumberId: "1065", accessToken: "short", appSecret: "12345678" })).toMatchObject({
      field: "accessToken",
    });
    expect(await bad({ kind: "email", name: "x", address: "a-very-long-local-part-here@x.test" })).toMatchObject({ field: "address" });
    expect(await bad({ kind: "email", name: "x", address: "support@x.test", botToken: token(site) })).toMatchObject({ field: "botToken" });
    expect((await api(`/sites/${site}/channels`, { cookie: owner })).body.items).toEqual([]);
  });

  it("keeps credentials sealed: shown masked, never in clear; generated secrets and the webhook URL are shown", async () => {
    const { site, owner } = await ownerSite();
    const ch = await createChannel(site, owner, {
      kind: "whatsapp",
      name: "WA",
      phoneNumberId: "106540352242922",
      accessToken: "EAAGsecretaccesstoken9876",
      appSecret: "appsecret-4321",
      baseUrl: `${fake()}/graph/v21.0`,
    });
    expect(ch.credentials).toEqual({ accessToken: "••••9876", appSecret: "••••4321" });
    expect(ch.generated.verifyToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(ch.webhookUrl).toBe(`https://parley.test/channels/whatsapp/${ch.id}`);
    const row = await env.DB.prepare("SELECT config, secrets FROM channels WHERE id = ?").bind(ch.id).first<{ config: string; secrets: string }>();
    expect(`${row!.config}${row!.secrets}`).not.toMatch(/EAAGsecret|appsecret-4321|9876/);
    const listed = (await api(`/sites/${site}/channels`, { cookie: owner })).body.items;
    expect(JSON.stringify(listed)).not.toContain("EAAGsecretaccesstoken9876");

    const test = await api(`/sites/${site}/channels/${ch.id}/test`, { method: "POST", cookie: owner });
    expect(test.body).toEqual({ ok: true, detail: "Connected to Parley Test Shop +1 555-000-1234." });
    await api(`/sites/${site}/channels/${ch.id}`, { method: "PATCH", cookie: owner, body: { accessToken: "EAAG-bad-token-0000" } });
    const refused = await api(`/sites/${site}/channels/${ch.id}/test`, { method: "POST", cookie: owner });
    expect(refused.body).toEqual({ ok: false, detail: "WhatsApp answered 401: Invalid OAuth access token - Cannot parse access token" });
    const foreign = await api(`/sites/${site}/channels/${ch.id}`, { method: "PATCH", cookie: owner, body: { botToken: token(site) } });
    expect(foreign).toMatchObject({ status: 400, body: { error: { field: "botToken" } } });
  });

  it("shows generated secrets once, in the answer that makes them; new ones replace the old at once", async () => {
    const { site, owner, agent } = await ownerSite();
    const ch = await createChannel(site, owner, { kind: "telegram", name: "TG", botToken: token(site), baseUrl: `${fake()}/telegram` });
    const first = ch.generated.webhookSecret as string;
    expect(first).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const listed = await api(`/sites/${site}/channels`, { cookie: owner });
    const got = await api(`/sites/${site}/channels/${ch.id}`, { cookie: owner });
    const patched = await api(`/sites/${site}/channels/${ch.id}`, { method: "PATCH", cookie: owner, body: { name: "TG 2" } });
    for (const r of [listed, got, patched]) {
      expect(r.status).toBe(200);
      expect(JSON.stringify(r.body)).not.toContain(first);
      expect(JSON.stringify(r.body)).not.toContain(token(site));
    }
    expect(got.body.channel.generated).toEqual({ webhookSecret: null });

    expect((await api(`/sites/${site}/channels/${ch.id}/rotate-secrets`, { method: "POST", cookie: agent })).status).toBe(403);
    const rotated = await api(`/sites/${site}/channels/${ch.id}/rotate-secrets`, { method: "POST", cookie: owner });
    expect(rotated.status).toBe(200);
    expect(rotated.headers.get("cache-control")).toBe("no-store");
    const next = rotated.body.channel.generated.webhookSecret as string;
    expect(next).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(next).not.toBe(first);
    expect(JSON.stringify((await api(`/sites/${site}/channels/${ch.id}`, { cookie: owner })).body)).not.toContain(next);
    const send = (secret: string) =>
      postWebhook(`/channels/telegram/${ch.id}`, JSON.stringify(text), { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret });
    expect((await send(first)).status).toBe(401);
    expect((await send(next)).status).toBe(200);
    const email = await createChannel(site, owner, { kind: "email", name: "Mail", address: `rot@${site}.parley.test` });
    expect((await api(`/sites/${site}/channels/${email.id}/rotate-secrets`, { method: "POST", cookie: owner })).status).toBe(400);
    const audit = await api(`/sites/${site}/audit?action=channel.rotate`, { cookie: owner });
    expect(audit.body.items.map((i: { action: string }) => i.action)).toEqual(["channel.rotate_secrets"]);
  });

  it("gives an email address to one channel only, and tests it by mailing the admin", async () => {
    const a = await ownerSite();
    const b = await ownerSite();
    const ch = await createChannel(a.site, a.owner, { kind: "email", name: "Mail", address: `support@${a.site}.parley.test` });
    const taken = await api(`/sites/${b.site}/channels`, {
      method: "POST",
      cookie: b.owner,
      body: { kind: "email", name: "Mine", address: `support@${a.site}.parley.test` },
    });
    expect(taken).toMatchObject({ status: 409, body: { error: { field: "address" } } });
    const test = await api(`/sites/${a.site}/channels/${ch.id}/test`, { method: "POST", cookie: a.owner });
    expect(test.body).toEqual({ ok: true, detail: `A test message was sent from support@${a.site}.parley.test to admin+${a.site}@example.com.` });
  });

  it("disables a channel: its webhook refuses, a reply fails visibly; then removes it, all audited", async () => {
    const { site, owner } = await ownerSite();
    const ch = await createChannel(site, owner, { kind: "telegram", name: "TG", botToken: token(site), baseUrl: `${fake()}/telegram` });
    const send = (update: unknown) =>
      postWebhook(`/channels/telegram/${ch.id}`, JSON.stringify(update), {
        "content-type": "application/json",
        "x-telegram-bot-api-secret-token": ch.generated.webhookSecret,
      });
    expect((await send(text)).status).toBe(200);
    const [conv] = await siteConversations(site);

    const off = await api(`/sites/${site}/channels/${ch.id}`, { method: "PATCH", cookie: owner, body: { enabled: false } });
    expect(off.body.channel.enabled).toBe(false);
    expect((await send({ ...text, update_id: 1 })).status).toBe(403);
    await api(`/conversations/${conv!.id}/messages`, { method: "POST", cookie: owner, body: { text: "Hello?" } });
    const d = await conversationDetail(owner, conv!.id);
    expect(d.messages.filter((m) => m.event === "channel").pop()!.text).toBe('Not delivered by telegram: the channel "TG" is disabled.');

    expect((await api(`/sites/${site}/channels/${ch.id}`, { method: "DELETE", cookie: owner })).status).toBe(200);
    expect((await send(text)).status).toBe(404);
    await api(`/conversations/${conv!.id}/messages`, { method: "POST", cookie: owner, body: { text: "Anyone?" } });
    const after = await conversationDetail(owner, conv!.id);
    expect(after.messages.filter((m) => m.event === "channel").pop()!.text).toBe("Not delivered: the channel this conversation came in on has been removed.");
    expect((await api(`/sites/${site}/channels/${ch.id}`, { cookie: owner })).status).toBe(404);
    const audit = await api(`/sites/${site}/audit?action=channel.`, { cookie: owner });
    expect(audit.body.items.map((i: { action: string }) => i.action)).toEqual(["channel.delete", "channel.disable", "channel.create"]);
  });
});
