// What the Conversation object needs from the channels, kept out of it: whether the web visitor is
// still there (an open socket), and the outbox entry for a reply to deliver elsewhere.

import type { ChatMessage } from "../../../protocol/src/types.ts";
import type { ConversationState } from "../conversation/lifecycle.ts";
import type { OutboundItem } from "./outbound.ts";

/** True while a visitor socket is open (a hibernated socket still counts: the visitor is there). */
export function visitorPresent(ctx: DurableObjectState): boolean {
  return ctx.getWebSockets("visitor").some((ws) => ws.readyState === WebSocket.READY_STATE_OPEN);
}

/** The outbox entry that delivers `message` on the customer's channel. */
export function outboundItemOf(s: ConversationState, message: ChatMessage, now: number): OutboundItem {
  return {
    conversationId: s.id,
    siteId: s.siteId,
    contactId: s.contactId,
    channel: s.channel,
    locale: s.locale,
    message: {
      seq: message.seq,
      id: message.id,
      author: message.author,
      text: message.text,
      createdAt: message.createdAt,
      ...(message.authorName ? { authorName: message.authorName } : {}),
      ...(message.quickReplies?.length ? { quickReplies: message.quickReplies } : {}),
      ...(message.attachments?.length ? { attachments: message.attachments } : {}),
    },
    queuedAt: now,
  };
}
