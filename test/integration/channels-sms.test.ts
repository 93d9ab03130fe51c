// SMS through Twilio in workerd, against a local fake of Twilio's API: the X-Twilio-Signature check
// (bad → 401, nothing stored), real form posts (SMS and MMS), TwiML answers, each message stored
// once, and replies sent through the Messages API with Basic auth.

import { describe, expect, it } from "vitest";
import mms from "../fixtures/channels/twilio-mms.form?raw";
import sms from "../fixtures/channels/twilio-sms.form?raw";
import { api } from "./admin-helpers.ts";
import { conversationDetail, createChannel, fake, fakeLog, fill, ownerSite, postWebhook, siteContacts, siteConversations } from "./channel-helpers.ts";

const SID = "ACae7f2b3c9d0e1f2a3b4c5d6e7f8a9b0c";
const AUTH_TOKEN = "12345678901234567890abcdefabcdef";

/** Twilio's documented scheme: base64 HMAC-SHA1 of the URL followed by every parameter name and value, sorted by name. */
async function twilioSignature(url: string, body: string, token = AUTH_TOKEN): Promise<string> {
  const params = [...new URLSearchParams(body)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const data = url + params.map(([k, v]) => k + v).join("");
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(token), { name: "HMAC", hash: "SHA-1" }, false, ["sign"]);
  return btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(data)))));
}

async function smsSite() {
  const s = await ownerSite();
  const channel = await createChannel(s.site, s.owner, {
    kind: "sms",
    name: "Support SMS",
    accountSid: SID,
    authToken: AUTH_TOKEN,
    fromNumber: "+14155238886",
    baseUrl: `${fake()}/twilio`,
  });
  const path = `/channels/sms/${channel.id}`;
  const send = async (body: string, sig?: string) =>
    postWebhook(path, body, {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": sig ?? (await twilioSignature(`https://parley.test${path}`, body)),
    });
  const sent = async (to: string) =>
    (await fakeLog(`/twilio/2010-04-01/Accounts/${SID}/Messages.json`))
      .filter((r) => r.headers.authorization === `Basic ${btoa(`${SID}:${AUTH_TOKEN}`)}`)
      .map((r) => new URLSearchParams(r.body))
      .filter((f) => f.get("To") === to);
  return { ...s, channel, send, sent };
}

describe("SMS channel (Twilio)", () => {
  it("refuses a post whose X-Twilio-Signature does not match (401) and stores nothing", async () => {
    const { site, send } = await smsSite();
    expect((await send(sms, "bm90LXRoZS1zaWduYXR1cmU=")).status).toBe(401);
    expect((await send(sms.replace("has+not+arrived", "has+arrived"), await twilioSignature("https://parley.test/x", sms))).status).toBe(401);
    expect(await siteConversations(site)).toEqual([]);
    expect(await siteContacts(site)).toEqual([]);
  });

  it("stores an SMS once, answers Twilio with TwiML, and replies through the Messages API", async () => {
    const { site, owner, send, sent } = await smsSite();
    const res = await send(sms);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/xml");
    expect(await res.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    await send(sms);
    const [conv, ...more] = await siteConversations(site);
    expect(more).toEqual([]);
    expect(conv!.channel).toBe("sms");
    const d = await conversationDetail(owner, conv!.id);
    expect(d.messages.filter((m) => m.author === "visitor").map((m) => m.text)).toEqual(["Hi! My refund for order A12345 has not arrived."]);
    expect(d.contact.phone).toBe("+14155550199");

    const bot = d.messages.filter((m) => m.author === "bot").map((m) => m.text);
    expect((await sent("+14155550199")).map((f) => f.get("Body")!.split("\n•")[0])).toEqual(bot);
    await api(`/conversations/${conv!.id}/messages`, { method: "POST", cookie: owner, body: { text: "Your refund went out today." } });
    const last = (await sent("+14155550199")).pop()!;
    expect(Object.fromEntries(last)).toEqual({ To: "+14155550199", From: "+14155238886", Body: "Your refund went out today." });
  });

  it("keeps MMS media (downloaded with the account's credentials from Twilio's host)", async () => {
    const { site, owner, send } = await smsSite();
    const body = fill(mms, { MEDIA_URL: encodeURIComponent(`${fake()}/twilio/media/ME1234`) });
    expect((await send(body)).status).toBe(200);
    const [download] = await fakeLog("/twilio/media/ME1234");
    expect(download!.headers.authorization).toBe(`Basic ${btoa(`${SID}:${AUTH_TOKEN}`)}`);
    const [conv] = await siteConversations(site);
    const d = await conversationDetail(owner, conv!.id);
    expect(d.messages[0]).toMatchObject({ text: "Here is the label", attachments: [expect.objectContaining({ name: "media-1.jpeg", type: "image/jpeg" })] });
  });
});
