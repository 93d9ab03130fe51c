// Erasing a contact (right to be forgotten): every conversation is anonymised in its Durable Object,
// every attachment file is deleted from R2, then the D1 row keeps only its id. Conversations stay
// (anonymised) so reports still add up. Safe to retry: each step is idempotent.

import { deleteAttachmentsForConversation } from "../db/attachments.ts";
import { contactConversationIds, eraseContactRow } from "../db/contact-merge-erase.ts";
import { attachmentKeys, ERASED_TEXT } from "../conversation/privacy.ts";
import { conversationStub } from "../stubs.ts";
import { inChunks } from "./chunks.ts";

/** R2 objects of one conversation: the files its messages point at, and anything under `<conversationId>/`. */
export async function conversationFiles(env: Env, conversationId: string, attachments: Parameters<typeof attachmentKeys>[0][]): Promise<string[]> {
  const keys = new Set<string>();
  for (const key of new Set(attachments.flatMap(attachmentKeys))) if (await env.FILES.head(key)) keys.add(key);
  let cursor: string | undefined;
  do {
    const page = await env.FILES.list({ prefix: `${conversationId}/`, ...(cursor ? { cursor } : {}) });
    for (const o of page.objects) keys.add(o.key);
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return [...keys];
}

export async function eraseContact(env: Env, contactId: string, now = Date.now()): Promise<{ conversations: number; files: number }> {
  const ids = await contactConversationIds(env.DB, contactId);
  const deleted = await inChunks(ids, async (id) => {
    const r = await conversationStub(env, id).anonymise();
    const keys = await conversationFiles(env, id, r?.attachments ?? []);
    for (let i = 0; i < keys.length; i += 1000) await env.FILES.delete(keys.slice(i, i + 1000));
    await deleteAttachmentsForConversation(env.DB, id); // file names and types are the contact's data too
    return keys.length;
  });
  await eraseContactRow(env.DB, contactId, ERASED_TEXT, now);
  return { conversations: ids.length, files: deleted.reduce((a, b) => a + b, 0) };
}
