// The SQL of data retention: which sites keep data for a limited time, which of their conversations
// have expired, and deleting a conversation's rows everywhere in D1 in one transaction.

/** Sites with a retention period, and that period in days. */
export async function sitesWithRetention(db: D1Database): Promise<{ id: string; retentionDays: number }[]> {
  const { results } = await db
    .prepare("SELECT id, retention_days FROM sites WHERE retention_days IS NOT NULL AND retention_days > 0 ORDER BY id")
    .all<{ id: string; retention_days: number }>();
  return results.map((r) => ({ id: r.id, retentionDays: r.retention_days }));
}

/** Conversations of a site that ended (resolved or closed) and have not changed since `before`, oldest first. */
export async function expiredConversations(db: D1Database, siteId: string, before: number, limit: number): Promise<string[]> {
  const { results } = await db
    .prepare("SELECT id FROM conversations WHERE site_id = ? AND status IN ('resolved', 'closed') AND updated_at < ? ORDER BY updated_at LIMIT ?")
    .bind(siteId, before, limit)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

/**
 * Deletes a conversation's rows: attachments, satisfaction answers, search index, continue-by-email,
 * the channel log and route (email threading, chat ids), and the conversation itself. One
 * transaction; deleting what is already gone is harmless.
 */
export async function deleteConversationRows(db: D1Database, conversationId: string): Promise<void> {
  await db.batch(
    [
      "DELETE FROM attachments WHERE conversation_id = ?",
      "DELETE FROM csat_responses WHERE conversation_id = ?",
      "DELETE FROM message_index WHERE conversation_id = ?",
      "DELETE FROM continue_by_email WHERE conversation_id = ?",
      "DELETE FROM channel_messages WHERE conversation_id = ?",
      "DELETE FROM conversation_routes WHERE conversation_id = ?",
      "DELETE FROM conversations WHERE id = ?",
    ].map((sql) => db.prepare(sql).bind(conversationId)),
  );
}

/**
 * Deletes a site's finished webhook deliveries older than `before` (their payloads carry message
 * text), with their attempts; at most `limit` per call. Returns how many went.
 */
export async function deleteOldWebhookDeliveries(db: D1Database, siteId: string, before: number, limit: number): Promise<number> {
  const { results } = await db
    .prepare("SELECT id FROM webhook_deliveries WHERE site_id = ? AND status != 'pending' AND created_at < ? LIMIT ?")
    .bind(siteId, before, limit)
    .all<{ id: string }>();
  if (!results.length) return 0;
  const ids = results.map((r) => r.id);
  const marks = ids.map(() => "?").join(", ");
  await db.batch([
    db.prepare(`DELETE FROM webhook_attempts WHERE delivery_id IN (${marks})`).bind(...ids),
    db.prepare(`DELETE FROM webhook_deliveries WHERE id IN (${marks})`).bind(...ids),
  ]);
  return ids.length;
}
