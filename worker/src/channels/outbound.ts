// Delivers a public agent or bot message on the customer's channel. Called by the Conversation
// object's outbox (so a failed delivery is retried with backoff): a conversation answered on a
// channel goes there; a web conversation whose visitor has gone continues by email when the contact
// left an address (contacts.email or an email identity, however it got there).

import type { ChatMessage, Channel } from "../../../protocol/src/types.ts";
import { getRoute, logChannelMessage, setRoute, type ConversationRoute } from "../db/channel-log.ts";
import { firstEnabledChannel, markChannelTraffic } from "../db/channels.ts";
import { contactEmail } from "../db/identities.ts";
import { getSite } from "../db/sites.ts";
import { outboundFiles } from "./files.ts";
import { loadChannel, openChannel } from "./records.ts";
import { ADAPTERS } from "./registry.ts";
import { DeliveryError, type ChannelRecord } from "./types.ts";

/** How long a reply keeps being retried before the agent is told it could not be delivered. */
export const OUTBOUND_GIVE_UP_MS = 24 * 3600_000;

/** An outbox entry `out:<seq>`: one message to deliver. */
export interface OutboundItem {
  conversationId: string;
  siteId: string;
  contactId: string;
  /** The channel the conversation started on. */
  channel: Channel;
  locale: string;
  message: Pick<ChatMessage, "seq" | "id" | "author" | "authorName" | "text" | "quickReplies" | "attachments" | "createdAt">;
  queuedAt: number;
}

/** What happened, and a private note for agents when they should know (a switch to email, a failure). */
export interface OutboundResult {
  status: "sent" | "skipped" | "failed";
  note?: string;
}

/** The route a reply takes: the conversation's own, or for a web conversation, email to the contact. */
async function routeFor(
  env: Env,
  item: OutboundItem,
): Promise<{ route: ConversationRoute; channel: ChannelRecord; switched: boolean } | "removed" | { noEmailChannel: string } | null> {
  const route = await getRoute(env.DB, item.conversationId);
  const channel = route ? await loadChannel(env, route.channelId) : null;
  if (route && channel) return { route, channel, switched: false };
  if (item.channel !== "web") return route ? "removed" : null;
  const [row, email] = await Promise.all([firstEnabledChannel(env.DB, item.siteId, "email"), contactEmail(env.DB, item.contactId)]);
  if (!email) return null;
  if (!row) return { noEmailChannel: email.email };
  const fresh = { conversationId: item.conversationId, siteId: item.siteId, channelId: row.id, kind: row.kind, address: email.email, thread: {} };
  return { route: { ...fresh, updatedAt: Date.now() }, channel: await openChannel(env, row), switched: true };
}

function failureNote(kind: string, to: string, e: unknown): string {
  return `Not delivered by ${kind} to ${to}: ${e instanceof Error ? e.message : String(e)}`;
}

/**
 * Delivers one item. Throws when the provider should be tried again later (the outbox retries with
 * backoff); returns `failed` with a note once it is hopeless (refused, disabled, or 24 h of retries).
 */
export async function deliverOutboundItem(env: Env, item: OutboundItem, now = Date.now()): Promise<OutboundResult> {
  const found = await routeFor(env, item);
  if (found === "removed") return { status: "failed", note: "Not delivered: the channel this conversation came in on has been removed." };
  if (!found) return { status: "skipped" };
  if ("noEmailChannel" in found) {
    // Said once per conversation: the reply waits in the chat, which the visitor may never reopen.
    const first = await logChannelMessage(
      env.DB,
      {
        channelId: "none",
        direction: "out",
        providerId: `no-email:${item.conversationId}`,
        siteId: item.siteId,
        conversationId: item.conversationId,
        seq: item.message.seq,
        kind: "email",
        address: found.noEmailChannel,
        status: "failed",
        error: "no email channel",
      },
      now,
    );
    return first
      ? {
          status: "failed",
          note: `The visitor has left; this reply waits in the chat. To answer by email (${found.noEmailChannel}), connect an email channel under Settings › Channels.`,
        }
      : { status: "skipped" };
  }
  const { route, channel, switched } = found;
  const log = (status: "ok" | "failed", providerId: string, error?: string) =>
    logChannelMessage(
      env.DB,
      {
        channelId: channel.id,
        direction: "out",
        providerId,
        siteId: item.siteId,
        conversationId: item.conversationId,
        seq: item.message.seq,
        kind: channel.kind,
        address: route.address,
        status,
        error: error ?? null,
      },
      now,
    );
  if (!channel.enabled) {
    await log("failed", `${item.conversationId}:${item.message.seq}`, "channel disabled");
    return { status: "failed", note: `Not delivered by ${channel.kind}: the channel "${channel.name}" is disabled.` };
  }
  if (ADAPTERS[channel.kind].sends?.(channel) === false) return { status: "skipped" };
  const site = await getSite(env.DB, item.siteId);
  try {
    const files = await outboundFiles(env, item.message.attachments ?? [], channel.config.publicOrigin);
    const sent = await ADAPTERS[channel.kind].send(
      {
        conversationId: item.conversationId,
        seq: item.message.seq,
        to: route.address,
        text: item.message.text,
        author: item.message.author === "agent" ? "agent" : "bot",
        authorName: item.message.authorName ?? null,
        quickReplies: item.message.quickReplies ?? [],
        files,
        thread: route.thread,
        locale: item.locale,
        siteName: site?.name ?? "",
      },
      channel,
      env,
    );
    await log("ok", sent.providerId);
    await markChannelTraffic(env.DB, channel.id, "out", null, now);
    if (channel.kind === "email") {
      // Later replies thread under this one.
      const references = [...(route.thread.references ?? []), sent.providerId].slice(-20);
      await setRoute(env.DB, { ...route, thread: { ...route.thread, references } }, now);
    }
    return switched
      ? { status: "sent", note: `The visitor has left the chat: this reply and the next ones go by email to ${route.address}.` }
      : { status: "sent" };
  } catch (e) {
    const permanent = e instanceof DeliveryError ? e.permanent : false;
    if (!permanent && now - item.queuedAt < OUTBOUND_GIVE_UP_MS) throw e;
    await log("failed", `${item.conversationId}:${item.message.seq}`, e instanceof Error ? e.message : String(e));
    await markChannelTraffic(env.DB, channel.id, "out", e instanceof Error ? e.message : String(e), now);
    return { status: "failed", note: failureNote(channel.kind, route.address, e) };
  }
}
