// The email channel's outbound half: a reply becomes a mail from the site's address, with a signed
// per-conversation Reply-To so the customer's answer lands in the same conversation, threaded under
// the previous mail, sent through the `send_email` binding and kept (as .eml) with the conversation.
// The inbound half is the worker's email() handler (inbound.ts).

import { EmailMessage } from "cloudflare:email";
import { DeliveryError, type ChannelAdapter, type OutboundMessage } from "../types.ts";
import { composeEmail } from "./compose.ts";
import { replyAddress } from "./reply-address.ts";

const WORDS = {
  en: { subject: (site: string) => `Your conversation with ${site}`, reply: "Reply to this email to continue the conversation.", files: "Files" },
  "zh-CN": { subject: (site: string) => `您与${site}的对话`, reply: "直接回复此邮件即可继续对话。", files: "附件" },
  "zh-TW": { subject: (site: string) => `您與${site}的對話`, reply: "直接回覆此郵件即可繼續對話。", files: "附件" },
} as const;

function words(locale: string) {
  return locale === "zh-TW" || locale === "zh-HK" ? WORDS["zh-TW"] : locale.startsWith("zh") ? WORDS["zh-CN"] : WORDS.en;
}

/** `Re: <subject>` once (also for Chinese clients' 回复/答复 prefixes). */
export function replySubject(subject: string | undefined, locale: string, siteName: string): string {
  if (!subject) return words(locale).subject(siteName || "us");
  return /^\s*(re|aw|回复|答复|回覆)\s*[:：]/i.test(subject) ? subject : `Re: ${subject}`;
}

/** The mail's text: the reply, its options and links, a signature and how to answer. */
export function replyText(out: OutboundMessage): string {
  const w = words(out.locale);
  const parts = [out.text.trim()];
  if (out.quickReplies.length) parts.push(out.quickReplies.map((q) => `• ${q.label}`).join("\n"));
  const links = out.files.filter((f) => !f.bytes && f.link);
  if (links.length) parts.push(`${w.files}:\n${links.map((f) => `${f.name}: ${f.link}`).join("\n")}`);
  const who = [out.authorName, out.siteName].filter(Boolean).join(" · ");
  parts.push(`${who ? `— ${who}\n` : ""}${w.reply}`);
  return parts.filter(Boolean).join("\n\n");
}

export const emailAdapter: ChannelAdapter = {
  kind: "email",
  async send(out, ch, env) {
    const address = ch.address ?? "";
    const domain = address.split("@")[1] ?? "parley.invalid";
    const messageId = `<${out.conversationId}.${out.seq}@${domain}>`;
    const raw = composeEmail({
      from: { name: ch.config.fromName || out.siteName || address, addr: address },
      to: out.to,
      replyTo: await replyAddress(env.PARLEY_SECRET, address, out.conversationId),
      subject: replySubject(out.thread.subject, out.locale, out.siteName),
      messageId,
      references: out.thread.references ?? [],
      text: replyText(out),
      files: out.files,
      automated: out.author === "bot",
    });
    let sentId = messageId;
    try {
      // Cloudflare assigns the Message-ID it really sends with; threading must use that one.
      const result = await env.EMAIL.send(new EmailMessage(address, out.to, raw));
      if (result?.messageId) sentId = result.messageId.startsWith("<") ? result.messageId : `<${result.messageId}>`;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      // Refusals of the address itself will not get better by retrying.
      throw new DeliveryError(`Email sending failed: ${message}`, /not (verified|allowed)|invalid|unknown recipient|rejected/i.test(message));
    }
    // What was sent stays with the conversation (and goes when the contact is erased).
    const kept = raw.replace(/^Message-ID: .*$/im, `Message-ID: ${sentId}`);
    await env.FILES.put(`${out.conversationId}/mail/${out.seq}.eml`, kept, { httpMetadata: { contentType: "message/rfc822" } });
    return { providerId: sentId };
  },
  async test(ch, { userEmail, env }) {
    const address = ch.address ?? "";
    const raw = composeEmail({
      from: { name: ch.config.fromName || address, addr: address },
      to: userEmail,
      replyTo: address,
      subject: "Parley: test message from your email channel",
      messageId: `<test.${Date.now()}@${address.split("@")[1] ?? "parley.invalid"}>`,
      references: [],
      text: `This is a test message from the email channel ${address}. Replies to your customers are sent like this one.`,
      files: [],
      automated: true,
    });
    try {
      await env.EMAIL.send(new EmailMessage(address, userEmail, raw));
    } catch (e) {
      return { ok: false, detail: `Sending a test message to ${userEmail} failed: ${e instanceof Error ? e.message : String(e)}` };
    }
    return { ok: true, detail: `A test message was sent from ${address} to ${userEmail}.` };
  },
};
