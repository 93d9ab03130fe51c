// SMS through Twilio: the inbound webhook is a form post signed with `X-Twilio-Signature`
// (base64 HMAC-SHA1 with the auth token over the URL plus the sorted parameters); replies go out
// through the Messages API (form post, Basic auth), media as MediaUrl links.

import { MAX_ATTACHMENT_BYTES } from "../../../protocol/src/frames.ts";
import { timingSafeEqual } from "../lib/crypto.ts";
import { baseUrl, callProvider, download } from "./http.ts";
import { asRecord, e164, MAX_ID, str } from "./payload.ts";
import { hmac, toBase64 } from "./sign.ts";
import type { ChannelAdapter, ChannelRecord, InboundFile, InboundParse } from "./types.ts";

const API = "https://api.twilio.com";

const basic = (ch: ChannelRecord) => ({ authorization: `Basic ${btoa(`${ch.config.accountSid ?? ""}:${ch.secrets.authToken ?? ""}`)}` });

/** Twilio's signature of a request: base64 HMAC-SHA1 of the URL followed by each sorted key and value. */
export async function twilioSignature(authToken: string, url: string, params: URLSearchParams): Promise<string> {
  const keys = [...new Set(params.keys())].sort();
  let data = url;
  for (const k of keys) for (const v of params.getAll(k)) data += k + v;
  return toBase64(await hmac("SHA-1", authToken, data));
}

/** The form body of an incoming message → one message (status callbacks carry no Body/media: none). */
export function parseTwilioForm(form: URLSearchParams, accountSid: string | undefined): InboundParse {
  const sid = form.get("MessageSid") ?? form.get("SmsMessageSid");
  const from = e164(form.get("From"));
  if (!sid || sid.length > MAX_ID || !from) return { ok: false, code: "bad_payload", message: "Not a Twilio message webhook." };
  if (accountSid && form.get("AccountSid") !== accountSid) return { ok: false, code: "wrong_account", message: "The message is for another Twilio account." };
  if (form.has("MessageStatus") && !form.has("Body")) return { ok: true, messages: [] };
  const files: InboundFile[] = [];
  const count = Math.min(Number(form.get("NumMedia") ?? "0") || 0, 10);
  for (let i = 0; i < count; i++) {
    const url = form.get(`MediaUrl${i}`);
    const type = form.get(`MediaContentType${i}`) ?? "application/octet-stream";
    if (url) files.push({ name: `media-${i + 1}.${type.split("/")[1] ?? "bin"}`, type, ref: url });
  }
  const text = form.get("Body") ?? "";
  if (!text.trim() && !files.length) return { ok: true, messages: [] };
  return { ok: true, messages: [{ providerId: sid, address: from, identity: { kind: "phone", value: from, verified: true }, text, files }] };
}

export const smsAdapter: ChannelAdapter = {
  kind: "sms",
  inbound: {
    async verify(req, raw, ch) {
      const given = req.headers.get("x-twilio-signature");
      const token = ch.secrets.authToken;
      if (!given || !token) return false;
      const params = new URLSearchParams(raw);
      // Twilio signs the URL it called: ours as the request arrived, or as given to Twilio (behind a proxy).
      const path = new URL(req.url);
      const urls = new Set([req.url, ...(ch.config.publicOrigin ? [`${ch.config.publicOrigin}${path.pathname}${path.search}`] : [])]);
      for (const url of urls) if (timingSafeEqual(given, await twilioSignature(token, url, params))) return true;
      return false;
    },
    parse(raw, _req, ch) {
      return parseTwilioForm(new URLSearchParams(raw), ch.config.accountSid);
    },
    async fetchFile(ref, ch) {
      // Send our credentials only to Twilio's own host, never to a URL elsewhere.
      let same = false;
      try {
        same = new URL(ref).host === new URL(baseUrl(ch.config, API)).host;
      } catch {
        return null;
      }
      return download(ref, same ? basic(ch) : {}, MAX_ATTACHMENT_BYTES);
    },
    answer() {
      return new Response('<?xml version="1.0" encoding="UTF-8"?><Response></Response>', { headers: { "content-type": "text/xml" } });
    },
  },
  async send(out, ch) {
    const form = new URLSearchParams();
    const options = out.quickReplies.length ? `\n${out.quickReplies.map((q) => `• ${q.label}`).join("\n")}` : "";
    form.set("To", out.to);
    form.set("From", ch.config.fromNumber ?? "");
    form.set("Body", `${out.text}${options}`.slice(0, 1600));
    for (const f of out.files) if (f.link) form.append("MediaUrl", f.link);
    const { body } = await callProvider("Twilio", `${baseUrl(ch.config, API)}/2010-04-01/Accounts/${ch.config.accountSid}/Messages.json`, {
      method: "POST",
      headers: { ...basic(ch), "content-type": "application/x-www-form-urlencoded" },
      body: form.toString(),
    });
    return { providerId: str(asRecord(body)?.sid) ?? `${out.conversationId}:${out.seq}` };
  },
  async test(ch) {
    const { body } = await callProvider("Twilio", `${baseUrl(ch.config, API)}/2010-04-01/Accounts/${ch.config.accountSid}.json`, { headers: basic(ch) });
    const b = asRecord(body);
    return { ok: true, detail: `Connected to the Twilio account ${str(b?.friendly_name) ?? ch.config.accountSid} (${str(b?.status) ?? "active"}).` };
  },
};
