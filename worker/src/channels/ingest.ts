// The common inbound path of every channel: drop a redelivery, find the contact (one contact across
// channels), continue its open conversation or start one, keep the files, and hand the message to the
// Conversation object exactly like a web visitor's (so triage runs on every channel). Records where
// the conversation is now answered.

import { MAX_ATTACHMENTS, MAX_ATTACHMENT_BYTES, MAX_TEXT_LENGTH } from "../../../protocol/src/frames.ts";
import type { Attachment } from "../../../protocol/src/types.ts";
import { countContactConversations, findContinuableConversation, findInbound, getRoute, logChannelMessage, setRoute } from "../db/channel-log.ts";
import { markChannelTraffic } from "../db/channels.ts";
import { getConversationSummary } from "../db/conversations.ts";
import { newId } from "../lib/ids.ts";
import { conversationStub } from "../stubs.ts";
import { detectLanguage } from "../triage/text.ts";
import { fileLimitNote, storeInboundFile } from "./files.ts";
import { resolveContact } from "./identity.ts";
import type { ChannelRecord, InboundMessage } from "./types.ts";

/** A message to a contact whose conversation was resolved less than this long ago reopens it. */
export const REOPEN_MS = 3 * 24 * 3600_000;
const BASE32 = "0123456789abcdefghjkmnpqrstvwxyz";

export interface IngestResult {
  conversationId: string;
  seq: number | null;
  duplicate: boolean;
  created: boolean;
}

export type FileFetcher = (ref: string) => Promise<{ bytes: Uint8Array; type: string } | null>;

/**
 * The id of the contact's n-th conversation. Deterministic, so two first messages of a new contact
 * arriving at once (a photo album, a burst of texts) land in one conversation, not two.
 */
async function conversationIdFor(contactId: string, n: number): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`conversation:${contactId}:${n}`)));
  let out = "";
  for (let i = 0; i < 26; i++) out += BASE32[digest[i]! & 31];
  return `c_${out}`;
}

function localeFor(m: InboundMessage): string {
  if (m.locale && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(m.locale)) return m.locale;
  return detectLanguage(m.text) === "zh" ? "zh-CN" : "en";
}

async function keepFiles(
  env: Env,
  at: { siteId: string; conversationId: string; kind: string },
  m: InboundMessage,
  fetchFile: FileFetcher | undefined,
  now: number,
) {
  const attachments: Attachment[] = [];
  const skipped: Parameters<typeof fileLimitNote>[0] = [];
  for (const f of m.files) {
    if (attachments.length >= MAX_ATTACHMENTS) {
      skipped.push({ name: f.name, reason: "too_many" });
      continue;
    }
    const got = "bytes" in f ? { bytes: f.bytes, type: f.type } : fetchFile ? await fetchFile(f.ref) : null;
    if (!got || got.bytes.byteLength === 0) skipped.push({ name: f.name, reason: "unavailable" });
    else if (got.bytes.byteLength > MAX_ATTACHMENT_BYTES) skipped.push({ name: f.name, reason: "too_large" });
    else attachments.push(await storeInboundFile(env, at, { name: f.name, type: f.type || got.type, bytes: got.bytes }, now));
  }
  return { attachments, note: fileLimitNote(skipped) };
}

/** Text within the message limit; a longer text is cut, its whole is kept as a file when there is room. */
async function fitText(
  env: Env,
  at: { siteId: string; conversationId: string; kind: string },
  text: string,
  attachments: Attachment[],
  now: number,
): Promise<string> {
  if (text.length <= MAX_TEXT_LENGTH) return text;
  const marker = "\n\n[… shortened; the whole message is attached as message.txt]";
  if (attachments.length < MAX_ATTACHMENTS)
    attachments.push(await storeInboundFile(env, at, { name: "message.txt", type: "text/plain", bytes: new TextEncoder().encode(text) }, now));
  return text.slice(0, MAX_TEXT_LENGTH - marker.length) + marker;
}

/** Chooses (or starts) the conversation the message goes to. */
async function conversationFor(env: Env, ch: ChannelRecord, m: InboundMessage, now: number): Promise<{ id: string; contactId: string; created: boolean }> {
  const pinned = m.conversationId ? await getConversationSummary(env.DB, m.conversationId) : null;
  const usable = pinned && pinned.siteId === ch.siteId && pinned.status !== "closed" ? pinned : null;
  const contactId = await resolveContact(env, ch.siteId, m, usable?.contactId ?? null, now);
  if (usable) return { id: usable.id, contactId, created: false };
  const open = await findContinuableConversation(env.DB, ch.siteId, contactId, now, REOPEN_MS);
  if (open) return { id: open.id, contactId, created: false };
  let id = await conversationIdFor(contactId, await countContactConversations(env.DB, contactId));
  const init = { siteId: ch.siteId, contactId, visitorId: null, channel: ch.kind, locale: localeFor(m) };
  const view = await conversationStub(env, id).create({ id, ...init });
  // That id already names an earlier, finished conversation (the index had not caught up): start afresh.
  if (view.status === "resolved" || view.status === "closed") {
    id = newId("c", now);
    await conversationStub(env, id).create({ id, ...init });
  }
  return { id, contactId, created: true };
}

/** Stores one inbound message (once, however often the provider delivers it). */
export async function ingest(env: Env, ch: ChannelRecord, m: InboundMessage, fetchFile?: FileFetcher, now = Date.now()): Promise<IngestResult> {
  const seen = await findInbound(env.DB, ch.id, m.providerId);
  if (seen) return { ...seen, duplicate: true, created: false };
  const target = await conversationFor(env, ch, m, now);
  const at = { siteId: ch.siteId, conversationId: target.id, kind: ch.kind };
  const { attachments, note } = await keepFiles(env, at, m, fetchFile, now);
  const subject = target.created && m.thread?.subject ? `Subject: ${m.thread.subject}\n\n` : "";
  const text = await fitText(env, at, `${subject}${m.text}${note}`.trim() || (attachments.length ? "" : "(empty message)"), attachments, now);
  // Replies go where the customer is now: set before the message, so the bot's answer to it already goes there.
  const before = await getRoute(env.DB, target.id);
  const sameThread = before?.channelId === ch.id && before.address === m.address;
  const references = [...(sameThread ? (before.thread.references ?? []) : []), ...(m.thread?.messageId ? [m.thread.messageId] : [])].slice(-20);
  const subjectLine = (sameThread ? before.thread.subject : undefined) ?? m.thread?.subject;
  await setRoute(
    env.DB,
    {
      conversationId: target.id,
      siteId: ch.siteId,
      channelId: ch.id,
      kind: ch.kind,
      address: m.address,
      thread: { ...(subjectLine ? { subject: subjectLine } : {}), ...(references.length ? { references } : {}) },
    },
    now,
  );
  const r = await conversationStub(env, target.id).postVisitorMessage({
    clientId: `ch:${ch.id}:${m.providerId}`,
    text,
    ...(m.payload ? { payload: m.payload } : {}),
    ...(attachments.length ? { attachments } : {}),
    channel: ch.kind,
  });
  if (!r.ok) throw new Error(`the conversation refused the message: ${r.code} ${r.message}`);
  await logChannelMessage(
    env.DB,
    {
      channelId: ch.id,
      direction: "in",
      providerId: m.providerId,
      siteId: ch.siteId,
      conversationId: target.id,
      seq: r.message.seq,
      kind: ch.kind,
      address: m.address,
      status: "ok",
    },
    now,
  );
  await markChannelTraffic(env.DB, ch.id, "in", null, now);
  return { conversationId: target.id, seq: r.message.seq, duplicate: r.duplicate, created: target.created };
}
