// Telegram (Bot API webhook): updates are verified by the secret token we registered with
// setWebhook (`X-Telegram-Bot-Api-Secret-Token`); replies go out through sendMessage / sendDocument.
// Quick replies become an inline keyboard whose button presses come back as callback queries.

import { MAX_ATTACHMENT_BYTES } from "../../../protocol/src/frames.ts";
import { timingSafeEqual } from "../lib/crypto.ts";
import { baseUrl, callProvider, download } from "./http.ts";
import { asRecord, MAX_ID, MAX_NAME, num, str } from "./payload.ts";
import type { ChannelAdapter, ChannelRecord, InboundFile, InboundIdentity, InboundMessage, InboundParse, OutboundMessage } from "./types.ts";

const API = "https://api.telegram.org";
const TEXT_LIMIT = 4096;

const api = (ch: ChannelRecord, method: string) => `${baseUrl(ch.config, API)}/bot${ch.secrets.botToken ?? ""}/${method}`;

/** Telegram's `language_code` (`zh-hans`, `en`) as one of our locales. */
function localeOf(code: string | undefined): string | undefined {
  if (!code) return undefined;
  const c = code.toLowerCase();
  if (c.startsWith("zh")) return c.includes("hant") || c.includes("tw") || c.includes("hk") ? "zh-TW" : "zh-CN";
  return c.split("-")[0];
}

function filesOf(m: Record<string, unknown>): InboundFile[] {
  const out: InboundFile[] = [];
  const photos = Array.isArray(m.photo) ? m.photo.map(asRecord).filter((p) => p && str(p.file_id)) : [];
  // Telegram sends every size of a photo: keep the largest we accept.
  const photo = photos.filter((p) => (num(p!.file_size) ?? 0) <= MAX_ATTACHMENT_BYTES).pop();
  if (photo) out.push({ name: `photo-${str(photo.file_unique_id) ?? "1"}.jpg`, type: "image/jpeg", ref: str(photo.file_id)! });
  for (const key of ["document", "video", "audio", "voice"] as const) {
    const f = asRecord(m[key]);
    const id = f && str(f.file_id);
    if (f && id)
      out.push({ name: str(f.file_name) ?? `${key}-${str(f.file_unique_id) ?? "1"}`, type: str(f.mime_type) ?? "application/octet-stream", ref: id });
  }
  return out;
}

/** One update → at most one message (a text/media message or a button press). */
export function parseTelegramUpdate(update: unknown): InboundParse {
  const u = asRecord(update);
  const updateId = u && num(u.update_id);
  if (!u || updateId === null) return { ok: false, code: "bad_payload", message: "Not a Telegram update." };
  const cb = asRecord(u.callback_query);
  const m = asRecord(u.message) ?? asRecord(cb?.message);
  const from = asRecord(cb ? cb.from : m?.from);
  const chat = asRecord(m?.chat);
  const chatId = chat && num(chat.id);
  const userId = from && num(from.id);
  // Edited messages, channel posts, member updates…: nothing for a conversation.
  if (!m || chatId === null || userId === null || from?.is_bot === true) return { ok: true, messages: [] };
  const name = ([str(from!.first_name), str(from!.last_name)].filter(Boolean).join(" ") || str(from!.username))?.slice(0, MAX_NAME);
  const identity: InboundIdentity = { kind: "telegram", value: String(userId), verified: true };
  const extra: InboundIdentity[] = [];
  const shared = asRecord(m.contact);
  // A contact card the user shared about themselves carries a phone number Telegram has checked.
  if (!cb && shared && num(shared.user_id) === userId && str(shared.phone_number)) {
    const phone = str(shared.phone_number)!.replace(/[^\d+]/g, "");
    extra.push({ kind: "phone", value: phone.startsWith("+") ? phone : `+${phone}`, verified: true });
  }
  const text = cb ? (str(cb.data) ?? "") : (str(m.text) ?? str(m.caption) ?? (shared ? `📇 ${str(shared.phone_number) ?? ""}` : ""));
  const msg: InboundMessage = {
    providerId: `u${updateId}`,
    address: String(chatId),
    identity,
    ...(extra.length ? { extraIdentities: extra } : {}),
    ...(name ? { name } : {}),
    text,
    ...(cb && str(cb.data) ? { payload: str(cb.data)!.slice(0, MAX_ID) } : {}),
    files: cb ? [] : filesOf(m),
  };
  const locale = localeOf(str(from!.language_code) ?? undefined);
  if (locale) msg.locale = locale;
  if (!msg.text.trim() && !msg.files.length) return { ok: true, messages: [] };
  return { ok: true, messages: [msg] };
}

async function sendFile(out: OutboundMessage, ch: ChannelRecord, f: OutboundMessage["files"][number]): Promise<void> {
  const image = f.type.startsWith("image/") && f.type !== "image/svg+xml";
  if (f.bytes) {
    const form = new FormData();
    form.set("chat_id", out.to);
    form.set(image ? "photo" : "document", new Blob([f.bytes], { type: f.type }), f.name);
    await callProvider("Telegram", api(ch, image ? "sendPhoto" : "sendDocument"), { method: "POST", body: form });
  } else if (f.link) {
    await callProvider("Telegram", api(ch, "sendDocument"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ chat_id: out.to, document: f.link, caption: f.name }),
    });
  }
}

export const telegramAdapter: ChannelAdapter = {
  kind: "telegram",
  inbound: {
    async verify(req, _raw, ch) {
      const token = req.headers.get("x-telegram-bot-api-secret-token");
      return !!token && !!ch.secrets.webhookSecret && timingSafeEqual(token, ch.secrets.webhookSecret);
    },
    parse(raw) {
      try {
        return parseTelegramUpdate(JSON.parse(raw));
      } catch {
        return { ok: false, code: "bad_json", message: "The body is not JSON." };
      }
    },
    async afterStore(raw, ch) {
      // A pressed inline button spins in the user's app until the press is answered.
      let id: string | null = null;
      try {
        id = str(asRecord(asRecord(JSON.parse(raw))?.callback_query)?.id);
      } catch {
        return;
      }
      if (!id) return;
      await callProvider("Telegram", api(ch, "answerCallbackQuery"), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ callback_query_id: id }),
      }).catch(() => undefined);
    },
    async fetchFile(ref, ch) {
      try {
        const { body } = await callProvider("Telegram", api(ch, "getFile"), {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ file_id: ref }),
        });
        const path = str(asRecord(asRecord(body)?.result)?.file_path);
        return path ? download(`${baseUrl(ch.config, API)}/file/bot${ch.secrets.botToken ?? ""}/${path}`, {}, MAX_ATTACHMENT_BYTES) : null;
      } catch {
        return null;
      }
    },
  },
  async send(out, ch) {
    const keyboard = out.quickReplies.length
      ? { reply_markup: { inline_keyboard: out.quickReplies.map((q) => [{ text: q.label, callback_data: q.payload.slice(0, 64) }]) } }
      : {};
    let id = "";
    if (out.text.trim()) {
      const { body } = await callProvider("Telegram", api(ch, "sendMessage"), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ chat_id: out.to, text: out.text.slice(0, TEXT_LIMIT), ...keyboard }),
      });
      id = String(num(asRecord(asRecord(body)?.result)?.message_id) ?? "");
    }
    for (const f of out.files) await sendFile(out, ch, f);
    return { providerId: id || `${out.conversationId}:${out.seq}` };
  },
  async test(ch) {
    const { body } = await callProvider("Telegram", api(ch, "getMe"), { method: "POST" });
    const me = asRecord(asRecord(body)?.result);
    return { ok: true, detail: `Connected to the bot @${str(me?.username) ?? "?"}.` };
  },
  async connect(ch, url) {
    await callProvider("Telegram", api(ch, "setWebhook"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ url, secret_token: ch.secrets.webhookSecret, allowed_updates: ["message", "callback_query"] }),
    });
    return { ok: true, detail: `Telegram now sends the bot's messages to ${url}.` };
  },
};
