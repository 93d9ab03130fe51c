// Exporting a contact (data portability): the profile, every identity and every conversation with
// its whole history, as one JSON document.

import type { ContactProfile } from "../db/contact-records.ts";
import { listContactConversations } from "../db/conversations.ts";
import { conversationStub } from "../stubs.ts";
import { inChunks } from "./chunks.ts";

export async function exportContact(env: Env, contact: ContactProfile, now = Date.now()) {
  const summaries = await listContactConversations(env.DB, contact.id, 10_000);
  const conversations = await inChunks(summaries, async (summary) => {
    const detail = await conversationStub(env, summary.id).detail();
    return { ...summary, messages: detail?.messages ?? [] };
  });
  return { format: "parley.contact-export.v1", exportedAt: new Date(now).toISOString(), contact, conversations };
}
