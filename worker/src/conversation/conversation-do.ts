// The Conversation Durable Object: single writer of one conversation's history and state; runs triage
// while the bot is in charge; fans messages out to visitor and agent sockets (Hibernation API); runs its
// timers (SLA, snooze, inactivity, follow-up) from one alarm; keeps D1 and the Inbox current via an outbox.

import { MAX_FRAME_BYTES, PROTOCOL_VERSION, frameTooLarge, parseClientFrame } from "../../../protocol/src/frames.ts";
import type { Attachment, Channel, ChatMessage, ConversationSummary, ConversationView } from "../../../protocol/src/types.ts";
import { visitorPresent } from "../channels/conversation-glue.ts";
import { nextDue } from "./deadlines.ts";
import { CsatLog, rateConversation, type CsatInput, type CsatResult } from "./csat.ts";
import { summaryOf } from "./index-sync.ts";
import { initialState, transition, type AgentRef, type ConversationState, type LifecycleEvent } from "./lifecycle.ts";
import { policyFor } from "./policy-cache.ts";
import { erasedState, eraseMessages, messageAttachments } from "./privacy.ts";
import { reconcileSla } from "./sla.ts";
import { sendWelcome, setSocketInfo, socketInfo, type SocketInfo } from "./sockets.ts";
import { csatEvent } from "../webhooks/events.ts";
import { MAX_VISITOR_SOCKETS, rateScale } from "../ratelimit/limits.ts";
import { SocketLimits } from "./socket-limits.ts";
import type { SendResult } from "./conversation-core.ts";
import { ConversationTurns } from "./conversation-turns.ts";

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

export type { SendResult };

/** Everything an agent's console shows about a conversation. */
export interface ConversationDetail {
  state: ConversationState;
  messages: ChatMessage[];
  /** The index row as the object sees it now (SLA deadlines included). */
  summary: ConversationSummary;
  /** Pending deadlines (kind → when), earliest first. */
  schedule: { kind: string; due: number }[];
}

export class ConversationDO extends ConversationTurns {
  private limitsInstance: SocketLimits | undefined;

  /** Rate limits of the visitor's sockets (issue 10). */
  private get limits(): SocketLimits {
    return (this.limitsInstance ??= new SocketLimits(rateScale(this.env.PARLEY_RATE_LIMITS)));
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

  /** Applies the rules' priority, labels and team to a message left in the offline form, without the bot speaking. */
  async classifyOffline(input: { text: string }): Promise<void> {
    return this.serial(async () => (this.state ? this.classifyQuietly(input.text, this.now()) : undefined));
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

  // ---- Socket rate limits ----------------------------------------------------------------------

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
}
