// Attachment metadata in D1; the bytes live in R2 under `r2_key`.

import type { Attachment } from "../../../protocol/src/types.ts";

export interface StoredAttachment {
  id: string;
  siteId: string;
  conversationId: string;
  /** `visitor` or `agent:<user id>`. */
  uploadedBy: string;
  name: string;
  type: string;
  size: number;
  r2Key: string;
  createdAt: number;
}

interface Row {
  id: string;
  site_id: string;
  conversation_id: string;
  uploaded_by: string;
  name: string;
  type: string;
  size: number;
  r2_key: string;
  created_at: number;
}

function toStored(r: Row): StoredAttachment {
  return {
    id: r.id,
    siteId: r.site_id,
    conversationId: r.conversation_id,
    uploadedBy: r.uploaded_by,
    name: r.name,
    type: r.type,
    size: r.size,
    r2Key: r.r2_key,
    createdAt: r.created_at,
  };
}

export async function insertAttachment(db: D1Database, a: StoredAttachment): Promise<void> {
  await db
    .prepare("INSERT INTO attachments (id, site_id, conversation_id, uploaded_by, name, type, size, r2_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
    .bind(a.id, a.siteId, a.conversationId, a.uploadedBy, a.name, a.type, a.size, a.r2Key, a.createdAt)
    .run();
}

export async function getAttachment(db: D1Database, id: string): Promise<StoredAttachment | null> {
  const row = await db.prepare("SELECT * FROM attachments WHERE id = ?").bind(id).first<Row>();
  return row ? toStored(row) : null;
}

/** The attachments with these ids that belong to the conversation (at most 20 ids are looked up). */
export async function getAttachmentsOfConversation(db: D1Database, conversationId: string, ids: string[]): Promise<StoredAttachment[]> {
  const list = [...new Set(ids)].slice(0, 20);
  if (!list.length) return [];
  const { results } = await db
    .prepare(`SELECT * FROM attachments WHERE conversation_id = ? AND id IN (${list.map(() => "?").join(", ")})`)
    .bind(conversationId, ...list)
    .all<Row>();
  return results.map(toStored);
}

/** A conversation's attachments (for export and erasure). */
export async function listAttachmentsForConversation(db: D1Database, conversationId: string): Promise<StoredAttachment[]> {
  const { results } = await db.prepare("SELECT * FROM attachments WHERE conversation_id = ? ORDER BY created_at").bind(conversationId).all<Row>();
  return results.map(toStored);
}

/** Forgets one attachment (an upload whose message was refused; the caller deletes the R2 object). */
export async function deleteAttachment(db: D1Database, id: string): Promise<void> {
  await db.prepare("DELETE FROM attachments WHERE id = ?").bind(id).run();
}

/** Forgets a conversation's attachments (contact erasure; the R2 objects are deleted by the caller). */
export async function deleteAttachmentsForConversation(db: D1Database, conversationId: string): Promise<number> {
  const r = await db.prepare("DELETE FROM attachments WHERE conversation_id = ?").bind(conversationId).run();
  return r.meta.changes ?? 0;
}

/** The path that serves an attachment (relative to the Parley host; the id is unguessable). */
export function attachmentPath(a: { id: string; name: string }): string {
  return `/files/${a.id}/${encodeURIComponent(a.name)}`;
}

/** The shape messages carry (`ChatMessage.attachments`). */
export function toMessageAttachment(a: StoredAttachment): Attachment {
  return { id: a.id, name: a.name, type: a.type, size: a.size, url: attachmentPath(a) };
}
