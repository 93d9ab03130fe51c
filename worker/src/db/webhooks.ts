// Outbound webhooks of a site and their delivery log (one row per event per webhook, one row per
// attempt with the response code). Secrets arrive sealed and leave sealed.

import { parseJson } from "./json.ts";

export interface WebhookRow {
  id: string;
  siteId: string;
  url: string;
  description: string;
  /** Event types; empty = every event. */
  events: string[];
  secretSealed: string;
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface DeliveryRow {
  id: string;
  webhookId: string;
  siteId: string;
  eventType: string;
  payload: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface AttemptRow {
  attempt: number;
  at: number;
  status: number | null;
  error: string | null;
  durationMs: number;
}

const toWebhook = (r: Record<string, unknown>): WebhookRow => ({
  id: r.id as string,
  siteId: r.site_id as string,
  url: r.url as string,
  description: r.description as string,
  events: parseJson<string[]>(r.events, []),
  secretSealed: r.secret as string,
  enabled: r.enabled === 1,
  createdAt: r.created_at as number,
  updatedAt: r.updated_at as number,
});

const toDelivery = (r: Record<string, unknown>): DeliveryRow => ({
  id: r.id as string,
  webhookId: r.webhook_id as string,
  siteId: r.site_id as string,
  eventType: r.event_type as string,
  payload: r.payload as string,
  status: r.status as DeliveryRow["status"],
  attempts: r.attempts as number,
  lastStatus: (r.last_status as number | null) ?? null,
  lastError: (r.last_error as string | null) ?? null,
  nextAttemptAt: (r.next_attempt_at as number | null) ?? null,
  createdAt: r.created_at as number,
  updatedAt: r.updated_at as number,
});

export async function listWebhooks(db: D1Database, siteId: string): Promise<WebhookRow[]> {
  const { results } = await db.prepare("SELECT * FROM webhooks WHERE site_id = ? ORDER BY created_at").bind(siteId).all();
  return results.map(toWebhook);
}

export async function getWebhook(db: D1Database, id: string): Promise<WebhookRow | null> {
  const r = await db.prepare("SELECT * FROM webhooks WHERE id = ?").bind(id).first();
  return r ? toWebhook(r) : null;
}

/** True when the site has an enabled webhook (the conversation objects skip event work otherwise). */
export async function hasEnabledWebhooks(db: D1Database, siteId: string): Promise<boolean> {
  return (await db.prepare("SELECT 1 AS x FROM webhooks WHERE site_id = ? AND enabled = 1 LIMIT 1").bind(siteId).first()) !== null;
}

export async function insertWebhook(
  db: D1Database,
  w: { id: string; siteId: string; url: string; description: string; events: string[]; secretSealed: string },
  now = Date.now(),
): Promise<void> {
  await db
    .prepare("INSERT INTO webhooks (id, site_id, url, description, events, secret, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)")
    .bind(w.id, w.siteId, w.url, w.description, JSON.stringify(w.events), w.secretSealed, now, now)
    .run();
}

export async function updateWebhook(
  db: D1Database,
  id: string,
  p: { url?: string; description?: string; events?: string[]; enabled?: boolean; secretSealed?: string },
  now = Date.now(),
): Promise<void> {
  const sets = ["updated_at = ?"];
  const args: unknown[] = [now];
  const put = (col: string, v: unknown) => (sets.push(`${col} = ?`), args.push(v));
  if (p.url !== undefined) put("url", p.url);
  if (p.description !== undefined) put("description", p.description);
  if (p.events !== undefined) put("events", JSON.stringify(p.events));
  if (p.enabled !== undefined) put("enabled", p.enabled ? 1 : 0);
  if (p.secretSealed !== undefined) put("secret", p.secretSealed);
  await db
    .prepare(`UPDATE webhooks SET ${sets.join(", ")} WHERE id = ?`)
    .bind(...args, id)
    .run();
}

/** Deletes a webhook with its log. */
export async function deleteWebhook(db: D1Database, id: string): Promise<void> {
  await db.batch([
    db.prepare("DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE webhook_id = ?)").bind(id),
    db.prepare("DELETE FROM webhook_deliveries WHERE webhook_id = ?").bind(id),
    db.prepare("DELETE FROM webhooks WHERE id = ?").bind(id),
  ]);
}

/** Logs new deliveries (a delivery that exists already is left alone: enqueueing is idempotent). */
export function insertDeliveryStatement(db: D1Database, d: Omit<DeliveryRow, "attempts" | "lastStatus" | "lastError" | "updatedAt">): D1PreparedStatement {
  return db
    .prepare(
      `INSERT OR IGNORE INTO webhook_deliveries (id, webhook_id, site_id, event_type, payload, status, attempts, next_attempt_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
    )
    .bind(d.id, d.webhookId, d.siteId, d.eventType, d.payload, d.status, d.nextAttemptAt, d.createdAt, d.createdAt);
}

/** Records one attempt and the delivery's new state, in one transaction. */
export async function recordAttempt(
  db: D1Database,
  deliveryId: string,
  a: AttemptRow,
  next: { status: DeliveryRow["status"]; nextAttemptAt: number | null },
): Promise<void> {
  await db.batch([
    db
      .prepare("INSERT OR REPLACE INTO webhook_attempts (delivery_id, attempt, at, status, error, duration_ms) VALUES (?, ?, ?, ?, ?, ?)")
      .bind(deliveryId, a.attempt, a.at, a.status, a.error?.slice(0, 500) ?? null, a.durationMs),
    db
      .prepare("UPDATE webhook_deliveries SET status = ?, attempts = ?, last_status = ?, last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?")
      .bind(next.status, a.attempt, a.status, a.error?.slice(0, 500) ?? null, next.nextAttemptAt, a.at, deliveryId),
  ]);
}

/** A failed delivery goes back in the queue (the admin's retry). */
export async function markDeliveryPending(db: D1Database, id: string, now: number): Promise<void> {
  await db.prepare("UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?, updated_at = ? WHERE id = ?").bind(now, now, id).run();
}

export async function getDelivery(db: D1Database, id: string): Promise<DeliveryRow | null> {
  const r = await db.prepare("SELECT * FROM webhook_deliveries WHERE id = ?").bind(id).first();
  return r ? toDelivery(r) : null;
}

/** A webhook's deliveries, newest first, each with its attempts. */
export async function listDeliveries(
  db: D1Database,
  webhookId: string,
  f: { status?: string; before?: number; limit?: number } = {},
): Promise<(DeliveryRow & { attemptLog: AttemptRow[] })[]> {
  const where = ["webhook_id = ?"];
  const args: unknown[] = [webhookId];
  if (f.status) (where.push("status = ?"), args.push(f.status));
  if (f.before) (where.push("created_at < ?"), args.push(f.before));
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 200);
  const { results } = await db
    .prepare(`SELECT * FROM webhook_deliveries WHERE ${where.join(" AND ")} ORDER BY created_at DESC, id DESC LIMIT ?`)
    .bind(...args, limit)
    .all();
  const rows = results.map(toDelivery);
  if (!rows.length) return [];
  const attempts = await db
    .prepare(`SELECT * FROM webhook_attempts WHERE delivery_id IN (${rows.map(() => "?").join(", ")}) ORDER BY attempt`)
    .bind(...rows.map((r) => r.id))
    .all<{ delivery_id: string; attempt: number; at: number; status: number | null; error: string | null; duration_ms: number }>();
  return rows.map((r) => ({
    ...r,
    attemptLog: attempts.results
      .filter((a) => a.delivery_id === r.id)
      .map((a) => ({ attempt: a.attempt, at: a.at, status: a.status, error: a.error, durationMs: a.duration_ms })),
  }));
}

/** Forgets log entries older than `before` (bounded storage). */
export async function pruneDeliveries(db: D1Database, siteId: string, before: number): Promise<void> {
  await db.batch([
    db
      .prepare(
        "DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE site_id = ? AND created_at < ? AND status != 'pending')",
      )
      .bind(siteId, before),
    db.prepare("DELETE FROM webhook_deliveries WHERE site_id = ? AND created_at < ? AND status != 'pending'").bind(siteId, before),
  ]);
}
