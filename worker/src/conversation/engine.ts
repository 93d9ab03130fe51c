// The conversation's timekeeping and delivery: its clock, the schedule table behind the one alarm, and
// the outbox that keeps D1 and the Inbox current. The object calls `sync` after every change; one
// delivery loop runs at a time, and a change that only moves the message preview (text, counts, times)
// waits for the coalescing window, so a busy conversation costs about one D1 write, one Inbox call and
// one search batch per window instead of one per message. Anything else goes out at once.

import type { SlaPolicy } from "../../../protocol/src/sla.ts";
import type { ConversationSummary } from "../../../protocol/src/types.ts";
import { deliverOutboundItem } from "../channels/outbound.ts";
import { upsertConversationStatement } from "../db/conversations.ts";
import { recordCsat } from "../db/csat.ts";
import { indexMessageStatements } from "../db/search.ts";
import { dispatchEvents } from "../webhooks/dispatch.ts";
import { Clock } from "./clock.ts";
import { deadlines } from "./deadlines.ts";
import { alertOf, Outbox, retryDelay, SAFETY_RETRY_MS, summaryOf, type OutboxItem } from "./index-sync.ts";
import type { ConversationState, Effect } from "./lifecycle.ts";
import { Schedule } from "./schedule.ts";
import { SearchSync } from "./search-sync.ts";

declare global {
  interface Env {
    /** Coalescing window for preview-only updates in ms (default 1000; "0" delivers every change at once). */
    PARLEY_COALESCE_MS?: string;
  }
}

/** Default coalescing window (ms): how stale a list's message preview may be while a conversation is busy. */
export const COALESCE_MS = 1000;

/**
 * The part of a summary the Inbox and the lists act on (queue, assignment, SLA, filters). A change
 * here goes out at once; a change elsewhere (last message, counts, `updatedAt`) can wait for the window.
 */
export function listKey(s: ConversationSummary): string {
  return JSON.stringify([
    s.status,
    s.priority,
    s.team,
    s.assigneeId,
    s.assigneeName ?? null,
    s.contactId,
    s.labels,
    s.handoffAt,
    s.firstResponseAt,
    s.resolvedAt,
    s.slaFirstResponseDue ?? null,
    s.slaResolutionDue ?? null,
    s.slaBreaches ?? [],
  ]);
}

export class Engine {
  readonly schedule: Schedule;
  readonly outbox: Outbox;
  readonly clock: Clock;
  readonly search: SearchSync;
  private readonly env: Env;
  private delivering: Promise<void> | null = null;
  /** Coalescing window (ms). */
  private readonly window: number;
  /** When the last delivery pass started (clock ms); -Infinity before the first since waking. */
  private lastPassAt = -Infinity;
  /** The list key of the last summary queued (null: unknown since waking, so the next change is urgent). */
  private lastListKey: string | null = null;
  /** Set when an urgent change arrives during a pass: the loop goes round again at once. */
  private urgentQueued = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Told about channel deliveries agents should know of (a switch to email, a failure). */
  onNote: ((text: string) => void) | undefined;

  constructor(storage: DurableObjectStorage, env: Env) {
    this.env = env;
    this.schedule = new Schedule(storage);
    this.outbox = new Outbox(storage.sql);
    this.clock = new Clock(storage.sql, env.PARLEY_TEST_CLOCK === "1");
    this.search = new SearchSync(storage.sql);
    const w = Number(env.PARLEY_COALESCE_MS ?? COALESCE_MS);
    this.window = Number.isFinite(w) && w >= 0 ? w : COALESCE_MS;
  }

  /**
   * After a change: recompute the deadlines and re-arm the alarm, queue the new summary for D1 and the
   * Inbox (in the same storage transaction as the change, with a safety retry armed in case the process
   * dies before delivering), and start delivering. `delivered()` tells when that is done.
   */
  async sync(s: ConversationState, policy: SlaPolicy, now: number): Promise<void> {
    this.schedule.replaceTimers(deadlines(s, policy));
    const summary = { ...summaryOf(s), assigneeName: s.assignee?.name ?? null };
    const search = this.search.behind(s.lastSeq) ? [{ key: "search" as const, body: { siteId: s.siteId, conversationId: s.id } }] : [];
    this.outbox.put({ key: "index", body: summary }, { key: "inbox", body: summary }, ...search);
    if (this.schedule.get("index-retry") === null) this.schedule.set("index-retry", now + SAFETY_RETRY_MS);
    await this.schedule.rearm();
    const key = listKey(summary);
    const urgent = key !== this.lastListKey || this.outbox.hasUrgent();
    this.lastListKey = key;
    this.kick(urgent);
  }

  /** Starts a delivery now (urgent, or the window has passed) or at the end of the window. */
  private kick(urgent: boolean): void {
    if (this.delivering) {
      if (urgent) this.urgentQueued = true;
      return; // the loop in progress picks the change up
    }
    const wait = this.lastPassAt + this.window - this.clock.now();
    if (urgent || wait <= 0) {
      void this.deliver();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.deliver();
    }, wait);
  }

  /** When the alarm found nothing to change: refresh deadlines, drop a spent safety retry, deliver what is left. */
  async quiet(s: ConversationState, policy: SlaPolicy): Promise<void> {
    this.schedule.replaceTimers(deadlines(s, policy));
    if (this.outbox.size() === 0) this.schedule.delete("index-retry");
    await this.schedule.rearm();
    await this.deliver();
  }

  /** Resolves once the delivery in progress (if any) is over: delivered, or queued for a retry. */
  delivered(): Promise<void> {
    return this.delivering ?? Promise.resolve();
  }

  /** Queues an SLA alert for the Inbox (delivered with the next sync). */
  alert(s: ConversationState, e: Extract<Effect, { type: "slaAlert" }>, now: number): void {
    this.outbox.put({ key: `alert:${now}:${e.kind}:${e.target}`, body: alertOf(s, e.kind, e.target, e.due, now) });
  }

  /** Cancels a delivery waiting for the window's end (the object's storage is about to go). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Delivers the outbox now (joining a delivery in progress); what fails is retried by the alarm with backoff. */
  deliver(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    return (this.delivering ??= this.deliveryLoop());
  }

  private async deliveryLoop(): Promise<void> {
    let failed = false;
    try {
      // Changes made while a pass was out are picked up by the next pass (their version is newer):
      // at once when one of them was urgent, else at the end of the window (the `finally` below).
      for (;;) {
        this.lastPassAt = this.clock.now();
        this.urgentQueued = false;
        const left = await this.outbox.flush((item) => this.deliverItem(item));
        if (left.failed > 0) {
          failed = true;
          this.schedule.set("index-retry", this.clock.now() + retryDelay(left.attempts));
          await this.schedule.rearm();
          return;
        }
        if (left.pending === 0) {
          // A retry that is already due has nothing left to do: drop it so the alarm does not wake for it.
          const retry = this.schedule.get("index-retry");
          if (retry !== null && retry <= this.clock.now()) {
            this.schedule.delete("index-retry");
            await this.schedule.rearm();
          }
          return;
        }
        if (!this.urgentQueued && this.window > 0) return; // preview-only changes: the window's end
      }
    } finally {
      // A change queued after the last pass (or during the loop's last await) starts a new loop, at
      // once or at the window's end; after a failure the alarm retries with backoff instead.
      this.delivering = null;
      if (!failed && !this.timer && this.outbox.size() > 0) this.kick(this.urgentQueued);
    }
  }

  private async deliverItem(item: OutboxItem): Promise<void> {
    const inbox = () => this.env.INBOX.get(this.env.INBOX.idFromName(item.body.siteId));
    if (item.key === "index") {
      // The row and the messages not yet searchable go to D1 in one batch (one round trip, one transaction).
      const db = this.env.DB;
      const search = this.search.next(item.body.siteId, item.body.id);
      await db.batch([upsertConversationStatement(db, item.body), ...indexMessageStatements(db, search?.rows ?? [])]);
      if (search) this.search.advance(search.last);
    } else if (item.key === "inbox") await inbox().conversationChanged(item.body);
    else if (item.key === "search") await this.search.deliver(this.env.DB, item.body.siteId, item.body.conversationId);
    else if (isCsat(item)) await recordCsat(this.env.DB, item.body);
    else if (isOut(item)) {
      if (this.outbox.replyQueuedBefore(item.body.message.seq)) throw new Error("an earlier reply is still waiting to be delivered");
      const r = await deliverOutboundItem(this.env, item.body, this.clock.now());
      if (r.note) this.onNote?.(r.note);
    } else if (isHook(item)) await dispatchEvents(this.env, item.body);
    else await inbox().slaAlert(item.body);
  }
}

const isCsat = (i: OutboxItem): i is Extract<OutboxItem, { key: `csat:${string}` }> => i.key.startsWith("csat:");
const isOut = (i: OutboxItem): i is Extract<OutboxItem, { key: `out:${string}` }> => i.key.startsWith("out:");
const isHook = (i: OutboxItem): i is Extract<OutboxItem, { key: `hook:${string}` }> => i.key.startsWith("hook:");
