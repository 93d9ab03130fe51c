// The worker's email() handler (Cloudflare Email Routing): routes by recipient — a site's address, or
// a signed per-conversation reply address — never by a header the sender controls; drops
// auto-replies and bounces; parses with postal-mime; keeps the new text (quotes and signatures cut)
// and the attachments; then stores the message like any channel's (ingest).

import PostalMime, { type Email } from "postal-mime";
import { findChannelByAddress } from "../../db/channels.ts";
import { getConversationSummary } from "../../db/conversations.ts";
import { contactEmail } from "../../db/identities.ts";
import { ingest } from "../ingest.ts";
import { openChannel } from "../records.ts";
import type { InboundFile, InboundMessage } from "../types.ts";
import { automatedReason } from "./automated.ts";
import { splitAddress, verifyReplyTag } from "./reply-address.ts";
import { htmlToText, visibleText } from "./visible-text.ts";

/** Mail larger than this is refused (Email Routing itself accepts up to 25 MiB). */
export const MAX_EMAIL_BYTES = 25 * 1024 * 1024;
/** Inline images smaller than this are logos and signature art, not files the customer sent. */
const INLINE_MIN_BYTES = 10 * 1024;

/** What the handler did with a message (returned for tests and logs). */
export type EmailOutcome =
  | { result: "stored"; conversationId: string; seq: number | null; duplicate: boolean }
  | { result: "dropped"; reason: string }
  | { result: "rejected"; reason: string };

const lower = (a: string | undefined) => a?.trim().toLowerCase() ?? "";

function filesOf(email: Email): InboundFile[] {
  const out: InboundFile[] = [];
  for (const a of email.attachments) {
    const bytes = typeof a.content === "string" ? new TextEncoder().encode(a.content) : new Uint8Array(a.content);
    if (a.disposition === "inline" && (bytes.byteLength < INLINE_MIN_BYTES || !a.mimeType.startsWith("image/"))) continue;
    out.push({ name: a.filename ?? `attachment.${a.mimeType.split("/")[1] ?? "bin"}`, type: a.mimeType, bytes });
  }
  return out;
}

/** The message id a redelivery of the same mail repeats: its Message-ID, else a hash of the raw bytes. */
async function providerIdOf(email: Email, raw: ArrayBuffer): Promise<string> {
  if (email.messageId && email.messageId.length <= 250) return email.messageId;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", raw));
  return `sha256:${Array.from(digest.subarray(0, 16), (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** Handles one delivered mail. Never throws for bad mail: it is dropped or rejected. */
export async function receiveEmail(message: ForwardableEmailMessage, env: Env): Promise<EmailOutcome> {
  const { base, tag } = splitAddress(message.to);
  const row = await findChannelByAddress(env.DB, "email", base);
  if (!row || !row.enabled) {
    message.setReject("There is no mailbox at this address.");
    return { result: "rejected", reason: "unknown address" };
  }
  if (message.rawSize > MAX_EMAIL_BYTES) {
    message.setReject("The message is too large.");
    return { result: "rejected", reason: "too large" };
  }
  const early = automatedReason(message.headers, message.from, message.headers.get("subject") ?? "");
  if (early) return { result: "dropped", reason: early };
  const raw = await new Response(message.raw).arrayBuffer();
  let email: Email;
  try {
    email = await PostalMime.parse(raw);
  } catch {
    return { result: "dropped", reason: "unreadable" };
  }
  const from = lower(email.from?.address) || lower(message.from);
  if (!from.includes("@")) return { result: "dropped", reason: "no sender" };
  const ch = await openChannel(env, row);
  // The signed reply address decides the conversation; an invalid or expired one routes like the plain address.
  const token = tag ? await verifyReplyTag(env.PARLEY_SECRET, tag) : null;
  const conversationId = token && "conversationId" in token ? token.conversationId : undefined;
  let verified = false;
  if (conversationId) {
    const summary = await getConversationSummary(env.DB, conversationId);
    // We mailed this conversation's contact at that address; an answer from it proves the address is theirs.
    const sentTo = summary && summary.siteId === ch.siteId ? await contactEmail(env.DB, summary.contactId) : null;
    verified = sentTo?.email.toLowerCase() === from;
  }
  const body = email.text?.trim() ? email.text : email.html ? htmlToText(email.html) : "";
  const inbound: InboundMessage = {
    providerId: await providerIdOf(email, raw),
    address: from,
    identity: { kind: "email", value: from, verified },
    ...(email.from?.name ? { name: email.from.name.slice(0, 120) } : {}),
    text: visibleText(body),
    files: filesOf(email),
    ...(conversationId ? { conversationId } : {}),
    thread: {
      ...(email.subject ? { subject: email.subject.slice(0, 300) } : {}),
      ...(email.messageId ? { messageId: email.messageId } : {}),
    },
  };
  const stored = await ingest(env, ch, inbound);
  return { result: "stored", conversationId: stored.conversationId, seq: stored.seq, duplicate: stored.duplicate };
}

/** The email() entry point of the worker. */
export async function handleEmail(message: ForwardableEmailMessage, env: Env): Promise<void> {
  const outcome = await receiveEmail(message, env);
  if (outcome.result !== "stored") console.log("email not stored", message.to, outcome.reason);
}
