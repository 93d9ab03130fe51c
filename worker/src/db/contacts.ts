// Contacts (客户档案) and the identities that recognise them across channels.

import type { Contact } from "../../../protocol/src/contacts.ts";
import { newId } from "../lib/ids.ts";
import { parseJson } from "./json.ts";

export type { Contact };

interface ContactRow {
  id: string;
  site_id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  external_id: string | null;
  tier: string;
  attributes: string;
  created_at: number;
  updated_at: number;
}

const COLUMNS = "id, site_id, name, email, phone, external_id, tier, attributes, created_at, updated_at";

function toContact(r: ContactRow): Contact {
  return {
    id: r.id,
    siteId: r.site_id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    externalId: r.external_id,
    tier: r.tier,
    attributes: parseJson<Record<string, unknown>>(r.attributes, {}),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function getContact(db: D1Database, id: string): Promise<Contact | null> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM contacts WHERE id = ?`).bind(id).first<ContactRow>();
  return row ? toContact(row) : null;
}

/** The contact behind an identity (kind + value) on a site, if any. */
export async function findContactByIdentity(db: D1Database, siteId: string, kind: string, value: string): Promise<Contact | null> {
  const row = await db
    .prepare(
      `SELECT ${COLUMNS.split(", ")
        .map((c) => `c.${c}`)
        .join(", ")} FROM contact_identities i JOIN contacts c ON c.id = i.contact_id WHERE i.site_id = ? AND i.kind = ? AND i.value = ?`,
    )
    .bind(siteId, kind, value)
    .first<ContactRow>();
  return row ? toContact(row) : null;
}

/**
 * Finds the contact for an identity or creates one. Safe under races: the identity's primary key
 * decides the winner and the loser re-reads it.
 */
export async function findOrCreateContact(db: D1Database, siteId: string, kind: string, value: string, now = Date.now()): Promise<Contact> {
  const existing = await findContactByIdentity(db, siteId, kind, value);
  if (existing) return existing;
  const id = newId("ct", now);
  await db.batch([
    db
      .prepare("INSERT INTO contacts (id, site_id, tier, attributes, created_at, updated_at, last_seen_at) VALUES (?, ?, 'regular', '{}', ?, ?, ?)")
      .bind(id, siteId, now, now, now),
    db
      .prepare("INSERT OR IGNORE INTO contact_identities (site_id, kind, value, contact_id, verified, created_at) VALUES (?, ?, ?, ?, 0, ?)")
      .bind(siteId, kind, value, id, now),
  ]);
  const winner = await findContactByIdentity(db, siteId, kind, value);
  if (winner && winner.id !== id) await db.prepare("DELETE FROM contacts WHERE id = ?").bind(id).run();
  return winner ?? (await getContact(db, id))!;
}

/** Stores one answer the bot collected (askField) or an attribute a rule set, on the contact. */
export async function setContactAttribute(db: D1Database, contactId: string, name: string, value: unknown, now = Date.now()): Promise<void> {
  const direct: Record<string, string> = { name: "name", email: "email", phone: "phone" };
  const column = direct[name];
  if (column && typeof value === "string") {
    await db.prepare(`UPDATE contacts SET ${column} = ?, updated_at = ? WHERE id = ?`).bind(value, now, contactId).run();
    return;
  }
  await db
    .prepare("UPDATE contacts SET attributes = json_set(attributes, ?, json(?)), updated_at = ? WHERE id = ?")
    .bind(`$.${JSON.stringify(name)}`, JSON.stringify(value), now, contactId)
    .run();
}

/** True when the web visitor `visitorId` is one of the contact's identities. */
export async function visitorOwnsContact(db: D1Database, siteId: string, visitorId: string, contactId: string): Promise<boolean> {
  const row = await db
    .prepare("SELECT 1 AS ok FROM contact_identities WHERE site_id = ? AND kind = 'visitor' AND value = ? AND contact_id = ?")
    .bind(siteId, visitorId, contactId)
    .first<{ ok: number }>();
  return row !== null;
}
