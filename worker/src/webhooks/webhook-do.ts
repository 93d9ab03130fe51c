// One per site: delivers the site's webhook events — one delivery per event per subscribed webhook,
// signed (Standard Webhooks), retried with exponential backoff for 24 hours from its own SQLite queue
// and one alarm (so retries survive restarts), every attempt logged in D1 for the admin.

import { DurableObject } from "cloudflare:workers";
import { Clock } from "../conversation/clock.ts";
import {
  getDelivery,
  getWebhook,
  insertDeliveryStatement,
  listWebhooks,
  markDeliveryPending,
  pruneDeliveries,
  recordAttempt,
  type DeliveryRow,
} from "../db/webhooks.ts";
import { openSecret } from "../lib/secrets.ts";
import { payloadOf, type EventBatch, type WebhookEvent } from "./events.ts";
import { nextAttemptAt, postSigned, type AttemptOutcome } from "./send.ts";

const BASE32 = "0123456789abcdefghjkmnpqrstvwxyz";
const LOG_DAYS = 30;

interface QueueRow extends Record<string, SqlStorageValue> {
  id: string;
  webhook_id: string;
  payload: string;
  created_at: number;
  next_at: number;
  attempt: number;
}

/** The delivery id (the `webhook-id` header) of an event for a webhook: the same on every retry and re-enqueue. */
async function deliveryId(eventId: string, webhookId: string): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${eventId}|${webhookId}`)));
  let s = "";
  for (let i = 0; i < 26; i++) s += BASE32[d[i]! & 31];
  return `msg_${s}`;
}

export class WebhookDO extends DurableObject<Env> {
  private clockInstance: Clock | undefined;
  private ready = false;

  private get sql(): SqlStorage {
    const sql = this.ctx.storage.sql;
    if (!this.ready) {
      sql.exec(`CREATE TABLE IF NOT EXISTS queue (
        id TEXT PRIMARY KEY, webhook_id TEXT NOT NULL, payload TEXT NOT NULL, created_at INTEGER NOT NULL, next_at INTEGER NOT NULL, attempt INTEGER NOT NULL)`);
      sql.exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
      this.ready = true;
    }
    return sql;
  }

  private get clock(): Clock {
    return (this.clockInstance ??= new Clock(this.ctx.storage.sql, this.env.PARLEY_TEST_CLOCK === "1"));
  }

  /** Points the alarm at the earliest queued attempt (converted from this object's clock to real time). */
  private async arm(): Promise<void> {
    const next = this.sql.exec<{ t: number | null }>("SELECT MIN(next_at) AS t FROM queue").one().t;
    if (next === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(Date.now() + Math.max(0, next - this.clock.now()));
  }

  /** Creates the deliveries for a batch of events (idempotent: a redelivered batch adds nothing). */
  async enqueue(batch: EventBatch): Promise<{ queued: number }> {
    const now = this.clock.now();
    this.remember(batch.siteId);
    const hooks = (await listWebhooks(this.env.DB, batch.siteId)).filter((w) => w.enabled);
    const rows: { id: string; webhookId: string; eventType: string; payload: string }[] = [];
    for (const e of batch.events)
      for (const w of hooks)
        if (!w.events.length || w.events.includes(e.type))
          rows.push({ id: await deliveryId(e.id, w.id), webhookId: w.id, eventType: e.type, payload: payloadOf(e) });
    if (!rows.length) return { queued: 0 };
    const results = await this.env.DB.batch(
      rows.map((r) => insertDeliveryStatement(this.env.DB, { ...r, siteId: batch.siteId, status: "pending", nextAttemptAt: now, createdAt: now })),
    );
    let queued = 0;
    rows.forEach((r, i) => {
      if ((results[i]?.meta.changes ?? 0) === 0) return; // known already: delivered or queued before
      this.sql.exec(
        "INSERT OR IGNORE INTO queue (id, webhook_id, payload, created_at, next_at, attempt) VALUES (?, ?, ?, ?, ?, 0)",
        r.id,
        r.webhookId,
        r.payload,
        now,
        now,
      );
      queued++;
    });
    if (queued) await this.arm();
    return { queued };
  }

  /** Sends a `webhook.test` event to one webhook now (no retries) and returns what happened. */
  async sendTest(siteId: string, webhookId: string): Promise<{ deliveryId: string; outcome: AttemptOutcome } | null> {
    const w = await getWebhook(this.env.DB, webhookId);
    if (!w || w.siteId !== siteId) return null;
    const now = this.clock.now();
    const event: WebhookEvent = {
      id: `evt_test_${now}_${crypto.randomUUID()}`,
      type: "webhook.test",
      timestamp: new Date().toISOString(),
      data: { webhookId, siteId, message: "A test event from Parley. Check the webhook-signature header with your secret." },
    };
    const id = await deliveryId(event.id, w.id);
    const payload = payloadOf(event);
    await insertDeliveryStatement(this.env.DB, {
      id,
      webhookId: w.id,
      siteId,
      eventType: event.type,
      payload,
      status: "pending",
      nextAttemptAt: null,
      createdAt: now,
    }).run();
    const secret = (await openSecret(this.env.PARLEY_SECRET, w.secretSealed)) ?? "";
    const outcome = await postSigned(w.url, secret, id, payload);
    await recordAttempt(
      this.env.DB,
      id,
      { attempt: 1, at: now, status: outcome.status, error: outcome.error, durationMs: outcome.durationMs },
      { status: outcome.ok ? "delivered" : "failed", nextAttemptAt: null },
    );
    return { deliveryId: id, outcome };
  }

  /** Puts a failed delivery back in the queue (the admin's "retry"): a fresh 24-hour window. */
  async redeliver(siteId: string, id: string): Promise<DeliveryRow | null> {
    const d = await getDelivery(this.env.DB, id);
    if (!d || d.siteId !== siteId || d.status !== "failed") return d;
    const now = this.clock.now();
    this.sql.exec(
      "INSERT OR REPLACE INTO queue (id, webhook_id, payload, created_at, next_at, attempt) VALUES (?, ?, ?, ?, ?, ?)",
      id,
      d.webhookId,
      d.payload,
      now,
      now,
      d.attempts,
    );
    await markDeliveryPending(this.env.DB, id, now);
    await this.arm();
    return getDelivery(this.env.DB, id);
  }

  /** Tests only (PARLEY_TEST_CLOCK=1): moves this object's clock forward. */
  async advanceClockForTests(ms: number): Promise<number> {
    return this.clock.advance(ms);
  }

  /** Sends everything that is due, reschedules the failures, re-arms. */
  override async alarm(): Promise<void> {
    const now = this.clock.now();
    const due = this.sql.exec<QueueRow>("SELECT * FROM queue WHERE next_at <= ? ORDER BY next_at LIMIT 60", now).toArray();
    for (let i = 0; i < due.length; i += 6) await Promise.all(due.slice(i, i + 6).map((row) => this.attempt(row, now)));
    await this.prune(now);
    await this.arm();
  }

  private async attempt(row: QueueRow, now: number): Promise<void> {
    const w = await getWebhook(this.env.DB, row.webhook_id);
    const attempt = row.attempt + 1;
    if (!w || !w.enabled) {
      const gone = { status: null, error: w ? "the webhook is disabled" : "the webhook was deleted", durationMs: 0 };
      if (w) await recordAttempt(this.env.DB, row.id, { attempt, at: now, ...gone }, { status: "failed", nextAttemptAt: null });
      this.sql.exec("DELETE FROM queue WHERE id = ?", row.id);
      return;
    }
    const outcome = await postSigned(w.url, (await openSecret(this.env.PARLEY_SECRET, w.secretSealed)) ?? "", row.id, row.payload);
    const next = outcome.ok ? null : nextAttemptAt(row.created_at, attempt, now);
    await recordAttempt(
      this.env.DB,
      row.id,
      { attempt, at: now, status: outcome.status, error: outcome.error, durationMs: outcome.durationMs },
      { status: outcome.ok ? "delivered" : next === null ? "failed" : "pending", nextAttemptAt: next },
    );
    if (next === null) this.sql.exec("DELETE FROM queue WHERE id = ?", row.id);
    else this.sql.exec("UPDATE queue SET attempt = ?, next_at = ? WHERE id = ?", attempt, next, row.id);
  }

  /** Once a day: forget this site's log entries older than LOG_DAYS. */
  private async prune(now: number): Promise<void> {
    const meta = new Map(
      this.sql
        .exec<{ key: string; value: string }>("SELECT key, value FROM meta")
        .toArray()
        .map((r) => [r.key, r.value]),
    );
    const site = meta.get("site");
    if (!site || now - Number(meta.get("pruned") ?? 0) < 24 * 3600_000) return;
    await pruneDeliveries(this.env.DB, site, now - LOG_DAYS * 24 * 3600_000);
    this.sql.exec("INSERT INTO meta (key, value) VALUES ('pruned', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", String(now));
  }

  private remember(siteId: string): void {
    this.sql.exec("INSERT INTO meta (key, value) VALUES ('site', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", siteId);
  }
}
