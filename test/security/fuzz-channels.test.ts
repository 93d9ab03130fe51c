// Fuzzing each channel's inbound normalisation (worker/src/channels/): real provider payloads
// (test/fixtures/channels) with mutated fields, wrong types, huge strings and __proto__ keys, plus
// arbitrary JSON, form bodies and mail. Each parser answers a clear refusal or well-formed messages,
// never a throw; mail that postal-mime reads gives text the visible-text cutter handles.

import fc from "fast-check";
import PostalMime from "postal-mime";
import { describe, expect, it } from "vitest";
import { parseApiMessage } from "../../worker/src/channels/api-channel.ts";
import { htmlToText, visibleText } from "../../worker/src/channels/email/visible-text.ts";
import { parseTwilioForm } from "../../worker/src/channels/sms.ts";
import { parseTelegramUpdate } from "../../worker/src/channels/telegram.ts";
import type { InboundParse } from "../../worker/src/channels/types.ts";
import { parseWhatsAppWebhook } from "../../worker/src/channels/whatsapp.ts";
import enNew from "../fixtures/channels/email-en-new.eml?raw";
import zhNew from "../fixtures/channels/email-zh-new.eml?raw";
import tgCallback from "../fixtures/channels/telegram-callback.json";
import tgPhoto from "../fixtures/channels/telegram-photo.json";
import tgText from "../fixtures/channels/telegram-text.json";
import twilioMms from "../fixtures/channels/twilio-mms.form?raw";
import twilioSms from "../fixtures/channels/twilio-sms.form?raw";
import waButton from "../fixtures/channels/whatsapp-button.json";
import waImage from "../fixtures/channels/whatsapp-image.json";
import waText from "../fixtures/channels/whatsapp-text.json";
import { anyJson, anyText, mutated, prototypeClean, runs } from "../fixtures/fuzz.ts";

const PHONE_ID = "106540352242922";
const SID = "ACae7f2b3c9d0e1f2a3b4c5d6e7f8a9b0c";

/** A parse is a refusal with a code and a message, or messages of the normalised shape, bounded. */
function wellFormed(r: InboundParse): void {
  expect(prototypeClean()).toBe(true);
  if (!r.ok) {
    expect(typeof r.code === "string" && r.code.length > 0 && typeof r.message === "string" && r.message.length > 0).toBe(true);
    return;
  }
  for (const m of r.messages) {
    const shape = JSON.stringify(m, (_k, v: unknown) => (v instanceof Uint8Array ? `${v.byteLength} bytes` : v));
    expect(typeof m.providerId === "string" && m.providerId.length > 0 && m.providerId.length <= 256, `providerId of ${shape.slice(0, 300)}`).toBe(true);
    expect(typeof m.address === "string" && m.address.length > 0 && m.address.length <= 256, `address of ${shape.slice(0, 300)}`).toBe(true);
    expect(typeof m.identity.kind === "string" && typeof m.identity.value === "string" && typeof m.identity.verified === "boolean").toBe(true);
    for (const x of m.extraIdentities ?? []) expect(typeof x.value === "string" && typeof x.verified === "boolean").toBe(true);
    expect(typeof m.text).toBe("string");
    expect(m.text.trim().length > 0 || m.files.length > 0).toBe(true);
    if (m.name !== undefined) expect(typeof m.name === "string" && m.name.length <= 120, `name of ${shape.slice(0, 300)}`).toBe(true);
    if (m.payload !== undefined) expect(typeof m.payload === "string" && m.payload.length <= 256, `payload of ${shape.slice(0, 300)}`).toBe(true);
    if (m.locale !== undefined) expect(typeof m.locale).toBe("string");
    if (m.conversationId !== undefined) expect(typeof m.conversationId).toBe("string");
    for (const f of m.files) {
      expect(typeof f.name === "string" && f.name.length > 0 && typeof f.type === "string").toBe(true);
      expect("bytes" in f ? f.bytes instanceof Uint8Array : typeof f.ref === "string").toBe(true);
    }
  }
}

/** A form body as a record (the fixture), so fields can be mutated, and back to a form body. */
const formRecord = (raw: string) => Object.fromEntries(new URLSearchParams(raw.trim()));
function toForm(v: unknown): URLSearchParams {
  const form = new URLSearchParams();
  if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) form.append(k, typeof x === "string" ? x : (JSON.stringify(x) ?? ""));
  return form;
}

const apiMessage = fc.record({
  id: fc.stringMatching(/^[\w.:@+-]{1,128}$/),
  user: fc.record(
    { id: fc.stringMatching(/^[\w.:@+-]{1,128}$/), name: anyText, email: fc.emailAddress(), phone: fc.constant("+1 415 555 0199"), verified: fc.boolean() },
    { requiredKeys: ["id"] },
  ),
  text: anyText,
  payload: anyText,
  locale: fc.constantFrom("en", "zh-CN", "xx-<script>"),
  conversationId: anyText,
  attachments: fc.array(fc.record({ name: anyText, type: fc.constantFrom("image/png", "text/html", ""), data: fc.base64String({ maxLength: 40 }) }), {
    maxLength: 2,
  }),
});

describe("channel parsers (fuzz)", () => {
  it("Telegram: mutated updates and any JSON → messages or a refusal", () => {
    fc.assert(
      fc.property(fc.oneof(mutated(fc.constantFrom(tgText, tgPhoto, tgCallback)), anyJson), (u) => wellFormed(parseTelegramUpdate(u))),
      runs(300),
    );
  });

  it("WhatsApp: mutated webhooks and any JSON → messages or a refusal", () => {
    fc.assert(
      fc.property(fc.oneof(mutated(fc.constantFrom(waText, waImage, waButton)), anyJson), fc.constantFrom(PHONE_ID, undefined), (b, phone) =>
        wellFormed(parseWhatsAppWebhook(b, phone)),
      ),
      runs(300),
    );
  });

  it("Twilio SMS: mutated form posts and any form body → messages or a refusal", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          mutated(fc.constantFrom(formRecord(twilioSms), formRecord(twilioMms))).map(toForm),
          anyText.map((s) => new URLSearchParams(s)),
        ),
        (form) => wellFormed(parseTwilioForm(form, SID)),
      ),
      runs(300),
    );
  });

  it("API channel: mutated messages and any JSON → a message or a refusal naming the field", () => {
    fc.assert(
      fc.property(fc.oneof(apiMessage, mutated(apiMessage), anyJson), (b) => {
        const r = parseApiMessage(b);
        wellFormed(r);
        if (!r.ok) expect(r.message).toMatch(/^[\w.]+: /);
      }),
      runs(300),
    );
  });

  it("Email: mutated mails parse or are refused by postal-mime, and their text cuts cleanly", async () => {
    const mails = fc.tuple(
      fc.constantFrom(enNew, zhNew),
      fc.array(
        fc.tuple(
          fc.nat(),
          fc.nat(200),
          fc.oneof(anyText, fc.constantFrom("\r\n\r\n", "--", "=?utf-8?B?", "<html><script>", "\r\nContent-Type: text/html\r\n")),
        ),
        { minLength: 1, maxLength: 4 },
      ),
    );
    await fc.assert(
      fc.asyncProperty(mails, async ([base, edits]) => {
        let raw = base;
        for (const [at, cut, insert] of edits) {
          const i = at % (raw.length + 1);
          raw = raw.slice(0, i) + insert + raw.slice(i + cut);
        }
        const email = await PostalMime.parse(raw).catch(() => null);
        if (!email) return;
        const body = email.text?.trim() ? email.text : email.html ? htmlToText(email.html) : "";
        expect(typeof visibleText(body)).toBe("string");
        for (const a of email.attachments) expect(typeof a.mimeType).toBe("string");
      }),
      runs(100),
    );
  });
});
