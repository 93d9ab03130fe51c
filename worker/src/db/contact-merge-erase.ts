// The SQL halves of merging and erasing contacts (the Durable Object halves are in worker/src/contacts/):
// each runs as one D1 transaction.

import type { ContactProfile } from "./contact-records.ts";
import { eraseIndexedVisitorText } from "./search.ts";

/** The ids of a contact's conversations, oldest first. */
export async function contactConversationIds(db: D1Database, contactId: string): Promise<string[]> {
  const { results } = await db.prepare("SELECT id FROM conversations WHERE contact_id = ? ORDER BY created_at").bind(contactId).all<{ id: string }>();
  return results.map((r) => r.id);
}

/**
 * The SQL half of a merge, in one transaction: `other`'s identities (its own email/phone/external id
 * included) and conversations move to `survivor`, the survivor takes the merged fields, `other` goes.
 */
export async function mergeContactRows(
  db: D1Database,
  siteId: string,
  survivor: ContactProfile,
  other: ContactProfile,
  merged: {
    name: string | null;
    email: string | null;
    phone: string | null;
    externalId: string | null;
    tier: string;
    attributes: Record<string, unknown>;
    notes: string | null;
  },
  now = Date.now(),
): Promise<void> {
  const carry = [
    ...(other.email ? [{ kind: "email", value: other.email }] : []),
    ...(other.phone ? [{ kind: "phone", value: other.phone }] : []),
    ...(other.externalId ? [{ kind: "external", value: other.externalId }] : []),
  ];
  await db.batch([
    db.prepare("UPDATE contact_identities SET contact_id = ? WHERE contact_id = ?").bind(survivor.id, other.id),
    ...carry.map((i) =>
      db
        .prepare("INSERT OR IGNORE INTO contact_identities (site_id, kind, value, contact_id, verified, created_at) VALUES (?, ?, ?, ?, 0, ?)")
        .bind(siteId, i.kind, i.value, survivor.id, now),
    ),
    db.prepare("UPDATE conversations SET contact_id = ? WHERE contact_id = ? AND site_id = ?").bind(survivor.id, other.id, siteId),
    db
      .prepare(
        "UPDATE contacts SET name = ?, email = ?, phone = ?, external_id = ?, tier = ?, attributes = ?, notes = ?, updated_at = ?, last_seen_at = MAX(COALESCE(last_seen_at, 0), ?) WHERE id = ?",
      )
      .bind(
        merged.name,
        merged.email,
        merged.phone,
        merged.externalId,
        merged.tier,
        JSON.stringify(merged.attributes),
        merged.notes,
        now,
        other.lastSeenAt ?? 0,
        survivor.id,
      ),
    db.prepare("DELETE FROM contacts WHERE id = ?").bind(other.id),
  ]);
}

/**
 * The SQL half of an erase, in one transaction: identities go, the row keeps only its id (its
 * anonymised conversations still point at it), list previews of visitor text are blanked, and the
 * customer's words leave the search index.
 */
export async function eraseContactRow(db: D1Database, id: string, placeholder: string, now = Date.now()): Promise<void> {
  await db.batch([
    db.prepare("DELETE FROM contact_identities WHERE contact_id = ?").bind(id),
    db
      .prepare(
        "UPDATE contacts SET name = NULL, email = NULL, phone = NULL, external_id = NULL, tier = 'regular', attributes = '{}', notes = NULL, erased_at = ?, updated_at = ? WHERE id = ?",
      )
      .bind(now, now, id),
    db.prepare("UPDATE conversations SET last_message_text = ? WHERE contact_id = ? AND last_message_author = 'visitor'").bind(placeholder, id),
    eraseIndexedVisitorText(db, id),
  ]);
}
