// The conversation's timekeeping and delivery: its clock, the schedule table behind the one alarm, and
// the outbox that keeps D1 and the Inbox current. The object calls `sync` after every change; one
// delivery loop runs at a time, so a burst of changes costs a few D1 writes, not one per change.

import type { SlaPolicy } from "../../../protocol/src/sla.ts";
import { deliverOutboundItem } from "../channels/outbound.ts";
import { upsertConversation } from "../db/conversations.ts";
import { recordCsat } from "../db/csat.ts";
import { dispatchEvents } from "../webhooks/dispatch.ts";
import { Clock } from "./clock.ts";
import { deadlines } from "./deadlines.ts";
import { alertOf, Outbox, retryDelay, SAFETY_RETRY_MS, summaryOf, type OutboxItem } from "./index-sync.ts";
import type { ConversationState, Effect } from "./lifecycle.ts";
import { Schedule } from "./schedule.ts";
import { SearchSync } from "./search-sync.ts";

export class Engine {
  readonly schedule: Schedule;
  readonly outbox: Outbox;
  readonly clock: Clock;
  readonly search: SearchSync;
  private readonly env: Env;
  private delivering: Promise<void> | null = null;
  /** Told about channel deliveries agents should know of (a switch to email, a failure). */
  onNote: ((text: string) => void) | undefined;

  constructor(storage: DurableObjectStorage, env: Env) {
    this.env = env;
    this.schedule = new Schedule(storage);
    this.outbox = new Outbox(storage.sql);
    this.clock = new Clock(storage.sql, env.PARLEY_TEST_CLOCK === "1");
    this.search = new SearchSync(storage.sql);
  }

  /**
   * After a change: recompute the deadlines and re-arm the alarm, queue the new summary for D1 and the
   * Inbox (in the same storage transaction as the change, with a safety retry armed in case the process
   * dies before delivering), and start delivering. `delivered()` tells when that is done.
   */
  async sync(s: ConversationState, policy: SlaPolicy, now: number): Promise<void> {
    this.schedule.replaceTimers(deadlines(s, policy));
    const summary = summaryOf(s);
    this.outbox.put({ key: "index", body: summary });
    this.outbox.put({ key: "inbox", body: { ...summary, assigneeName: s.assignee?.name ?? null } });
    if (this.search.behind(s.lastSeq)) this.outbox.put({ key: "search", body: { siteId: s.siteId, conversationId: s.id } });
    if (this.schedule.get("index-retry") === null) this.schedule.set("index-retry", now + SAFETY_RETRY_MS);
    await this.schedule.rearm();
    void this.deliver();
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

  /** Delivers the outbox (joining a delivery in progress); what fails is retried by the alarm with backoff. */
  deliver(): Promise<void> {
    return (this.delivering ??= this.deliveryLoop());
  }

  private async deliveryLoop(): Promise<void> {
    try {
      // Changes made while a pass was out are picked up by the next pass (their version is newer).
      for (;;) {
        const left = await this.outbox.flush((item) => this.deliverItem(item));
        if (left.failed > 0) {
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
      }
    } finally {
      // Runs in the same turn as the last check (the loop always awaits first, so `delivering` was
      // set by then): a change queued after this point starts a new loop.
      this.delivering = null;
    }
  }

  private async deliverItem(item: OutboxItem): Promise<void> {
    const inbox = () => this.env.INBOX.get(this.env.INBOX.idFromName(item.body.siteId));
    if (item.key === "index") await upsertConversation(this.env.DB, item.body);
    else if (item.key === "inbox") await inbox().conversationChanged(item.body);
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
