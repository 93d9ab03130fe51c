// What a web visitor tells us about themselves: identify() (verified users), setAttributes(), the
// pre-chat and offline forms, and the offline form's "continue by email" mark.

import { findContactByIdentity } from "./contacts.ts";

/** Profile fields to write on a contact. Unset fields are left as they are. */
export interface ProfilePatch {
  name?: string;
  email?: string;
  phone?: string;
  /** Only from a verified identify(): tier decides routing and priority. */
  tier?: string;
  externalId?: string;
  /** Merged into the contact's attributes (RFC 7396: a null value removes the attribute). */
  attributes?: Record<string, unknown>;
}

/** The site's identity secret, still sealed (open it with `openSecret`). */
export async function getSealedIdentitySecret(db: D1Database, siteId: string): Promise<string | null> {
  const row = await db.prepare("SELECT identity_secret FROM sites WHERE id = ?").bind(siteId).first<{ identity_secret: string | null }>();
  return row?.identity_secret ?? null;
}

/** Writes profile fields and merges attributes on a contact in one statement. */
export async function applyProfile(db: D1Database, contactId: string, p: ProfilePatch, now = Date.now()): Promise<void> {
  await db
    .prepare(
      `UPDATE contacts SET name = COALESCE(?, name), email = COALESCE(?, email), phone = COALESCE(?, phone), tier = COALESCE(?, tier),
         external_id = COALESCE(?, external_id), attributes = json_patch(attributes, ?), updated_at = ?, last_seen_at = ? WHERE id = ?`,
    )
    .bind(p.name ?? null, p.email ?? null, p.phone ?? null, p.tier ?? null, p.externalId ?? null, JSON.stringify(p.attributes ?? {}), now, now, contactId)
    .run();
}

/** Records an unverified identity (an email from a form) unless it already belongs to a contact. */
export async function addUnverifiedIdentity(db: D1Database, siteId: string, contactId: string, kind: "email" | "phone", value: string, now = Date.now()) {
  await db
    .prepare("INSERT OR IGNORE INTO contact_identities (site_id, kind, value, contact_id, verified, created_at) VALUES (?, ?, ?, ?, 0, ?)")
    .bind(siteId, kind, value, contactId, now)
    .run();
}

/**
 * Ties a web visitor to a verified user of the site (`external` identity). Returns the contact the
 * visitor belongs to afterwards:
 * - the user is new: the visitor's contact gains the verified identity;
 * - the user is known on another contact and this visitor has no conversation yet: the visitor's
 *   identities move to that contact (the device joins the user; the empty contact is removed);
 * - the user is known elsewhere but this visitor already has conversations: nothing moves here,
 *   `merged` is false and `owner` names the user's contact — the caller merges the two contacts
 *   (conversations live in Durable Objects, beyond this module).
 */
export async function linkVerifiedUser(
  db: D1Database,
  siteId: string,
  visitorContactId: string,
  userId: string,
  now = Date.now(),
): Promise<{ contactId: string; merged: boolean; owner?: string }> {
  await db
    .prepare("INSERT OR IGNORE INTO contact_identities (site_id, kind, value, contact_id, verified, created_at) VALUES (?, 'external', ?, ?, 1, ?)")
    .bind(siteId, userId, visitorContactId, now)
    .run();
  const owner = await findContactByIdentity(db, siteId, "external", userId);
  if (!owner || owner.id === visitorContactId) {
    await db.prepare("UPDATE contact_identities SET verified = 1 WHERE site_id = ? AND kind = 'external' AND value = ?").bind(siteId, userId).run();
    return { contactId: visitorContactId, merged: true };
  }
  const conversations = await db.prepare("SELECT COUNT(*) AS n FROM conversations WHERE contact_id = ?").bind(visitorContactId).first<{ n: number }>();
  if ((conversations?.n ?? 0) > 0) return { contactId: visitorContactId, merged: false, owner: owner.id };
  await db.batch([
    db.prepare("UPDATE contact_identities SET contact_id = ? WHERE contact_id = ?").bind(owner.id, visitorContactId),
    db.prepare("DELETE FROM contacts WHERE id = ?").bind(visitorContactId),
  ]);
  return { contactId: owner.id, merged: true };
}

/** Marks a conversation as continuing by email (offline form): the channels work replies there. */
export async function markContinueByEmail(
  db: D1Database,
  m: { conversationId: string; siteId: string; contactId: string; email: string; locale: string },
  now = Date.now(),
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO continue_by_email (conversation_id, site_id, contact_id, email, locale, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (conversation_id) DO UPDATE SET email = excluded.email, locale = excluded.locale`,
    )
    .bind(m.conversationId, m.siteId, m.contactId, m.email, m.locale, now)
    .run();
}

/** The address a conversation continues at by email, if the visitor left one in the offline form. */
export async function getContinueByEmail(db: D1Database, conversationId: string): Promise<{ email: string; locale: string; createdAt: number } | null> {
  const row = await db
    .prepare("SELECT email, locale, created_at FROM continue_by_email WHERE conversation_id = ?")
    .bind(conversationId)
    .first<{ email: string; locale: string; created_at: number }>();
  return row ? { email: row.email, locale: row.locale, createdAt: row.created_at } : null;
}
