// Inside the Conversation object: compares the state after a change with the last state it reported
// and queues the webhook events that happened (created, message, hand-off, assignment, resolution)
// in the outbox — in the same storage transaction as the change, so no event is lost or invented.

import type { ConversationState } from "../conversation/lifecycle.ts";
import type { Outbox } from "../conversation/index-sync.ts";
import type { ConversationStore } from "../conversation/store.ts";
import { siteHasWebhooks } from "./dispatch.ts";
import { conversationData, messageData, type WebhookEvent } from "./events.ts";

interface Snapshot {
  /** Batches queued so far (names the next `hook:<n>` entry). */
  n: number;
  handoffAt: number | null;
  assigneeId: string | null;
  resolvedAt: number | null;
  seq: number;
}

export class EventTap {
  private readonly sql: SqlStorage;
  private readonly env: Env;
  /** The last snapshot, as stored (undefined: not read since the object woke). */
  private snapshot: Snapshot | null | undefined;

  constructor(sql: SqlStorage, env: Env) {
    this.sql = sql;
    this.env = env;
    sql.exec("CREATE TABLE IF NOT EXISTS webhook_tap (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL)");
  }

  private load(): Snapshot | null {
    if (this.snapshot === undefined) {
      const row = this.sql.exec<{ body: string }>("SELECT body FROM webhook_tap WHERE id = 1").toArray()[0];
      this.snapshot = row ? (JSON.parse(row.body) as Snapshot) : null;
    }
    return this.snapshot;
  }

  /** The events between the last report and `s`. */
  private diff(before: Snapshot | null, s: ConversationState, store: ConversationStore, n: number): WebhookEvent[] {
    const at = new Date().toISOString();
    const out: WebhookEvent[] = [];
    const conversation = conversationData(s);
    const add = (type: WebhookEvent["type"], data: Record<string, unknown> = {}) =>
      out.push({ id: `evt_${s.id}_${n}_${out.length}`, type, timestamp: at, data: { conversation, ...data } });
    if (!before) add("conversation.created");
    for (const m of store.messagesAfter(before?.seq ?? 0, true, 500)) if (m.author !== "system") add("message.created", { message: messageData(m) });
    if (s.handoffAt !== null && s.handoffAt !== before?.handoffAt) add("conversation.handoff", { team: s.team });
    if (s.assignee && s.assignee.id !== before?.assigneeId) add("conversation.assigned", { assignee: { id: s.assignee.id, name: s.assignee.name } });
    if (s.status === "resolved" && s.resolvedAt !== null && s.resolvedAt !== before?.resolvedAt) add("conversation.resolved");
    return out;
  }

  /** Queues events that no state comparison shows (a survey answer), while the site has webhooks. */
  async emit(outbox: Outbox, siteId: string, events: WebhookEvent[]): Promise<void> {
    if (!events.length || !(await siteHasWebhooks(this.env, siteId).catch(() => true))) return;
    outbox.put({ key: `hook:${events[0]!.id}`, body: { siteId, events } });
  }

  /** Queues the events since the last report (only while the site has webhooks) and remembers the state. */
  async collect(s: ConversationState, store: ConversationStore, outbox: Outbox, _now: number): Promise<void> {
    const before = this.load();
    const n = (before?.n ?? 0) + 1;
    const active = await siteHasWebhooks(this.env, s.siteId).catch(() => true);
    const events = active ? this.diff(before, s, store, n) : [];
    const next: Snapshot = {
      n: events.length ? n : (before?.n ?? 0),
      handoffAt: s.handoffAt,
      assigneeId: s.assignee?.id ?? null,
      resolvedAt: s.resolvedAt,
      seq: s.lastSeq,
    };
    if (events.length) outbox.put({ key: `hook:${n}`, body: { siteId: s.siteId, events } });
    if (!before || JSON.stringify(before) !== JSON.stringify(next)) {
      this.sql.exec("INSERT INTO webhook_tap (id, body) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body", JSON.stringify(next));
      this.snapshot = next;
    }
  }
}
