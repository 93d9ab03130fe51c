// Merging two contacts: the other's identities and conversations move to the survivor, nothing is
// lost. The Conversation Durable Objects move first: if one fails, D1 is untouched and the merge can
// simply be retried (every step is idempotent).

import type { ContactProfile } from "../db/contact-records.ts";
import { contactConversationIds, mergeContactRows } from "../db/contact-merge-erase.ts";
import { conversationStub } from "../stubs.ts";
import { inChunks } from "./chunks.ts";

const TIER_RANK: Record<string, number> = { vip: 3, key: 2, regular: 1 };

/** The survivor's fields win; gaps are filled from the other; the higher tier and all notes are kept. */
export function mergedFields(survivor: ContactProfile, other: ContactProfile) {
  return {
    name: survivor.name ?? other.name,
    email: survivor.email ?? other.email,
    phone: survivor.phone ?? other.phone,
    externalId: survivor.externalId ?? other.externalId,
    tier: (TIER_RANK[other.tier] ?? 0) > (TIER_RANK[survivor.tier] ?? 0) ? other.tier : survivor.tier,
    attributes: { ...other.attributes, ...survivor.attributes },
    notes: [survivor.notes, other.notes].filter((n) => n && n.trim()).join("\n\n") || null,
  };
}

/** Merges `other` into `survivor` (same site). Returns how many conversations moved. */
export async function mergeContacts(env: Env, survivor: ContactProfile, other: ContactProfile, now = Date.now()): Promise<{ conversations: number }> {
  const [moving, staying] = await Promise.all([contactConversationIds(env.DB, other.id), contactConversationIds(env.DB, survivor.id)]);
  await inChunks(moving, (id) => conversationStub(env, id).reassignContact(other.id, survivor.id));
  await mergeContactRows(env.DB, survivor.siteId, survivor, other, mergedFields(survivor, other), now);
  // A conversation the other contact started in the meantime moved in D1 with the rest: move its object too.
  const known = new Set([...moving, ...staying]);
  const late = (await contactConversationIds(env.DB, survivor.id)).filter((id) => !known.has(id));
  await inChunks(late, (id) => conversationStub(env, id).reassignContact(other.id, survivor.id));
  return { conversations: moving.length + late.length };
}
