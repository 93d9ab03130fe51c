// Contact records for the admin (客户档案): list and search, profile with every identity, edit and
// create (merge and erase are in contact-merge-erase.ts).

import type { ContactListItem, ContactProfile, Identity, Tier } from "../../../protocol/src/contacts.ts";
import { newId } from "../lib/ids.ts";
import { parseJson } from "./json.ts";

export type { ContactListItem, ContactProfile, Identity, Tier };
export const TIERS: readonly Tier[] = ["vip", "key", "regular"];

interface Row {
  id: string;
  site_id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  external_id: string | null;
  tier: string;
  attributes: string;
  notes: string | null;
  created_at: number;
  updated_at: number;
  last_seen_at: number | null;
  erased_at: number | null;
}

const uniq = (xs: (string | null | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x))];

function toProfile(r: Row, ids: Identity[]): ContactProfile {
  return {
    id: r.id,
    siteId: r.site_id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    externalId: r.external_id,
    tier: r.tier as Tier,
    attributes: parseJson<Record<string, unknown>>(r.attributes, {}),
    notes: r.notes,
    emails: uniq([r.email, ...ids.filter((i) => i.kind === "email").map((i) => i.value)]),
    phones: uniq([r.phone, ...ids.filter((i) => i.kind === "phone").map((i) => i.value)]),
    identities: ids,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    lastSeenAt: r.last_seen_at,
  };
}

/** A contact's profile; null when it does not exist or was erased. */
export async function getContactProfile(db: D1Database, id: string): Promise<ContactProfile | null> {
  const [row, ids] = await db.batch<Record<string, unknown>>([
    db.prepare("SELECT * FROM contacts WHERE id = ? AND erased_at IS NULL").bind(id),
    db.prepare("SELECT kind, value, verified FROM contact_identities WHERE contact_id = ? ORDER BY created_at").bind(id),
  ]);
  const r = row?.results[0] as Row | undefined;
  if (!r) return null;
  const identities = ((ids?.results ?? []) as { kind: string; value: string; verified: number }[]).map((i) => ({
    kind: i.kind,
    value: i.value,
    verified: i.verified === 1,
  }));
  return toProfile(r, identities);
}

/** The site a contact belongs to, also for erased contacts (for permission checks). */
export async function contactSite(db: D1Database, id: string): Promise<{ siteId: string; erased: boolean } | null> {
  const r = await db.prepare("SELECT site_id, erased_at FROM contacts WHERE id = ?").bind(id).first<{ site_id: string; erased_at: number | null }>();
  return r ? { siteId: r.site_id, erased: r.erased_at !== null } : null;
}

const like = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/** Lists a site's contacts, most recently updated first; `q` searches names, emails, phones and ids. */
export async function listContacts(
  db: D1Database,
  siteId: string,
  f: { q?: string; tier?: string; known?: boolean; cursor?: string; limit?: number },
): Promise<{ items: ContactListItem[]; next: string | null }> {
  const where = ["c.site_id = ?", "c.erased_at IS NULL"];
  const args: unknown[] = [siteId];
  if (f.q) {
    const p = like(f.q);
    const l = "LIKE ? ESCAPE '\\'";
    where.push(
      `(c.name ${l} OR c.email ${l} OR c.phone ${l} OR c.external_id ${l} OR c.id = ? OR EXISTS (SELECT 1 FROM contact_identities i WHERE i.contact_id = c.id AND i.kind != 'visitor' AND i.value ${l}))`,
    );
    args.push(p, p, p, p, f.q, p);
  }
  if (f.tier) (where.push("c.tier = ?"), args.push(f.tier));
  if (f.known) where.push("(c.name IS NOT NULL OR c.email IS NOT NULL OR c.phone IS NOT NULL OR c.external_id IS NOT NULL)");
  if (f.cursor) {
    const [at, id] = f.cursor.split(":");
    if (at && id && /^\d+$/.test(at)) (where.push("(c.updated_at < ? OR (c.updated_at = ? AND c.id < ?))"), args.push(Number(at), Number(at), id));
  }
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 200);
  const { results } = await db
    .prepare(
      `SELECT c.id, c.name, c.email, c.phone, c.external_id, c.tier, c.updated_at, c.last_seen_at,
              (SELECT COUNT(*) FROM conversations v WHERE v.contact_id = c.id) AS conversation_count
       FROM contacts c WHERE ${where.join(" AND ")} ORDER BY c.updated_at DESC, c.id DESC LIMIT ?`,
    )
    .bind(...args, limit + 1)
    .all<{
      id: string;
      name: string | null;
      email: string | null;
      phone: string | null;
      external_id: string | null;
      tier: string;
      updated_at: number;
      last_seen_at: number | null;
      conversation_count: number;
    }>();
  const items = results.slice(0, limit).map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    externalId: r.external_id,
    tier: r.tier,
    conversationCount: r.conversation_count,
    updatedAt: r.updated_at,
    lastSeenAt: r.last_seen_at,
  }));
  const last = items[items.length - 1];
  return { items, next: results.length > limit && last ? `${last.updatedAt}:${last.id}` : null };
}

/** What an edit sets; identity lists replace the contact's emails / phones / external id. */
export interface ContactEdit {
  name?: string | null;
  emails?: string[];
  phones?: string[];
  externalId?: string | null;
  tier?: Tier;
  attributes?: Record<string, unknown>;
  notes?: string | null;
}

/** Identities (kind + value) of the edit that another contact of the site already has. */
export async function identityConflicts(
  db: D1Database,
  siteId: string,
  contactId: string | null,
  wanted: { kind: string; value: string }[],
): Promise<{ kind: string; value: string; contactId: string }[]> {
  if (!wanted.length) return [];
  const { results } = await db
    .prepare(
      `SELECT kind, value, contact_id FROM contact_identities WHERE site_id = ? AND contact_id != ? AND (${wanted.map(() => "(kind = ? AND value = ?)").join(" OR ")})`,
    )
    .bind(siteId, contactId ?? "", ...wanted.flatMap((w) => [w.kind, w.value]))
    .all<{ kind: string; value: string; contact_id: string }>();
  return results.map((r) => ({ kind: r.kind, value: r.value, contactId: r.contact_id }));
}

function identityStatements(db: D1Database, siteId: string, contactId: string, kind: string, values: string[], now: number): D1PreparedStatement[] {
  return [
    db
      .prepare(`DELETE FROM contact_identities WHERE contact_id = ? AND kind = ? AND value NOT IN (${values.map(() => "?").join(", ") || "''"})`)
      .bind(contactId, kind, ...values),
    ...values.map((v) =>
      db
        .prepare("INSERT OR IGNORE INTO contact_identities (site_id, kind, value, contact_id, verified, created_at) VALUES (?, ?, ?, ?, 0, ?)")
        .bind(siteId, kind, v, contactId, now),
    ),
  ];
}

/** Applies an edit (already validated and checked for conflicts) in one transaction. */
export async function editContact(db: D1Database, siteId: string, id: string, e: ContactEdit, now = Date.now()): Promise<void> {
  const sets: string[] = ["updated_at = ?"];
  const args: unknown[] = [now];
  const put = (col: string, v: unknown) => (sets.push(`${col} = ?`), args.push(v));
  if (e.name !== undefined) put("name", e.name);
  if (e.emails !== undefined) put("email", e.emails[0] ?? null);
  if (e.phones !== undefined) put("phone", e.phones[0] ?? null);
  if (e.externalId !== undefined) put("external_id", e.externalId);
  if (e.tier !== undefined) put("tier", e.tier);
  if (e.attributes !== undefined) put("attributes", JSON.stringify(e.attributes));
  if (e.notes !== undefined) put("notes", e.notes);
  const stmts = [db.prepare(`UPDATE contacts SET ${sets.join(", ")} WHERE id = ?`).bind(...args, id)];
  if (e.emails !== undefined) stmts.push(...identityStatements(db, siteId, id, "email", e.emails, now));
  if (e.phones !== undefined) stmts.push(...identityStatements(db, siteId, id, "phone", e.phones, now));
  if (e.externalId !== undefined) stmts.push(...identityStatements(db, siteId, id, "external", e.externalId ? [e.externalId] : [], now));
  await db.batch(stmts);
}

/** Creates a contact by hand (then edits it into shape); returns its id. */
export async function createContactRecord(db: D1Database, siteId: string, e: ContactEdit, now = Date.now()): Promise<string> {
  const id = newId("ct", now);
  await db
    .prepare("INSERT INTO contacts (id, site_id, tier, attributes, created_at, updated_at) VALUES (?, ?, 'regular', '{}', ?, ?)")
    .bind(id, siteId, now, now)
    .run();
  await editContact(db, siteId, id, e, now);
  return id;
}
