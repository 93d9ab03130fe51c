// Typed access to the Durable Objects: one Conversation per conversation id, one Inbox per site.

import type { ConversationDO } from "./conversation/conversation-do.ts";
import type { InboxDO } from "./inbox/inbox-do.ts";

/** The Conversation Durable Object for a conversation id. */
export function conversationStub(env: Env, id: string) {
  const ns = env.CONVERSATION as DurableObjectNamespace<ConversationDO>;
  return ns.get(ns.idFromName(id));
}

/** The Inbox Durable Object of a site. */
export function inboxStub(env: Env, siteId: string) {
  const ns = env.INBOX as DurableObjectNamespace<InboxDO>;
  return ns.get(ns.idFromName(siteId));
}
