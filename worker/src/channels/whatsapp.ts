// WhatsApp Cloud API: the webhook's GET verify challenge (hub.verify_token), POSTs signed with the
// app secret (`X-Hub-Signature-256: sha256=<hex>` over the raw body); replies through the Graph API
// `/<phone-number-id>/messages` (text, reply buttons for up to three quick replies, uploaded media).

import { MAX_ATTACHMENT_BYTES } from "../../../protocol/src/frames.ts";
import { timingSafeEqual } from "../lib/crypto.ts";
import { baseUrl, callProvider, download } from "./http.ts";
import { asRecord, e164, list, MAX_ID, MAX_NAME, shortStr, str } from "./payload.ts";
import { hmacHex } from "./sign.ts";
import type { ChannelAdapter, ChannelRecord, InboundFile, InboundMessage, InboundParse, OutboundMessage } from "./types.ts";

const API = "https://graph.facebook.com/v21.0";
const MEDIA_TYPES = ["image", "document", "audio", "video", "sticker"] as const;

const auth = (ch: ChannelRecord) => ({ authorization: `Bearer ${ch.secrets.accessToken ?? ""}` });

function message(m: Record<string, unknown>, names: Map<string, string>): InboundMessage | null {
  const from = shortStr(m.from);
  const id = shortStr(m.id);
  if (!from || !id) return null;
  let text = str(asRecord(m.text)?.body) ?? "";
  let payload: string | undefined;
  const files: InboundFile[] = [];
  for (const kind of MEDIA_TYPES) {
    const media = asRecord(m[kind]);
    const ref = media && str(media.id);
    if (!media || !ref) continue;
    const type = str(media.mime_type)?.split(";")[0]?.trim() ?? "application/octet-stream";
    files.push({ name: str(media.filename) ?? `${kind}-${ref.slice(-8)}.${type.split("/")[1] ?? "bin"}`, type, ref });
    text ||= str(media.caption) ?? "";
  }
  const interactive = asRecord(m.interactive);
  const pressed = asRecord(interactive?.button_reply) ?? asRecord(interactive?.list_reply);
  if (pressed) ((payload = str(pressed.id) ?? undefined), (text = str(pressed.title) ?? payload ?? ""));
  const button = asRecord(m.button);
  if (button) ((payload = str(button.payload) ?? undefined), (text = str(button.text) ?? payload ?? ""));
  const location = asRecord(m.location);
  if (location && !text) text = `📍 ${location.latitude}, ${location.longitude}${str(location.name) ? ` (${location.name})` : ""}`;
  if (!text.trim() && !files.length) return null;
  const phone = e164(from);
  const name = names.get(from)?.slice(0, MAX_NAME);
  return {
    providerId: id,
    address: from,
    identity: { kind: "whatsapp", value: from, verified: true },
    // The WhatsApp id is the customer's phone number, checked by WhatsApp.
    ...(phone ? { extraIdentities: [{ kind: "phone" as const, value: phone, verified: true }] } : {}),
    ...(name ? { name } : {}),
    text,
    ...(payload ? { payload: payload.slice(0, MAX_ID) } : {}),
    files,
  };
}

/** A webhook body → the customer messages for this channel's phone number (statuses are skipped). */
export function parseWhatsAppWebhook(body: unknown, phoneNumberId: string | undefined): InboundParse {
  const b = asRecord(body);
  if (!b || b.object !== "whatsapp_business_account") return { ok: false, code: "bad_payload", message: "Not a WhatsApp Business webhook." };
  const out: InboundMessage[] = [];
  for (const entry of list(b.entry)) {
    for (const change of list(asRecord(entry)?.changes)) {
      const value = asRecord(asRecord(change)?.value);
      if (!value) continue;
      // One app can serve several numbers: only this channel's number is ours.
      if (phoneNumberId && str(asRecord(value.metadata)?.phone_number_id) !== phoneNumberId) continue;
      const names = new Map<string, string>();
      for (const c of list(value.contacts)) {
        const wa = str(asRecord(c)?.wa_id);
        const name = str(asRecord(asRecord(c)?.profile)?.name);
        if (wa && name) names.set(wa, name);
      }
      for (const m of list(value.messages)) {
        const r = asRecord(m);
        const parsed = r && message(r, names);
        if (parsed) out.push(parsed);
      }
    }
  }
  return { ok: true, messages: out };
}

async function uploadMedia(ch: ChannelRecord, f: OutboundMessage["files"][number]): Promise<string | null> {
  if (!f.bytes) return null;
  const form = new FormData();
  form.set("messaging_product", "whatsapp");
  form.set("type", f.type);
  form.set("file", new Blob([f.bytes], { type: f.type }), f.name);
  const { body } = await callProvider("WhatsApp", `${baseUrl(ch.config, API)}/${ch.config.phoneNumberId}/media`, {
    method: "POST",
    headers: auth(ch),
    body: form,
  });
  return str(asRecord(body)?.id);
}

async function post(ch: ChannelRecord, to: string, content: Record<string, unknown>): Promise<string> {
  const { body } = await callProvider("WhatsApp", `${baseUrl(ch.config, API)}/${ch.config.phoneNumberId}/messages`, {
    method: "POST",
    headers: { ...auth(ch), "content-type": "application/json" },
    body: JSON.stringify({ messaging_product: "whatsapp", recipient_type: "individual", to, ...content }),
  });
  return str(asRecord(list(asRecord(body)?.messages)[0])?.id) ?? "";
}

export const whatsappAdapter: ChannelAdapter = {
  kind: "whatsapp",
  inbound: {
    async verify(req, _raw, ch, bytes) {
      const header = req.headers.get("x-hub-signature-256") ?? "";
      if (!header.startsWith("sha256=") || !ch.secrets.appSecret) return false;
      return timingSafeEqual(header.slice(7).toLowerCase(), await hmacHex("SHA-256", ch.secrets.appSecret, bytes));
    },
    parse(raw, _req, ch) {
      try {
        return parseWhatsAppWebhook(JSON.parse(raw), ch.config.phoneNumberId);
      } catch {
        return { ok: false, code: "bad_json", message: "The body is not JSON." };
      }
    },
    challenge(url, ch) {
      const token = url.searchParams.get("hub.verify_token") ?? "";
      const ok = url.searchParams.get("hub.mode") === "subscribe" && !!ch.secrets.verifyToken && timingSafeEqual(token, ch.secrets.verifyToken);
      return ok ? new Response(url.searchParams.get("hub.challenge") ?? "", { headers: { "content-type": "text/plain" } }) : null;
    },
    async fetchFile(ref, ch) {
      try {
        const { body } = await callProvider("WhatsApp", `${baseUrl(ch.config, API)}/${ref}`, { headers: auth(ch) });
        const url = str(asRecord(body)?.url);
        return url ? download(url, auth(ch), MAX_ATTACHMENT_BYTES) : null;
      } catch {
        return null;
      }
    },
  },
  async send(out, ch) {
    let id = "";
    const q = out.quickReplies;
    if (q.length > 0 && q.length <= 3 && out.text.trim()) {
      const buttons = q.map((r) => ({ type: "reply", reply: { id: r.payload.slice(0, 256), title: r.label.slice(0, 20) } }));
      id = await post(ch, out.to, { type: "interactive", interactive: { type: "button", body: { text: out.text.slice(0, 1024) }, action: { buttons } } });
    } else if (out.text.trim() || q.length) {
      const options = q.length ? `\n\n${q.map((r, i) => `${i + 1}. ${r.label}`).join("\n")}` : "";
      id = await post(ch, out.to, { type: "text", text: { preview_url: false, body: `${out.text}${options}`.slice(0, 4096) } });
    }
    for (const f of out.files) {
      const media = (await uploadMedia(ch, f)) ?? null;
      const kind = f.type.startsWith("image/") ? "image" : "document";
      const ref = media ? { id: media } : f.link ? { link: f.link } : null;
      if (ref) await post(ch, out.to, { type: kind, [kind]: { ...ref, ...(kind === "document" ? { filename: f.name } : {}) } });
    }
    return { providerId: id || `${out.conversationId}:${out.seq}` };
  },
  async test(ch) {
    const { body } = await callProvider("WhatsApp", `${baseUrl(ch.config, API)}/${ch.config.phoneNumberId}?fields=display_phone_number,verified_name`, {
      headers: auth(ch),
    });
    const b = asRecord(body);
    return { ok: true, detail: `Connected to ${str(b?.verified_name) ?? "the number"} ${str(b?.display_phone_number) ?? ""}`.trim() + "." };
  },
};
