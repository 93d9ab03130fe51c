// Provider webhooks (/channels/<kind>/<channelId>): Telegram, WhatsApp (with its GET verify
// challenge), SMS (Twilio) and the API channel. The signature is checked over the raw body before
// anything else: a bad one is a 401 and nothing is stored. Each message is stored once (ingest).

import { Hono, type Context } from "hono";
import { ingest, type IngestResult } from "../channels/ingest.ts";
import { loadChannel } from "../channels/records.ts";
import { ADAPTERS } from "../channels/registry.ts";
import { CHANNEL_KINDS, type ChannelKind, type ChannelRecord } from "../channels/types.ts";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors.ts";

export const channelWebhookRoutes = new Hono<AppEnv>();

/** Provider payloads are small; anything bigger is not a webhook we know. */
const MAX_BODY_BYTES = 1024 * 1024;

async function channelFor(c: Context<AppEnv>): Promise<ChannelRecord> {
  const kind = c.req.param("kind") as ChannelKind;
  if (!CHANNEL_KINDS.includes(kind) || !ADAPTERS[kind].inbound) throw new AppError(404, "not_found", "No such channel.");
  const ch = await loadChannel(c.env, c.req.param("id") ?? "");
  if (!ch || ch.kind !== kind) throw new AppError(404, "not_found", "No such channel.");
  if (!ch.enabled) throw new AppError(403, "channel_disabled", "This channel is disabled.");
  return ch;
}

async function rawBody(req: Request): Promise<Uint8Array> {
  if (Number(req.headers.get("content-length") ?? "0") > MAX_BODY_BYTES) throw new AppError(413, "too_large", "The body is too large.");
  const bytes = new Uint8Array(await req.arrayBuffer());
  if (bytes.byteLength > MAX_BODY_BYTES) throw new AppError(413, "too_large", "The body is too large.");
  return bytes;
}

/** WhatsApp's subscription handshake: echo `hub.challenge` when `hub.verify_token` is ours. */
channelWebhookRoutes.get("/:kind/:id", async (c) => {
  const ch = await channelFor(c);
  const answer = ADAPTERS[ch.kind].inbound?.challenge?.(new URL(c.req.url), ch) ?? null;
  if (!answer) throw new AppError(403, "bad_verify_token", "The verify token does not match.");
  return answer;
});

channelWebhookRoutes.post("/:kind/:id", async (c) => {
  const ch = await channelFor(c);
  const inbound = ADAPTERS[ch.kind].inbound!;
  const bytes = await rawBody(c.req.raw);
  const raw = new TextDecoder().decode(bytes);
  if (!(await inbound.verify(c.req.raw, raw, ch, bytes))) throw new AppError(401, "bad_signature", "The signature of this request does not match.");
  const parsed = inbound.parse(raw, c.req.raw, ch);
  if (!parsed.ok) throw new AppError(400, parsed.code, parsed.message);
  const stored: IngestResult[] = [];
  const fetchFile = inbound.fetchFile ? (ref: string) => inbound.fetchFile!(ref, ch) : undefined;
  for (const m of parsed.messages) stored.push(await ingest(c.env, ch, m, fetchFile));
  await inbound.afterStore?.(raw, ch);
  if (inbound.answer) return inbound.answer();
  return c.json({ ok: true, messages: stored.map((s) => ({ conversationId: s.conversationId, seq: s.seq, duplicate: s.duplicate })) });
});
