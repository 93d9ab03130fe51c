// The Conversation object's core, shared by its message turns and its RPC/socket surface: its state
// (cached, written once per turn), the change queue, storage, engine and webhook tap, and the steps
// every change goes through (append, transition, record, carry out, settle).

import { DurableObject } from "cloudflare:workers";
import type { ServerFrame } from "../../../protocol/src/frames.ts";
import type { ChatMessage, ConversationView } from "../../../protocol/src/types.ts";
import { outboundItemOf, visitorPresent } from "../channels/conversation-glue.ts";
import { EventTap } from "../webhooks/tap.ts";
import { CsatLog } from "./csat.ts";
import { Engine } from "./engine.ts";
import { transition, type ConversationState, type Effect, type LifecycleEvent, type SystemNote } from "./lifecycle.ts";
import { policyFor } from "./policy-cache.ts";
import { reconcileSla } from "./sla.ts";
import { broadcastFrame, publishMessage, sendFrame } from "./sockets.ts";
import { ConversationStore, type NewMessage } from "./store.ts";

/** What storing a message answers: the message (again, for a retried client id), or why not. */
export type SendResult = { ok: true; message: ChatMessage; duplicate: boolean } | { ok: false; code: string; message: string; field?: string };

export abstract class ConversationCore extends DurableObject<Env> {
  protected storeInstance: ConversationStore | undefined;
  protected tapInstance: EventTap | undefined;
  protected engineInstance: Engine | undefined;
  protected csatLog: CsatLog | undefined;
  protected cached: ConversationState | null | undefined;
  protected stateDirty = false;
  /** Serialises every change so messages are stored and triaged strictly in arrival order. */
  protected chain: Promise<unknown> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // Keep-alive pings are answered by the runtime without waking a hibernated object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  }

  protected get store(): ConversationStore {
    return (this.storeInstance ??= new ConversationStore(this.ctx.storage.sql));
  }

  /** Turns changes into webhook events (conversation.created, message.created, …) in the outbox. */
  protected get webhookTap(): EventTap {
    return (this.tapInstance ??= new EventTap(this.ctx.storage.sql, this.env));
  }

  /** Clock, schedule and outbox, created on first use (the constructor runs on every wake). */
  protected get engine(): Engine {
    if (!this.engineInstance) {
      this.engineInstance = new Engine(this.ctx.storage, this.env);
      // Channel deliveries agents should know of become private notes (not awaited: the delivery loop calls this).
      this.engineInstance.onNote = (text) => void this.serial(async () => this.channelNote(text)).catch(() => undefined);
    }
    return this.engineInstance;
  }

  protected now(): number {
    return this.engine.clock.now();
  }

  protected get state(): ConversationState | null {
    if (this.cached === undefined) this.cached = this.store.loadState();
    return this.cached;
  }

  /**
   * Changes the state. The row is written once per run of synchronous code (a microtask), not once per
   * call: still before any I/O can complete, so it commits with the messages written in the same turn.
   */
  protected setState(s: ConversationState): void {
    this.cached = s;
    if (this.stateDirty) return;
    this.stateDirty = true;
    queueMicrotask(() => {
      this.stateDirty = false;
      if (this.cached) this.store.saveState(this.cached);
    });
  }

  /**
   * Runs a change after every earlier one. The caller also waits until D1 and the Inbox have the
   * change (or it is queued for retry), but the next change does not: deliveries coalesce under load.
   */
  protected serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work, work);
    this.chain = run.catch(() => undefined);
    return run.then(async (value) => {
      await this.engine.delivered();
      return value;
    });
  }

  protected send(ws: WebSocket, frame: ServerFrame): void {
    sendFrame(ws, frame);
  }

  /** Sends to every ready socket (of one role, if given), except `skip`. */
  protected broadcast(frame: ServerFrame, role?: "visitor" | "agent", skip?: WebSocket): void {
    broadcastFrame(this.ctx, frame, role, skip);
  }

  protected publish(m: ChatMessage): void {
    publishMessage(this.ctx, m);
  }

  protected view(s: ConversationState): ConversationView {
    const v: ConversationView = { id: s.id, status: s.status, lastSeq: s.lastSeq };
    if (s.assignee) v.agent = { id: s.assignee.id, name: s.assignee.name, ...(s.assignee.avatar ? { avatar: s.assignee.avatar } : {}) };
    if (s.team) v.team = s.team;
    return v;
  }

  protected appendMessage(m: NewMessage, now: number): ChatMessage {
    const msg = this.store.append(m, now);
    const s = this.state!;
    const next: ConversationState = { ...s, lastSeq: msg.seq, updatedAt: now };
    if (!m.private && m.author !== "system") {
      next.messageCount = s.messageCount + 1;
      next.lastMessage = { text: m.text.slice(0, 200), author: m.author, at: now };
    }
    if (m.author === "visitor") next.lastVisitorAt = now;
    if (!m.private && (m.author === "agent" || m.author === "bot")) next.lastReplyAt = now;
    if (!m.private && m.author === "agent") next.lastAgentReplyAt = now;
    this.setState(next);
    this.publish(msg);
    if (!m.private && (m.author === "agent" || m.author === "bot")) this.deliverOutbound(msg);
    return msg;
  }

  /**
   * Sends a message to the customer on the conversation's channel. On the web the message log is the
   * channel (the widget shows it live or when the visitor returns), so there is nothing more to do.
   * Other channels (email, Telegram, WhatsApp, SMS, API) hook in here: queue the message in the outbox
   * under `out:<seq>` so a failed delivery is retried, and deliver it in `Engine.deliverItem`.
   */
  protected deliverOutbound(message: ChatMessage): void {
    const s = this.state!;
    // Web: the log is the channel while the visitor is there; once they have gone, it continues by email.
    if (s.channel === "web" && visitorPresent(this.ctx)) return;
    this.engine.outbox.put({ key: `out:${message.seq}`, body: outboundItemOf(s, message, this.now()) });
  }

  /** A private note about a channel delivery (see Engine.onNote). */
  protected async channelNote(text: string): Promise<void> {
    if (!this.state) return;
    const now = this.now();
    this.appendMessage({ author: "system", text, private: true, event: "channel" }, now);
    await this.settle(now);
  }

  /** Records system notes in the history (private ones are for agents only). */
  protected record(notes: SystemNote[], now: number): void {
    for (const n of notes) this.appendMessage({ author: "system", text: n.text, event: n.event, ...(n.private ? { private: true } : {}) }, now);
  }

  /** Carries out what a transition asked for: outbound messages and SLA alerts for the Inbox. */
  protected async carryOut(effects: Effect[], now: number): Promise<void> {
    for (const e of effects) {
      if (e.type === "send") this.appendMessage({ author: e.author, text: e.text, event: e.event }, now);
      else this.engine.alert(this.state!, e, now);
    }
  }

  /** Applies lifecycle events (all or none), records their system notes, and tells everyone. */
  protected async applyEvents(
    events: LifecycleEvent[],
    now = this.now(),
  ): Promise<{ ok: true; state: ConversationState } | { ok: false; code: string; message: string }> {
    let s = this.state;
    if (!s) return { ok: false, code: "not_found", message: "No such conversation." };
    // Check every event first, so a refused one changes nothing.
    for (const e of events) {
      const r = transition(s, e, now);
      if (!r.ok) return r;
      s = r.state;
    }
    for (const e of events) {
      const r = transition(this.state!, e, now);
      if (!r.ok) break;
      this.setState(r.state);
      this.record(r.notes, now);
      await this.carryOut(r.effects, now);
    }
    this.broadcast({ t: "state", conversation: this.view(this.state!) });
    await this.settle(now);
    return { ok: true, state: this.state! };
  }

  /** After every change: bring the SLA clock in line, then re-arm the timers and update D1 and the Inbox. */
  protected async settle(now: number): Promise<void> {
    const first = this.state;
    if (!first) return;
    const policy = await policyFor(this.env.DB, this.ctx.storage.sql, first.siteId);
    const s = reconcileSla(this.state!, policy, now);
    if (s !== this.state) this.setState(s);
    await this.webhookTap.collect(s, this.store, this.engine.outbox, now);
    await this.engine.sync(s, policy, now);
  }
}
