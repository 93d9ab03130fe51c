// Erasure inside one Conversation Durable Object (a contact's right to be forgotten): the visitor's
// words are replaced, every attachment is dropped (the caller deletes the files), and the state
// forgets the visitor's device and page.

import type { Attachment } from "../../../protocol/src/types.ts";
import type { ConversationState } from "./lifecycle.ts";

/** What erased text reads as, in the history and in list previews. */
export const ERASED_TEXT = "[erased]";

/** Every attachment the message log holds (for deleting their files). */
export function messageAttachments(sql: SqlStorage): Attachment[] {
  const out: Attachment[] = [];
  for (const row of sql.exec<{ attachments: string }>("SELECT attachments FROM messages WHERE attachments IS NOT NULL").toArray()) {
    try {
      const list = JSON.parse(row.attachments) as unknown;
      if (Array.isArray(list)) out.push(...(list as Attachment[]));
    } catch {
      // A damaged column has nothing we can delete.
    }
  }
  return out;
}

/** Rewrites the message log; returns the attachments it held, so their files can be deleted. */
export function eraseMessages(sql: SqlStorage): Attachment[] {
  const out = messageAttachments(sql);
  sql.exec("UPDATE messages SET text = ?, author_name = NULL, author_avatar = NULL, quick_replies = NULL WHERE author = 'visitor'", ERASED_TEXT);
  sql.exec("UPDATE messages SET attachments = NULL WHERE attachments IS NOT NULL");
  return out;
}

/** The state without what identifies the visitor. */
export function erasedState(s: ConversationState, now: number): ConversationState {
  return {
    ...s,
    visitorId: null,
    pageUrl: null,
    pendingField: null,
    lastMessage: s.lastMessage && s.lastMessage.author === "visitor" ? { ...s.lastMessage, text: ERASED_TEXT } : s.lastMessage,
    updatedAt: now,
  };
}

/** The R2 key of an attachment's file, from its `/files/<key>` URL (relative or absolute). */
export function attachmentKeys(a: Attachment): string[] {
  const keys = new Set<string>();
  if (typeof a.url === "string") {
    try {
      const path = new URL(a.url, "https://files.invalid").pathname;
      if (path.startsWith("/files/") && path.length > 7) keys.add(decodeURIComponent(path.slice(7)));
    } catch {
      // not a URL: nothing to derive
    }
  }
  return [...keys];
}
