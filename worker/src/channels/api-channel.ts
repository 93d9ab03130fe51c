// The API channel, for custom integrations: messages come in as POSTs signed with Standard Webhooks
// (the channel's `whsec_` secret), replies go out as Standard Webhooks POSTs to the integration's URL.

import { Webhook } from "standardwebhooks";
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from "../../../protocol/src/frames.ts";
import { callProvider } from "./http.ts";
import { asRecord, e164, list, str } from "./payload.ts";
import type { ChannelAdapter, InboundFile, InboundIdentity, InboundParse } from "./types.ts";

const ID = /^[\w.:@+-]{1,128}$/;

function decodeBase64(data: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/**
 * `{ id, user: { id, name?, email?, phone?, verified? }, text?, payload?, locale?, conversationId?,
 * attachments?: [{ name, type, data (base64) }] }` → one message, or a refusal naming the field.
 */
export function parseApiMessage(body: unknown): InboundParse {
  const b = asRecord(body);
  const bad = (field: string, message: string): InboundParse => ({ ok: false, code: "invalid", message: `${field}: ${message}` });
  if (!b) return bad("body", "must be a JSON object");
  const id = str(b.id);
  if (!id || !ID.test(id)) return bad("id", "a message id of 1–128 letters, digits or . : @ + - _ is required");
  const user = asRecord(b.user);
  const userId = user && str(user.id);
  if (!userId || !ID.test(userId)) return bad("user.id", "the sender's id in your system is required");
  const text = typeof b.text === "string" ? b.text : "";
  const files: InboundFile[] = [];
  const attachments = list(b.attachments);
  if (attachments.length > MAX_ATTACHMENTS) return bad("attachments", `at most ${MAX_ATTACHMENTS} files`);
  for (const [i, a] of attachments.entries()) {
    const r = asRecord(a);
    const bytes = r && typeof r.data === "string" ? decodeBase64(r.data) : null;
    if (!r || !bytes) return bad(`attachments.${i}.data`, "must be base64");
    if (bytes.byteLength > MAX_ATTACHMENT_BYTES) return bad(`attachments.${i}`, "is larger than 10 MB");
    files.push({ name: str(r.name)?.slice(0, 255) ?? `file-${i + 1}`, type: str(r.type) ?? "application/octet-stream", bytes });
  }
  if (!text.trim() && !files.length) return bad("text", "a message needs text or attachments");
  // The integration signs the message, so its user id is vouched for; email/phone only when it says so.
  const vouched = user!.verified === true;
  const extra: InboundIdentity[] = [];
  const email = str(user!.email)?.trim().toLowerCase();
  if (email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 254) extra.push({ kind: "email", value: email, verified: vouched });
  const phone = e164(user!.phone);
  if (phone) extra.push({ kind: "phone", value: phone, verified: vouched });
  const conversationId = str(b.conversationId);
  return {
    ok: true,
    messages: [
      {
        providerId: id,
        address: userId,
        identity: { kind: "external", value: userId, verified: true },
        ...(extra.length ? { extraIdentities: extra } : {}),
        ...(str(user!.name) ? { name: str(user!.name)!.slice(0, 120) } : {}),
        text,
        ...(str(b.payload) ? { payload: str(b.payload)!.slice(0, 256) } : {}),
        files,
        ...(str(b.locale) ? { locale: str(b.locale)! } : {}),
        ...(conversationId ? { conversationId } : {}),
      },
    ],
  };
}

export const apiAdapter: ChannelAdapter = {
  kind: "api",
  inbound: {
    async verify(req, raw, ch) {
      if (!ch.secrets.secret) return false;
      try {
        new Webhook(ch.secrets.secret).verify(raw, {
          "webhook-id": req.headers.get("webhook-id") ?? "",
          "webhook-timestamp": req.headers.get("webhook-timestamp") ?? "",
          "webhook-signature": req.headers.get("webhook-signature") ?? "",
        });
        return true;
      } catch {
        return false;
      }
    },
    parse(raw) {
      try {
        return parseApiMessage(JSON.parse(raw));
      } catch {
        return { ok: false, code: "bad_json", message: "The body is not JSON." };
      }
    },
  },
  // Without an outbound URL the integration reads replies through the REST API.
  sends: (ch) => !!ch.config.outboundUrl,
  async send(out, ch) {
    const id = `out_${out.conversationId}_${out.seq}`;
    const body = JSON.stringify({
      type: "message.created",
      timestamp: new Date().toISOString(),
      data: {
        channelId: ch.id,
        conversationId: out.conversationId,
        to: { userId: out.to },
        message: {
          seq: out.seq,
          author: out.author,
          authorName: out.authorName,
          text: out.text,
          quickReplies: out.quickReplies,
          attachments: out.files.map((f) => ({ name: f.name, type: f.type, size: f.size, url: f.link })),
        },
      },
    });
    const now = new Date();
    const signature = new Webhook(ch.secrets.secret ?? "").sign(id, now, body);
    await callProvider("The integration", ch.config.outboundUrl ?? "", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "webhook-id": id,
        "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
        "webhook-signature": signature,
      },
      body,
    });
    return { providerId: id };
  },
  async test(ch, { env }) {
    if (!ch.config.outboundUrl) return { ok: true, detail: "Inbound only: no outbound URL is set." };
    const out = { conversationId: "test", seq: 0, to: "test", text: "Test message from Parley.", author: "bot" as const, authorName: null };
    await apiAdapter.send({ ...out, quickReplies: [], files: [], thread: {}, locale: "en", siteName: "" }, ch, env);
    return { ok: true, detail: `${ch.config.outboundUrl} accepted a signed test message.` };
  },
};
