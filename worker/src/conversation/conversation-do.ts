// The Conversation Durable Object: single writer of one conversation's history and state; runs triage
// while the bot is in charge; fans messages out to visitor and agent sockets (Hibernation API); runs its
// timers (SLA, snooze, inactivity, follow-up) from one alarm; keeps D1 and the Inbox current via an outbox.

import { DurableObject } from "cloudflare:workers";
import { MAX_FRAME_BYTES, PROTOCOL_VERSION, frameTooLarge, parseClientFrame, type ServerFrame } from "../../../protocol/src/frames.ts";
import type { Attachment, Channel, ChatMessage, ConversationSummary, ConversationView } from "../../../protocol/src/types.ts";
import { outboundItemOf, visitorPresent } from "../channels/conversation-glue.ts";
import { setContactAttribute } from "../db/contacts.ts";
import { getSite } from "../db/sites.ts";
import { listTeamMemberIds } from "../db/teams.ts";
import { loadTriageContext } from "../db/triage-context.ts";
import { isBusinessHours, localTime } from "../lib/time.ts";
import { detectLanguage } from "../triage/text.ts";
import { addHandoffNotice, planBotTurn, planQueuedAnswer } from "./bot.ts";
import { nextDue } from "./deadlines.ts";
import { Engine } from "./engine.ts";
import { CsatLog, rateConversation, type CsatInput, type CsatResult } from "./csat.ts";
import { handoffNotice, nextOpening } from "./handoff-notice.ts";
import { summaryOf } from "./index-sync.ts";
import { initialState, transition, type AgentRef, type ConversationState, type Effect, type LifecycleEvent, type SystemNote } from "./lifecycle.ts";
import { AGENT_ATTACHMENTS, checkMessage, visitorAttachmentRules } from "./limits.ts";
import { policyFor } from "./policy-cache.ts";
import { erasedState, eraseMessages, messageAttachments } from "./privacy.ts";
import { cachedVersion, compiledFor } from "./ruleset-cache.ts";
import { reconcileSla } from "./sla.ts";
import { broadcastFrame, publishMessage, sendFrame, sendWelcome, setSocketInfo, socketInfo, type SocketInfo } from "./sockets.ts";
import { ConversationStore, type NewMessage } from "./store.ts";
import { csatEvent } from "../webhooks/events.ts";
import { EventTap } from "../webhooks/tap.ts";
import { MAX_VISITOR_SOCKETS, rateScale } from "../ratelimit/limits.ts";
import { SocketLimits } from "./socket-limits.ts";
import { NOT_OWN_FILES, ownAttachments } from "./own-files.ts";

/** What the worker passes when a conversation starts. */
export interface CreateConversation {
  id: string;
  siteId: string;
  contactId: string;
  visitorId: string | null;
  channel: ConversationState["channel"];
  locale: string;
  pageUrl?: string | null;
}

export type SendResult = { ok: true; message: ChatMessage; duplicate: boolean } | { ok: false; code: string; message: string; field?: string };

/** Everything an agent's console shows about a conversation. */
export interface ConversationDetail {
  state: ConversationState;
  messages: ChatMessage[];
  /** The index row as the object sees it now (SLA deadlines included). */
  summary: ConversationSummary;
  /** Pending deadlines (kind → when), earliest first. */
  schedule: { kind: string; due: number }[];
}

export class ConversationDO extends DurableObject<Env> {
  private storeInstance: ConversationStore | undefined;
  private tapInstance: EventTap | undefined;
  private engineInstance: Engine | undefined;
  private csatLog: CsatLog | undefined;
  private limitsInstance: SocketLimits | undefined;
  private cached: ConversationState | null | undefined;
  private stateDirty = false;
  /** Serialises every change so messages are stored and triaged strictly in arrival order. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // Keep-alive pings are answered by the runtime without waking a hibernated object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  }

  private get store(): ConversationStore {
    return (this.storeInstance ??= new ConversationStore(this.ctx.storage.sql));
  }

  /** Turns changes into webhook events (conversation.created, message.created, …) in the outbox. */
  private get webhookTap(): EventTap {
    return (this.tapInstance ??= new EventTap(this.ctx.storage.sql, this.env));
  }

  /** Clock, schedule and outbox, created on first use (the constructor runs on every wake). */
  private get engine(): Engine {
    if (!this.engineInstance) {
      this.engineInstance = new Engine(this.ctx.storage, this.env);
      // Channel deliveries agents should know of become private notes (not awaited: the delivery loop calls this).
      this.engineInstance.onNote = (text) => void this.serial(async () => this.channelNote(text)).catch(() => undefined);
    }
    return this.engineInstance;
  }

  private now(): number {
    return this.engine.clock.now();
  }

  /** Rate limits of the visitor's sockets (issue 10). */
  private get limits(): SocketLimits {
    return (this.limitsInstance ??= new SocketLimits(rateScale(this.env.PARLEY_RATE_LIMITS)));
  }

  private get state(): ConversationState | null {
    if (this.cached === undefined) this.cached = this.store.loadState();
    return this.cached;
  }

  /**
   * Changes the state. The row is written once per run of synchronous code (a microtask), not once per
   * call: still before any I/O can complete, so it commits with the messages written in the same turn.
   */
  private setState(s: ConversationState): void {
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
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work, work);
    this.chain = run.catch(() => undefined);
    return run.then(async (value) => {
      await this.engine.delivered();
      return value;
    });
  }

  // ---- RPC -------------------------------------------------------------------------------------

  /** Creates the conversation if it does not exist yet (idempotent) and returns the visitor's view. */
  async create(init: CreateConversation): Promise<ConversationView> {
    return this.serial(async () => {
      if (!this.state) {
        const now = this.now();
        this.setState(initialState(init, now));
        await this.settle(now);
      }
      return this.view(this.state!);
    });
  }

  /** The whole conversation for an agent: state and every message, notes and traces included. */
  async detail(): Promise<ConversationDetail | null> {
    const s = this.state;
    return s ? { state: s, messages: this.store.messagesAfter(0, false, 10_000), summary: summaryOf(s), schedule: this.engine.schedule.list() } : null;
  }

  /** Whether the web visitor is here now (an open socket): replies go by email when they are not. */
  async presence(): Promise<{ visitorOnline: boolean }> {
    return { visitorOnline: visitorPresent(this.ctx) };
  }

  /**
   * A message from the visitor; `attachments` come from an upload. Also used by non-web channels:
   * `channel` says which, and means its attachments were fetched and checked by the channel adapter.
   */
  async postVisitorMessage(input: { clientId: string; text: string; payload?: string; attachments?: Attachment[]; channel?: Channel }): Promise<SendResult> {
    return this.serial(() => this.visitorMessage(input));
  }

  /** Hands the conversation to a person's queue without the bot (e.g. a message from the offline form). */
  async handoff(input: { reason: string; team?: string | null }) {
    return this.serial(async () => this.applyEvents([{ type: "handoff", team: input.team ?? null, reason: input.reason }]));
  }

  /** The visitor's satisfaction answer for the current resolution; refused when not resolved or already rated. */
  async submitCsat(input: CsatInput): Promise<CsatResult> {
    return this.serial(async () => {
      const r = rateConversation(this.state, (this.csatLog ??= new CsatLog(this.ctx.storage.sql)), input, this.now());
      if (!r.ok) return r;
      this.appendMessage({ author: "system", text: r.note, event: "csat" }, r.response.createdAt);
      // D1 gets the answer through the outbox, in the same storage transaction: retried until it lands.
      this.engine.outbox.put({ key: `csat:${r.response.resolvedAt}`, body: r.response });
      await this.webhookTap.emit(this.engine.outbox, r.response.siteId, [csatEvent(r.response)]);
      await this.settle(r.response.createdAt);
      return r;
    });
  }

  /** A reply or private note from an agent. */
  async postAgentMessage(input: { agent: AgentRef; clientId?: string; text: string; private?: boolean; attachments?: Attachment[] }): Promise<SendResult> {
    return this.serial(() => this.agentMessage(input));
  }

  /**
   * Assigns (or unassigns, with `agent: null`) and optionally moves to a team, with a note.
   * `unlessTaken`: refuse (`already_assigned`) when someone else has it — a claim or the Inbox's
   * auto-assignment never takes a conversation from a person; `ifQueued`: only while it waits in the queue.
   */
  async assign(input: {
    agent: AgentRef | null;
    team?: string | null;
    by: AgentRef;
    note?: string;
    unlessTaken?: boolean;
    ifQueued?: boolean;
  }): Promise<SendResult | { ok: true; state: ConversationState }> {
    return this.serial(async () => {
      const s = this.state;
      const holder = s?.assignee ?? null;
      if (s && input.unlessTaken && holder && holder.id !== input.agent?.id)
        return { ok: false as const, code: "already_assigned", message: `${holder.name} has this conversation already.` };
      if (s && input.ifQueued && s.status !== "queued")
        return { ok: false as const, code: "not_queued", message: "This conversation is not waiting in the queue." };
      if (s && input.unlessTaken && holder && input.team === undefined && !input.note) return { ok: true as const, state: s }; // already theirs
      return this.applyEvents([
        {
          type: "assign",
          agent: input.agent,
          ...(input.team !== undefined ? { team: input.team } : {}),
          by: input.by,
          ...(input.note ? { note: input.note } : {}),
        },
      ]);
    });
  }

  async setStatus(input: { status: "open" | "pending" | "snoozed" | "resolved" | "closed"; snoozeUntil?: number; by: AgentRef }) {
    return this.serial(async () =>
      this.applyEvents([{ type: "setStatus", status: input.status, ...(input.snoozeUntil ? { snoozeUntil: input.snoozeUntil } : {}), by: input.by }]),
    );
  }

  async update(input: { priority?: ConversationState["priority"]; labels?: string[] }) {
    const events: LifecycleEvent[] = [];
    if (input.priority) events.push({ type: "setPriority", priority: input.priority });
    if (input.labels) events.push({ type: "setLabels", labels: input.labels });
    return this.serial(async () => this.applyEvents(events));
  }

  // ---- contact administration (merge and erase; orchestrated by worker/src/contacts/) -----------

  /** Moves the conversation from contact `from` to `to` (a merge). Idempotent; another contact is left alone. */
  async reassignContact(from: string, to: string): Promise<{ contactId: string } | null> {
    return this.serial(async () => {
      const s = this.state;
      if (!s) return null;
      if (s.contactId === from) {
        const now = this.now();
        this.setState({ ...s, contactId: to, updatedAt: now });
        await this.settle(now);
      }
      return { contactId: this.state!.contactId };
    });
  }

  /** Erases the visitor's personal data here (contact erase); returns the attachments whose files must go. */
  async anonymise(): Promise<{ attachments: Attachment[] } | null> {
    return this.serial(async () => {
      const s = this.state;
      if (!s) return null;
      const now = this.now();
      const attachments = eraseMessages(this.ctx.storage.sql);
      this.setState(erasedState(s, now));
      for (const ws of this.ctx.getWebSockets("visitor")) {
        try {
          ws.close(4403, "erased");
        } catch {
          // already gone
        }
      }
      await this.settle(now);
      return { attachments };
    });
  }

  /**
   * Deletes everything this object stores (data retention): sockets are closed, the alarm and all
   * storage go. Returns the attachments whose files the caller deletes; null when there was nothing.
   * Not through serial(), whose after-step would recreate the engine's tables in the emptied storage.
   */
  async purge(): Promise<{ attachments: Attachment[] } | null> {
    const run = this.chain.then(async () => {
      if (!this.state) return null;
      const attachments = messageAttachments(this.ctx.storage.sql);
      for (const ws of this.ctx.getWebSockets()) {
        try {
          ws.close(4410, "deleted");
        } catch {
          // already gone
        }
      }
      await this.engine.delivered();
      await this.ctx.storage.deleteAlarm();
      await this.ctx.storage.deleteAll();
      this.cached = null;
      this.engineInstance?.stop();
      this.storeInstance = this.engineInstance = this.csatLog = this.tapInstance = undefined;
      return { attachments };
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Tests only (PARLEY_TEST_CLOCK=1): moves this conversation's clock forward; returns the new time. */
  async advanceClockForTests(ms: number): Promise<number> {
    return this.serial(async () => this.engine.clock.advance(ms));
  }

  // ---- Timers ----------------------------------------------------------------------------------

  /** The one alarm: fires every deadline that is due (in order), retries the outbox, re-arms. */
  override async alarm(): Promise<void> {
    this.engine.schedule.fired();
    await this.serial(async () => {
      const now = this.now();
      try {
        await this.runTimers(now);
      } catch (e) {
        console.error("conversation timers failed; retrying", this.state?.id, e);
        this.engine.schedule.set("index-retry", now + 60_000);
        await this.engine.schedule.rearm();
      }
    });
  }

  private async runTimers(now: number): Promise<void> {
    const start = this.state;
    if (!start) return this.ctx.storage.deleteAlarm();
    const policy = await policyFor(this.env.DB, this.ctx.storage.sql, start.siteId);
    let changed = false;
    // Each fired timer makes itself not due (warned, breached, resolved, sent…); the cap is a safeguard.
    for (let i = 0; ; i++) {
      if (i === 20) {
        console.error("conversation timers did not settle", this.state!.id, this.engine.schedule.list());
        break;
      }
      const s = reconcileSla(this.state!, policy, now);
      if (s !== this.state) this.setState(s);
      const due = nextDue(s, policy, now);
      if (!due) break;
      const r = transition(s, due.event, now);
      if (!r.ok) break;
      this.setState(r.state);
      this.record(r.notes, now);
      await this.carryOut(r.effects, now);
      changed = true;
    }
    if (changed) {
      this.broadcast({ t: "state", conversation: this.view(this.state!) });
      return this.settle(now);
    }
    await this.engine.quiet(this.state!, policy);
  }

  // ---- WebSockets ------------------------------------------------------------------------------

  /** Accepts a WebSocket the worker has already authenticated (role and identity in headers). */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") return new Response("expected a WebSocket", { status: 426 });
    if (!this.state) return new Response("no such conversation", { status: 404 });
    const role = request.headers.get("x-parley-role") === "agent" ? "agent" : "visitor";
    if (role === "visitor" && this.ctx.getWebSockets("visitor").length >= MAX_VISITOR_SOCKETS)
      return Response.json({ error: { code: "too_many_connections", message: "Too many open chat windows; close some and try again." } }, { status: 429 });
    const info: SocketInfo = { role, ready: false };
    if (role === "agent") {
      try {
        info.agent = JSON.parse(request.headers.get("x-parley-agent") ?? "") as AgentRef;
      } catch {
        return new Response("bad agent", { status: 400 });
      }
    }
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    this.ctx.acceptWebSocket(server, [role]);
    setSocketInfo(server, info);
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
    const stored = socketInfo(ws);
    const info = stored ? { ...stored } : null;
    if (typeof data === "string" && frameTooLarge(data))
      return this.send(ws, { t: "error", code: "too_large", message: `Frames are at most ${MAX_FRAME_BYTES} bytes; that message was not sent.` });
    const frame = parseClientFrame(data);
    if (info?.role === "visitor" && !this.allowFrame(ws, frame)) return;
    if (!info || !frame) return this.send(ws, { t: "error", code: "bad_frame", message: "That frame was not understood." });
    if (!info.ready && frame.t !== "hello") return this.send(ws, { t: "error", code: "hello_first", message: "Send hello first." });
    switch (frame.t) {
      case "hello": {
        if (frame.v !== PROTOCOL_VERSION) return this.send(ws, { t: "error", code: "version", message: `Protocol version ${PROTOCOL_VERSION} is required.` });
        const s = this.state;
        if (!s) return ws.close(4404, "no such conversation");
        info.ready = true;
        setSocketInfo(ws, info);
        sendWelcome(ws, this.store, this.view(s), frame.after, info.role === "visitor");
        return;
      }
      case "send": {
        const files = frame.attachments ? { attachments: frame.attachments } : {};
        const result = await (
          info.role === "visitor"
            ? this.postVisitorMessage({ clientId: frame.clientId, text: frame.text, ...(frame.payload ? { payload: frame.payload } : {}), ...files })
            : this.postAgentMessage({ agent: info.agent!, clientId: frame.clientId, text: frame.text, ...(frame.private ? { private: true } : {}), ...files })
        ).catch((e: unknown): SendResult => {
          // Not stored: the client keeps the message and sends it again (same client id) later.
          console.error("send failed", this.state?.id, e);
          return { ok: false, code: "unavailable", message: "The message could not be sent right now; it will be retried." };
        });
        if (!result.ok) this.send(ws, { t: "error", code: result.code, message: result.message, clientId: frame.clientId });
        else if (result.duplicate) this.send(ws, { t: "ack", clientId: frame.clientId, seq: result.message.seq });
        return;
      }
      case "typing":
        this.broadcast(
          { t: "typing", author: info.role, ...(info.agent ? { name: info.agent.name } : {}), on: frame.on },
          info.role === "visitor" ? "agent" : undefined,
          ws,
        );
        return;
      case "seen":
        this.broadcast({ t: "seen", by: info.role, seq: frame.seq }, info.role === "visitor" ? "agent" : undefined, ws);
        return;
    }
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    } catch {
      // Already closed: nothing to answer.
    }
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    try {
      ws.close(1011, "socket error");
    } catch {
      // The socket is gone; the others carry on.
    }
  }

  // ---- internals -------------------------------------------------------------------------------

  /**
   * Rate limits a visitor socket's frame: a refused send is answered `rate_limited` with `retryAfter`
   * (the widget keeps the message and sends it then); refused typing/seen frames are dropped; a socket
   * that goes on far past its rate is closed (1008). A retry of a stored message always goes through.
   */
  private allowFrame(ws: WebSocket, frame: ReturnType<typeof parseClientFrame>): boolean {
    const now = this.now();
    const f = this.limits.frame(ws, now);
    const isNewSend = frame?.t === "send" && !this.store.findByClientKey(`v:${frame.clientId}`);
    const v = !f.ok ? f : isNewSend ? this.limits.send(now) : f;
    if (v.ok) return true;
    if (v.close) {
      try {
        ws.close(1008, "rate limited");
      } catch {
        // already closed
      }
      return false;
    }
    if (frame?.t === "send")
      this.send(ws, {
        t: "error",
        code: "rate_limited",
        message: `You are sending messages too quickly. Please wait ${v.retryAfter} s.`,
        clientId: frame.clientId,
        retryAfter: v.retryAfter,
      });
    return false;
  }

  private send(ws: WebSocket, frame: ServerFrame): void {
    sendFrame(ws, frame);
  }

  /** Sends to every ready socket (of one role, if given), except `skip`. */
  private broadcast(frame: ServerFrame, role?: "visitor" | "agent", skip?: WebSocket): void {
    broadcastFrame(this.ctx, frame, role, skip);
  }

  private publish(m: ChatMessage): void {
    publishMessage(this.ctx, m);
  }

  private view(s: ConversationState): ConversationView {
    const v: ConversationView = { id: s.id, status: s.status, lastSeq: s.lastSeq };
    if (s.assignee) v.agent = { id: s.assignee.id, name: s.assignee.name, ...(s.assignee.avatar ? { avatar: s.assignee.avatar } : {}) };
    if (s.team) v.team = s.team;
    return v;
  }

  private appendMessage(m: NewMessage, now: number): ChatMessage {
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
  private async channelNote(text: string): Promise<void> {
    if (!this.state) return;
    const now = this.now();
    this.appendMessage({ author: "system", text, private: true, event: "channel" }, now);
    await this.settle(now);
  }

  /** Records system notes in the history (private ones are for agents only). */
  private record(notes: SystemNote[], now: number): void {
    for (const n of notes) this.appendMessage({ author: "system", text: n.text, event: n.event, ...(n.private ? { private: true } : {}) }, now);
  }

  /** Carries out what a transition asked for: outbound messages and SLA alerts for the Inbox. */
  private async carryOut(effects: Effect[], now: number): Promise<void> {
    for (const e of effects) {
      if (e.type === "send") this.appendMessage({ author: e.author, text: e.text, event: e.event }, now);
      else this.engine.alert(this.state!, e, now);
    }
  }

  /** Applies lifecycle events (all or none), records their system notes, and tells everyone. */
  private async applyEvents(
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

  private async visitorMessage(input: {
    clientId: string;
    text: string;
    payload?: string;
    attachments?: Attachment[];
    channel?: Channel;
  }): Promise<SendResult> {
    if (!this.state) return { ok: false, code: "not_found", message: "No such conversation." };
    const key = `v:${input.clientId}`;
    const dup = this.store.findByClientKey(key);
    if (dup) return { ok: true, message: dup, duplicate: true };
    const viaChannel = input.channel !== undefined && input.channel !== "web";
    const rules =
      input.attachments?.length && !viaChannel
        ? visitorAttachmentRules((await getSite(this.env.DB, this.state.siteId))?.settings.attachments)
        : AGENT_ATTACHMENTS;
    const bad = checkMessage(input.text, input.attachments, rules);
    if (bad) return { ok: false, ...bad };
    if (input.attachments?.length) {
      // Only this conversation's uploads, as stored (issue 10): a frame cannot point anywhere else.
      const own = await ownAttachments(this.env.DB, this.state.id, input.attachments);
      if (!own) return NOT_OWN_FILES;
      const recheck = checkMessage(input.text, own, rules);
      if (recheck) return { ok: false, ...recheck };
      input = { ...input, attachments: own };
    }
    const now = this.now();
    const reopen = transition(this.state, { type: "visitorMessage" }, now);
    if (!reopen.ok) return reopen;
    this.setState(reopen.state);
    const files = input.attachments?.length ? { attachments: input.attachments } : {};
    const msg = this.appendMessage({ clientKey: key, author: "visitor", text: input.text, ...files }, now);
    this.broadcast({ t: "ack", clientId: input.clientId, seq: msg.seq }, "visitor");
    this.record(reopen.notes, now);
    const awaitsEmail = this.state.status === "queued" && this.state.pendingField?.kind === "handoff-email";
    // A file without a caption has nothing for the bot to read.
    if ((this.state.status === "bot" || awaitsEmail) && input.text.trim()) {
      try {
        await this.runBot(input.text, input.payload, now);
      } catch (e) {
        // The message is stored and acknowledged; a failed bot turn must not lose it or block the index.
        console.error("bot turn failed", this.state.id, e);
        await this.settle(now);
      }
    } else {
      if (reopen.notes.length) this.broadcast({ t: "state", conversation: this.view(this.state) });
      await this.settle(now);
    }
    return { ok: true, message: msg, duplicate: false };
  }

  private async runBot(text: string, payload: string | undefined, now: number): Promise<void> {
    const s = this.state!;
    if (s.status !== "bot") {
      // Queued, with the email question asked at hand-off open: store an email if one was given.
      const plan = planQueuedAnswer(s, text, now);
      this.setState({ ...s, pendingField: null });
      for (const a of plan.attributes) await setContactAttribute(this.env.DB, s.contactId, a.name, a.value, now);
      for (const r of plan.replies) this.appendMessage({ author: "bot", text: r.text, trace: r.trace }, now);
      await this.settle(now);
      return;
    }
    const ctx = await loadTriageContext(this.env.DB, s.siteId, s.contactId, cachedVersion(s.siteId));
    const ruleset = ctx ? compiledFor(s.siteId, ctx.rulesetVersion, ctx.ruleset) : null;
    if (!ctx || !ruleset) {
      // No published ruleset: nobody is trapped with a bot that cannot answer.
      await this.applyEvents([{ type: "handoff", team: null, reason: "no-ruleset" }], now);
      return;
    }
    const t = localTime(now, ctx.timezone);
    const language = detectLanguage(text);
    // Answer in the language the visitor writes: Chinese text gets Chinese replies even in an English UI.
    const replyLocale = language === "zh" && !s.locale.startsWith("zh") ? "zh-CN" : s.locale;
    const businessHours = isBusinessHours(now, ctx.timezone, ctx.businessHours);
    const plan = planBotTurn(
      ruleset,
      {
        message: { text, ...(payload ? { payload } : {}), language },
        channel: s.channel,
        page: { ...(s.pageUrl ? { url: s.pageUrl } : {}) },
        visitor: { tier: ctx.contact.tier, ...(ctx.contact.email ? { email: ctx.contact.email } : {}), attributes: ctx.contact.attributes },
        conversation: { botTurns: s.botTurns, missedTurns: s.missedTurns, labels: s.labels },
        time: { businessHours, weekday: t.weekday, hour: t.hour },
      },
      { ...s, locale: replyLocale },
      now,
    );
    if (plan.handoff) {
      // Before promising a person, find out whether one is there (online agents of the team, hours).
      const members = plan.handoff.team ? await listTeamMemberIds(this.env.DB, s.siteId, plan.handoff.team) : [];
      const online = await this.env.INBOX.get(this.env.INBOX.idFromName(s.siteId))
        .availability(members.length ? members : null)
        .then((a) => a.online)
        .catch(() => 0);
      const opening = nextOpening(now, ctx.timezone, ctx.businessHours, replyLocale);
      const email = (plan.attributes.find((a) => a.name === "email")?.value as string | undefined) ?? ctx.contact.email;
      addHandoffNotice(
        plan,
        handoffNotice({ settings: ruleset.source.settings, availability: { online, businessHours }, locale: replyLocale, channel: s.channel, email, opening }),
      );
    }
    this.setState({ ...this.state!, botTurns: s.botTurns + 1, missedTurns: s.missedTurns + (plan.missed ? 1 : 0), pendingField: plan.pendingField });
    // Answers are stored before the bot confirms them.
    for (const a of plan.attributes) await setContactAttribute(this.env.DB, s.contactId, a.name, a.value, now);
    for (const r of plan.replies)
      this.appendMessage({ author: "bot", text: r.text, ...(r.quickReplies ? { quickReplies: r.quickReplies } : {}), trace: r.trace }, now);
    await this.applyEvents(plan.events, now);
    if (plan.handoff?.note) this.appendMessage({ author: "system", text: `Hand-off note: ${plan.handoff.note}`, private: true, event: "handoff-note" }, now);
    // The trace rides on the turn's first bot message; notices carry it only when nothing came before.
    for (const text of plan.notices) this.appendMessage({ author: "bot", text, ...(plan.replies.length ? {} : { trace: plan.trace }) }, now);
    if (plan.afterHandoff) this.setState({ ...this.state!, pendingField: plan.afterHandoff });
    if (plan.notices.length || plan.handoff?.note) await this.settle(now); // the index shows the latest message
  }

  private async agentMessage(input: { agent: AgentRef; clientId?: string; text: string; private?: boolean; attachments?: Attachment[] }): Promise<SendResult> {
    if (!this.state) return { ok: false, code: "not_found", message: "No such conversation." };
    const key = input.clientId ? `a:${input.clientId}` : undefined;
    if (key) {
      const dup = this.store.findByClientKey(key);
      if (dup) return { ok: true, message: dup, duplicate: true };
    }
    const bad = checkMessage(input.text, input.attachments, AGENT_ATTACHMENTS);
    if (bad) return { ok: false, ...bad };
    if (input.attachments?.length) {
      const own = await ownAttachments(this.env.DB, this.state.id, input.attachments);
      if (!own) return NOT_OWN_FILES;
      input = { ...input, attachments: own };
    }
    const now = this.now();
    const files = input.attachments?.length ? { attachments: input.attachments } : {};
    if (input.private) {
      const msg = this.appendMessage(
        {
          ...(key ? { clientKey: key } : {}),
          author: "agent",
          authorId: input.agent.id,
          authorName: input.agent.name,
          text: input.text,
          private: true,
          ...files,
        },
        now,
      );
      if (input.clientId) this.broadcast({ t: "ack", clientId: input.clientId, seq: msg.seq }, "agent");
      await this.settle(now);
      return { ok: true, message: msg, duplicate: false };
    }
    const r = transition(this.state, { type: "agentReplied", agent: input.agent }, now);
    if (!r.ok) return r;
    const viewBefore = JSON.stringify(this.view(this.state));
    this.setState(r.state);
    this.record(r.notes, now);
    const msg = this.appendMessage(
      {
        ...(key ? { clientKey: key } : {}),
        author: "agent",
        authorId: input.agent.id,
        authorName: input.agent.name,
        ...(input.agent.avatar ? { authorAvatar: input.agent.avatar } : {}),
        text: input.text,
        ...files,
      },
      now,
    );
    if (input.clientId) this.broadcast({ t: "ack", clientId: input.clientId, seq: msg.seq }, "agent");
    // Everyone hears of a change of status or agent (the reply that takes the conversation); the rest is in the message.
    const view = this.view(this.state);
    if (JSON.stringify({ ...view, lastSeq: undefined }) !== JSON.stringify({ ...JSON.parse(viewBefore), lastSeq: undefined }))
      this.broadcast({ t: "state", conversation: view });
    await this.settle(now);
    return { ok: true, message: msg, duplicate: false };
  }

  /** After every change: bring the SLA clock in line, then re-arm the timers and update D1 and the Inbox. */
  private async settle(now: number): Promise<void> {
    const first = this.state;
    if (!first) return;
    const policy = await policyFor(this.env.DB, this.ctx.storage.sql, first.siteId);
    const s = reconcileSla(this.state!, policy, now);
    if (s !== this.state) this.setState(s);
    await this.webhookTap.collect(s, this.store, this.engine.outbox, now);
    await this.engine.sync(s, policy, now);
  }
}
