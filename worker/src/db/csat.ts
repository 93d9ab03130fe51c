// Satisfaction (CSAT) answers: one row per resolution of a conversation, plus the latest rating on
// the conversation's index row. Reports read this table; csat.submitted webhooks carry a row.

export interface CsatResponse {
  conversationId: string;
  /** Which resolution the answer is about (a conversation may be reopened and resolved again). */
  resolvedAt: number;
  siteId: string;
  contactId: string;
  agentId: string | null;
  team: string | null;
  channel: string;
  rating: number;
  comment: string | null;
  createdAt: number;
}

interface Row {
  conversation_id: string;
  resolved_at: number;
  site_id: string;
  contact_id: string;
  agent_id: string | null;
  team: string | null;
  channel: string;
  rating: number;
  comment: string | null;
  created_at: number;
}

function toResponse(r: Row): CsatResponse {
  return {
    conversationId: r.conversation_id,
    resolvedAt: r.resolved_at,
    siteId: r.site_id,
    contactId: r.contact_id,
    agentId: r.agent_id,
    team: r.team,
    channel: r.channel,
    rating: r.rating,
    comment: r.comment,
    createdAt: r.created_at,
  };
}

/** Stores an answer. Returns false when this resolution was already rated (nothing changes then). */
export async function recordCsat(db: D1Database, r: CsatResponse): Promise<boolean> {
  const inserted = await db
    .prepare(
      `INSERT OR IGNORE INTO csat_responses (conversation_id, resolved_at, site_id, contact_id, agent_id, team, channel, rating, comment, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(r.conversationId, r.resolvedAt, r.siteId, r.contactId, r.agentId, r.team, r.channel, r.rating, r.comment, r.createdAt)
    .run();
  if (!inserted.meta.changes) return false;
  await db.prepare("UPDATE conversations SET csat_rating = ?, csat_at = ? WHERE id = ?").bind(r.rating, r.createdAt, r.conversationId).run();
  return true;
}

/** Every answer given in a conversation, oldest first. */
export async function listCsatForConversation(db: D1Database, conversationId: string): Promise<CsatResponse[]> {
  const { results } = await db.prepare("SELECT * FROM csat_responses WHERE conversation_id = ? ORDER BY created_at").bind(conversationId).all<Row>();
  return results.map(toResponse);
}

/** The `csat.submitted` webhook event (CONTRACT.md §6) for an answer, ready for the webhook sender. */
export function csatSubmittedEvent(r: CsatResponse): { type: "csat.submitted"; timestamp: string; data: Record<string, unknown> } {
  return {
    type: "csat.submitted",
    timestamp: new Date(r.createdAt).toISOString(),
    data: {
      conversationId: r.conversationId,
      siteId: r.siteId,
      contactId: r.contactId,
      agentId: r.agentId,
      team: r.team,
      channel: r.channel,
      rating: r.rating,
      comment: r.comment,
      resolvedAt: new Date(r.resolvedAt).toISOString(),
    },
  };
}
