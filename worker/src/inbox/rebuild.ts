// Reconciles the Inbox's mirror with D1, which every Conversation keeps current: run by each new
// instance (after a restart or a wake from hibernation), so an update the Inbox missed is picked up.

import { getConversationSummaries, listOpenConversations } from "../db/conversations.ts";
import type { AgentState } from "./agent-state.ts";
import type { Mirror } from "./mirror.ts";

export async function rebuildMirror(db: D1Database, siteId: string, mirror: Mirror, agents: AgentState): Promise<void> {
  const open = await listOpenConversations(db, siteId);
  const now = Date.now();
  for (const c of open) {
    mirror.apply(c); // a newer summary in the mirror wins
    if (c.contactName !== undefined) mirror.setContact(c.contactId, c.contactName, c.contactTier ?? null, now);
  }
  const openIds = new Set(open.map((c) => c.id));
  const others = mirror.ids().filter((id) => !openIds.has(id));
  // Open here but not in D1's open list: resolved or closed meanwhile (D1 is newer: it goes), or D1
  // lags behind (the mirror's newer summary stays).
  for (let i = 0; i < others.length; i += 90) for (const row of await getConversationSummaries(db, others.slice(i, i + 90))) mirror.apply(row);
  for (const id of others) if (!mirror.get(id)) agents.forget(id);
  mirror.pruneContacts();
}
