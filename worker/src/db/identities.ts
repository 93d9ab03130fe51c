// Contact identities across channels (email, phone, Telegram id, WhatsApp number, external id): who
// holds one, attaching one to a contact, marking one verified, and filling a contact's empty fields.

/** The contact holding an identity on a site, and whether it was verified. */
export async function identityOwner(
  db: D1Database,
  siteId: string,
  kind: string,
  value: string,
): Promise<{ contactId: string; verified: boolean; erased: boolean } | null> {
  const r = await db
    .prepare(
      `SELECT i.contact_id, i.verified, c.erased_at FROM contact_identities i LEFT JOIN contacts c ON c.id = i.contact_id
       WHERE i.site_id = ? AND i.kind = ? AND i.value = ?`,
    )
    .bind(siteId, kind, value)
    .first<{ contact_id: string; verified: number; erased_at: number | null }>();
  return r ? { contactId: r.contact_id, verified: r.verified === 1, erased: r.erased_at !== null } : null;
}

/**
 * Gives `contactId` the identity unless another contact holds it (the primary key decides). A verified
 * attach also marks the identity verified when the contact already holds it. Returns the holder.
 */
export async function attachIdentity(
  db: D1Database,
  siteId: string,
  contactId: string,
  kind: string,
  value: string,
  verified: boolean,
  now = Date.now(),
): Promise<string> {
  await db.batch([
    db
      .prepare("INSERT OR IGNORE INTO contact_identities (site_id, kind, value, contact_id, verified, created_at) VALUES (?, ?, ?, ?, ?, ?)")
      .bind(siteId, kind, value, contactId, verified ? 1 : 0, now),
    ...(verified
      ? [
          db
            .prepare("UPDATE contact_identities SET verified = 1 WHERE site_id = ? AND kind = ? AND value = ? AND contact_id = ?")
            .bind(siteId, kind, value, contactId),
        ]
      : []),
  ]);
  return (await identityOwner(db, siteId, kind, value))?.contactId ?? contactId;
}

/** A new contact recognised by one identity (with a name when the channel tells one). */
export async function createContactWithIdentity(
  db: D1Database,
  siteId: string,
  id: string,
  identity: { kind: string; value: string; verified: boolean },
  name: string | null,
  now = Date.now(),
): Promise<string> {
  await db.batch([
    db
      .prepare("INSERT INTO contacts (id, site_id, name, tier, attributes, created_at, updated_at, last_seen_at) VALUES (?, ?, ?, 'regular', '{}', ?, ?, ?)")
      .bind(id, siteId, name, now, now, now),
    db
      .prepare("INSERT OR IGNORE INTO contact_identities (site_id, kind, value, contact_id, verified, created_at) VALUES (?, ?, ?, ?, ?, ?)")
      .bind(siteId, identity.kind, identity.value, id, identity.verified ? 1 : 0, now),
  ]);
  // Two first messages racing: the identity's primary key picked a winner; the loser's row goes.
  const owner = await identityOwner(db, siteId, identity.kind, identity.value);
  if (owner && owner.contactId !== id) {
    await db.prepare("DELETE FROM contacts WHERE id = ?").bind(id).run();
    return owner.contactId;
  }
  return id;
}

/** Fills the contact's name / email / phone / external id where still empty, and notes that it was seen. */
export async function fillContactFields(
  db: D1Database,
  contactId: string,
  f: { name?: string | null; email?: string | null; phone?: string | null; externalId?: string | null },
  now = Date.now(),
): Promise<void> {
  await db
    .prepare(
      `UPDATE contacts SET name = COALESCE(name, ?), email = COALESCE(email, ?), phone = COALESCE(phone, ?), external_id = COALESCE(external_id, ?),
         last_seen_at = ?, updated_at = ? WHERE id = ? AND erased_at IS NULL`,
    )
    .bind(f.name ?? null, f.email ?? null, f.phone ?? null, f.externalId ?? null, now, now, contactId)
    .run();
}

/** The contact's email to answer at: the profile's email, else a verified email identity. */
export async function contactEmail(db: D1Database, contactId: string): Promise<{ email: string; name: string | null } | null> {
  const r = await db
    .prepare(
      `SELECT COALESCE(c.email, (SELECT value FROM contact_identities i WHERE i.contact_id = c.id AND i.kind = 'email' ORDER BY verified DESC, created_at LIMIT 1)) AS email,
              c.name FROM contacts c WHERE c.id = ? AND c.erased_at IS NULL`,
    )
    .bind(contactId)
    .first<{ email: string | null; name: string | null }>();
  return r?.email ? { email: r.email, name: r.name } : null;
}
