// Data retention (the worker's `scheduled` handler): for every site with a retention period, delete the
// conversations that ended more than that many days ago — the Durable Object's storage, the files in
// R2, and every D1 row — a bounded number per run, so a large backlog is worked off run by run.

import { audit } from "../db/audit.ts";
import { deleteConversationRows, deleteOldWebhookDeliveries, expiredConversations, sitesWithRetention } from "../db/retention.ts";
import { conversationFiles } from "../contacts/erase.ts";
import { conversationStub } from "../stubs.ts";

/** Conversations deleted per run at most (each costs a handful of subrequests). */
export const PURGE_PER_RUN = 100;
const DAY_MS = 24 * 3600 * 1000;

/**
 * Deletes one conversation everywhere. Order matters for retries: the object first (it hands back
 * its attachments), then the files, then D1 — if a step fails, the D1 row is still there and the
 * next run repeats the whole (idempotent) deletion.
 */
export async function purgeConversation(env: Env, conversationId: string): Promise<{ files: number }> {
  const r = await conversationStub(env, conversationId).purge();
  const keys = await conversationFiles(env, conversationId, r?.attachments ?? []);
  for (let i = 0; i < keys.length; i += 1000) await env.FILES.delete(keys.slice(i, i + 1000));
  await deleteConversationRows(env.DB, conversationId);
  return { files: keys.length };
}

/** One retention run at `now`: returns what was deleted per site. */
export async function runRetention(env: Env, now = Date.now(), budget = PURGE_PER_RUN): Promise<{ siteId: string; conversations: number; files: number }[]> {
  const out: { siteId: string; conversations: number; files: number }[] = [];
  for (const site of await sitesWithRetention(env.DB)) {
    if (budget <= 0) break;
    const ids = await expiredConversations(env.DB, site.id, now - site.retentionDays * DAY_MS, budget);
    let conversations = 0;
    let files = 0;
    for (const id of ids) {
      try {
        files += (await purgeConversation(env, id)).files;
        conversations++;
      } catch (e) {
        console.error("retention: could not delete a conversation; the next run retries", id, e instanceof Error ? e.message : e);
      }
    }
    budget -= ids.length;
    // Webhook payloads carry message text too: the delivery log keeps the same period.
    const deliveries = await deleteOldWebhookDeliveries(env.DB, site.id, now - site.retentionDays * DAY_MS, 500);
    if (!conversations && !deliveries) continue;
    await audit(env.DB, {
      siteId: site.id,
      actorId: null,
      actorKind: "system",
      action: "retention.purge",
      detail: { conversations, files, webhookDeliveries: deliveries, retentionDays: site.retentionDays },
    });
    out.push({ siteId: site.id, conversations, files });
  }
  return out;
}
