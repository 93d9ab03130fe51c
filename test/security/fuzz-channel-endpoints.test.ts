// Fuzzed provider payloads against the real endpoints in workerd, correctly signed (a bad signature
// stops at 401 and would test nothing): Telegram, WhatsApp, Twilio SMS, the API channel, and mail
// through the worker's email() handler. Every answer is a 2xx, or a 4xx with a JSON error — never a
// 500 — and the conversation that existed before is unchanged (its messages only grow).

import fc from "fast-check";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import enNew from "../fixtures/channels/email-en-new.eml?raw";
import tgCallback from "../fixtures/channels/telegram-callback.json";
import tgPhoto from "../fixtures/channels/telegram-photo.json";
import tgText from "../fixtures/channels/telegram-text.json";
import twilioSms from "../fixtures/channels/twilio-sms.form?raw";
import waButton from "../fixtures/channels/whatsapp-button.json";
import waImage from "../fixtures/channels/whatsapp-image.json";
import waText from "../fixtures/channels/whatsapp-text.json";
import { anyJson, anyText, FUZZ_SEED, mutated } from "../fixtures/fuzz.ts";
import { env } from "cloudflare:workers";
import { receiveEmail } from "../../worker/src/channels/email/inbound.ts";
import {
  conversationDetail,
  createChannel,
  deliverMail,
  fake,
  fill,
  ownerSite,
  postWebhook,
  siteContacts,
  siteConversations,
} from "../integration/channel-helpers.ts";

/** How many fuzzed payloads each channel gets (a 2-core machine runs these in a few seconds). */
const BATCH = 30;

async function hmacB64(hash: "SHA-1" | "SHA-256", secret: string, data: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(data)));
}

/** JSON bodies: mutated real payloads, any JSON, and text that is not JSON at all. */
function jsonBodies(fixtures: unknown[]): string[] {
  return fc.sample(
    fc
      .oneof({ arbitrary: mutated(fc.constantFrom(...fixtures)), weight: 4 }, anyJson, anyText)
      .map((v) => (typeof v === "string" ? v : (JSON.stringify(v) ?? "null"))),
    { numRuns: BATCH, seed: FUZZ_SEED },
  );
}

/** What the site's first conversation and contacts look like (messages as seq/author/text). */
async function snapshot(owner: string, site: string) {
  const [conversation] = (await siteConversations(site)).slice(-1);
  expect(conversation, "a conversation from the valid message").toBeDefined();
  const d = await conversationDetail(owner, conversation!.id);
  const contacts = (await siteContacts(site)).find((c) => c.id === conversation!.contact_id);
  return { id: conversation!.id, messages: d.messages.map((m) => ({ seq: m.seq, author: m.author, text: m.text })), contact: contacts };
}

/** After the batch: the earlier messages are all still there, unchanged; the contact kept its fields. */
async function unchanged(owner: string, site: string, before: Awaited<ReturnType<typeof snapshot>>): Promise<void> {
  const d = await conversationDetail(owner, before.id);
  expect(d.messages.slice(0, before.messages.length).map((m) => ({ seq: m.seq, author: m.author, text: m.text }))).toEqual(before.messages);
  const contact = (await siteContacts(site)).find((c) => c.id === before.contact?.id);
  expect(contact).toEqual(before.contact);
}

/**
 * Hands fuzzed mail to email() as Email Routing would: its headers as a Headers object, which cannot
 * hold what the Fetch spec forbids (those lines are left out, as the runtime never delivers them).
 */
function fuzzedMail(raw: string, envelope: { from: string; to: string }) {
  const bytes = new TextEncoder().encode(raw);
  const headers = new Headers();
  for (const line of (raw.split(/\r?\n\r?\n/)[0] ?? "").replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const i = line.indexOf(":");
    try {
      if (i > 0) headers.append(line.slice(0, i).trim(), line.slice(i + 1).trim());
    } catch {
      // not a header the runtime could deliver
    }
  }
  const message = {
    ...envelope,
    headers,
    raw: new Response(bytes).body!,
    rawSize: bytes.byteLength,
    setReject() {},
    forward: async () => ({}),
    reply: async () => ({}),
  };
  return receiveEmail(message as unknown as ForwardableEmailMessage, env as Env);
}

/** A 2xx, or a 4xx answering JSON `{ error: { code, message } }`. */
async function clearAnswer(res: Response, body: string, statuses: number[]): Promise<void> {
  const text = await res.text();
  statuses.push(res.status);
  expect(res.status, `${res.status} ${text.slice(0, 200)} for ${body.slice(0, 200)}`).toBeLessThan(500);
  if (res.status >= 400) {
    const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    expect(typeof parsed.error?.code === "string" && typeof parsed.error?.message === "string").toBe(true);
  }
}

/** The batch reached the parser and beyond: some payloads were stored, some refused. */
function mixed(statuses: number[]): void {
  expect(statuses.filter((s) => s < 300).length, statuses.join(" ")).toBeGreaterThan(3);
}

describe("channel endpoints under fuzzed, correctly signed payloads", () => {
  it("Telegram", async () => {
    const s = await ownerSite();
    const ch = await createChannel(s.site, s.owner, {
      kind: "telegram",
      name: "Telegram",
      botToken: `7999001:AAF-${s.site}-fuzz-token-0123456789`,
      baseUrl: `${fake()}/telegram`,
    });
    const send = (body: string) =>
      postWebhook(`/channels/telegram/${ch.id}`, body, {
        "content-type": "application/json",
        "x-telegram-bot-api-secret-token": ch.generated.webhookSecret as string,
      });
    expect((await send(JSON.stringify(tgText))).status).toBe(200);
    const before = await snapshot(s.owner, s.site);
    const statuses: number[] = [];
    for (const body of jsonBodies([tgText, tgPhoto, tgCallback])) await clearAnswer(await send(body), body, statuses);
    mixed(statuses);
    await unchanged(s.owner, s.site, before);
  });

  it("WhatsApp", async () => {
    const s = await ownerSite();
    const secret = "fuzz-app-secret-0123456789abcdef";
    const ch = await createChannel(s.site, s.owner, {
      kind: "whatsapp",
      name: "WhatsApp",
      phoneNumberId: "106540352242922",
      accessToken: `EAAG${s.site}Fuzz`,
      appSecret: secret,
      baseUrl: `${fake()}/graph/v21.0`,
    });
    const send = async (body: string) => {
      const mac = Array.from(await hmacB64("SHA-256", secret, body), (b) => b.toString(16).padStart(2, "0")).join("");
      return postWebhook(`/channels/whatsapp/${ch.id}`, body, { "content-type": "application/json", "x-hub-signature-256": `sha256=${mac}` });
    };
    expect((await send(JSON.stringify(waText))).status).toBe(200);
    const before = await snapshot(s.owner, s.site);
    const statuses: number[] = [];
    // Our own media id: the fake Graph API's request log is shared with the WhatsApp tests, which count fetches of theirs.
    const image = JSON.parse(JSON.stringify(waImage).replaceAll("1003383421387256", "fuzz-media-1")) as unknown;
    for (const body of jsonBodies([waText, image, waButton])) await clearAnswer(await send(body), body, statuses);
    mixed(statuses);
    await unchanged(s.owner, s.site, before);
  });

  it("Twilio SMS", async () => {
    const s = await ownerSite();
    const token = "fuzz0123456789abcdef0123456789ab";
    const sid = "ACae7f2b3c9d0e1f2a3b4c5d6e7f8a9b0c";
    const ch = await createChannel(s.site, s.owner, {
      kind: "sms",
      name: "SMS",
      accountSid: sid,
      authToken: token,
      fromNumber: "+14155238886",
      baseUrl: `${fake()}/twilio`,
    });
    const path = `/channels/sms/${ch.id}`;
    const send = async (body: string) => {
      const params = [...new URLSearchParams(body)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const data = `https://parley.test${path}` + params.map(([k, v]) => k + v).join("");
      const sig = btoa(String.fromCharCode(...(await hmacB64("SHA-1", token, data))));
      return postWebhook(path, body, { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": sig });
    };
    expect((await send(twilioSms.trim())).status).toBe(200);
    const before = await snapshot(s.owner, s.site);
    const base = Object.fromEntries(new URLSearchParams(twilioSms.trim()));
    const forms = fc.sample(
      fc.oneof(
        {
          arbitrary: mutated(fc.constant(base)).map((v) =>
            new URLSearchParams(Object.entries(v as object).map(([k, x]) => [k, typeof x === "string" ? x : (JSON.stringify(x) ?? "")])).toString(),
          ),
          weight: 4,
        },
        anyText,
      ),
      { numRuns: BATCH, seed: FUZZ_SEED },
    );
    const statuses: number[] = [];
    for (const body of forms) await clearAnswer(await send(body), body, statuses);
    mixed(statuses);
    await unchanged(s.owner, s.site, before);
  });

  it("API channel", async () => {
    const s = await ownerSite();
    const ch = await createChannel(s.site, s.owner, { kind: "api", name: "App", outboundUrl: `${fake()}/hooks/fuzz-${s.site}` });
    const hook = new Webhook(ch.generated.secret as string);
    let n = 0;
    const send = (body: string) => {
      const id = `msg_fuzz_${n++}`;
      const at = new Date();
      return postWebhook(`/channels/api/${ch.id}`, body, {
        "content-type": "application/json",
        "webhook-id": id,
        "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
        "webhook-signature": hook.sign(id, at, body),
      });
    };
    const valid = { id: "fuzz-1", user: { id: "user-1", name: "Ada", email: "ada@example.com" }, text: "My order is late." };
    expect((await send(JSON.stringify(valid))).status).toBe(200);
    const before = await snapshot(s.owner, s.site);
    const withConversation = { ...valid, id: "fuzz-2", conversationId: before.id, attachments: [{ name: "a.txt", type: "text/plain", data: btoa("hi") }] };
    const statuses: number[] = [];
    for (const body of jsonBodies([valid, withConversation])) await clearAnswer(await send(body), body, statuses);
    mixed(statuses);
    await unchanged(s.owner, s.site, before);
  });

  it("Email (the email() handler)", async () => {
    const s = await ownerSite();
    const address = `support@${s.site}.parley.test`;
    await createChannel(s.site, s.owner, { kind: "email", name: "Mail", address });
    const base = fill(enNew, { TO: address });
    expect((await deliverMail(base, { from: "emma.clarke@gmail.com", to: address })).result).toBe("stored");
    const before = await snapshot(s.owner, s.site);
    const edit = fc.tuple(
      fc.nat(),
      fc.nat(300),
      fc.oneof(
        anyText,
        fc.constantFrom(
          "\r\n\r\n",
          "\r\nFrom: <x@evil.test>\r\n",
          "=?utf-8?B?PHNjcmlwdD4=?=",
          "<script>alert(1)</script>",
          "\r\n--000000000000a1b2c3d4e5f60708--\r\n",
        ),
      ),
    );
    const mails = fc.sample(
      fc
        .array(edit, { minLength: 1, maxLength: 5 })
        .map((edits) =>
          edits.reduce((raw, [at, cut, insert]) => raw.slice(0, at % (raw.length + 1)) + insert + raw.slice((at % (raw.length + 1)) + cut), base),
        ),
      { numRuns: BATCH, seed: FUZZ_SEED },
    );
    const results: string[] = [];
    for (const raw of mails) {
      const out = await fuzzedMail(raw, { from: "emma.clarke@gmail.com", to: address });
      results.push(out.result);
      expect(["stored", "dropped", "rejected"]).toContain(out.result);
    }
    expect(results.filter((r) => r === "stored").length).toBeGreaterThan(3);
    await unchanged(s.owner, s.site, before);
  });
});
