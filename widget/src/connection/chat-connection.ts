// The widget's connection to the worker, as a Lit ReactiveController: the conversation and its
// socket, resume from the last seq after every reconnect, the shared outbox, typing and seen both
// ways, the queue position while waiting, and the unread count — kept in step across tabs through
// storage events. Who the visitor is (token, identify) lives in visitor-session.ts.

import type { ReactiveController } from "lit";
import { PROTOCOL_VERSION, parseServerFrame, type ServerFrame } from "../../../protocol/src/frames.ts";
import type { ChatMessage, ConversationView } from "../../../protocol/src/types.ts";
import type { EventName } from "../host.ts";
import { WidgetApi, type ApiResult } from "./api-client.ts";
import { storageKeys, type StorageKeys } from "./keys.ts";
import { newClientId, Outbox } from "./outbox.ts";
import { ReconnectingSocket } from "./socket.ts";
import { storage } from "./storage.ts";
import { VisitorSession, type SessionAnswer } from "./visitor-session.ts";

export type ConnectionStatus = "idle" | "connecting" | "online" | "offline";

export interface ConnectionOptions {
  apiBase: string;
  site: string;
  locale: () => string;
  /** True while the panel is open and the tab visible: new messages count as seen. */
  reading: () => boolean;
  emit: (name: EventName, detail: unknown) => void;
  unread: (count: number) => void;
  changed: () => void;
}

const QUEUE_POLL_MS = 15_000;

function parseRead(v: string | null): { id: string; seq: number } {
  const i = v?.lastIndexOf(":") ?? -1;
  return i > 0 ? { id: v!.slice(0, i), seq: Number(v!.slice(i + 1)) || 0 } : { id: "", seq: 0 };
}
const retryable = (r: { status: number }) => r.status === 0 || r.status === 429 || r.status >= 500;

export class ChatConnection implements ReactiveController {
  status: ConnectionStatus = "idle";
  messages: ChatMessage[] = [];
  conversation: ConversationView | null = null;
  agentTyping: string | null = null;
  /** The last seq an agent has seen. */
  agentSeen = 0;
  /** Something that stops the chat (e.g. the site wants visitors signed in), shown in the panel. */
  problem: { code: string; message: string } | null = null;
  /** True while resume() looks for a conversation under way on this device. */
  resuming = false;
  /** While rate limited: seconds to wait (shown, translated), until `slowUntil` (ms). */
  slowDown: { seconds: number; until: number } | null = null;
  readonly api: WidgetApi;
  readonly outbox: Outbox;
  private readonly keys: StorageKeys;
  private readonly socket: ReconnectingSocket;
  private readonly opts: ConnectionOptions;
  private conversationId: string | null = null;
  private prechat: Record<string, string> | null = null;
  private readonly visitor: VisitorSession;
  /** What this device has read: `conversationId:seq` in storage, shared by every tab. */
  private read: { id: string; seq: number };
  private seenSent = 0;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private queueTimer: ReturnType<typeof setTimeout> | undefined;
  private slowTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(opts: ConnectionOptions) {
    this.opts = opts;
    this.keys = storageKeys(opts.site);
    this.api = new WidgetApi(opts.apiBase, opts.site);
    this.visitor = new VisitorSession(this.api, this.keys.token, opts.emit);
    this.outbox = new Outbox(this.keys.outbox);
    this.read = parseRead(storage.get(this.keys.read));
    this.socket = new ReconnectingSocket({
      prepare: () => this.prepare(),
      onOpen: (ws) => ws.send(JSON.stringify({ t: "hello", v: PROTOCOL_VERSION, after: this.lastSeq() })),
      onMessage: (data) => this.onFrame(parseServerFrame(data)),
      onDown: () => this.set({ status: "offline" }),
    });
  }

  hostConnected(): void {
    window.addEventListener("storage", this.onStorage);
    window.addEventListener("online", this.onForeground);
    window.addEventListener("pageshow", this.onForeground);
    document.addEventListener("visibilitychange", this.onForeground);
  }

  hostDisconnected(): void {
    window.removeEventListener("storage", this.onStorage);
    window.removeEventListener("online", this.onForeground);
    window.removeEventListener("pageshow", this.onForeground);
    document.removeEventListener("visibilitychange", this.onForeground);
    this.socket.stop();
    clearTimeout(this.queueTimer);
    clearTimeout(this.slowTimer);
  }

  /**
   * The server said "too fast" (429 or a `rate_limited` frame): say so in the panel and, after the
   * wait, send what is still in the outbox. Nothing is lost; refused messages stay queued.
   */
  throttle(seconds: number): void {
    const s = Math.min(Math.max(1, Math.ceil(seconds)), 300);
    const until = Date.now() + s * 1000;
    if (this.slowDown && this.slowDown.until >= until) return;
    this.slowDown = { seconds: s, until };
    clearTimeout(this.slowTimer);
    this.slowTimer = setTimeout(() => {
      this.slowDown = null;
      if (this.socket.open && this.status === "online") this.flush();
      this.opts.changed();
    }, s * 1000);
    this.opts.emit("error", { code: "rate_limited", message: `Too many messages; waiting ${s} s.` });
    this.opts.changed();
  }

  /** True once this device has a visitor session. */
  get hasSession(): boolean {
    return this.visitor.exists;
  }

  /** True when a conversation exists (or is being started) on this device. */
  get started(): boolean {
    return this.conversationId !== null || this.outbox.items.length > 0;
  }

  /** At load: reconnect to the conversation under way on this device, if any. Writes nothing otherwise. */
  async resume(): Promise<void> {
    if (!this.visitor.exists && !this.outbox.pending().length) return;
    if (this.visitor.exists) {
      this.set({ resuming: true });
      const s = await this.session();
      if (s?.conversation) this.switchTo(s.conversation.id);
      this.set({ resuming: false });
    }
    if (this.conversationId || this.outbox.pending().length) this.socket.start();
  }

  /** Sends a visitor message (or a quick reply / hand-off payload); kept in the outbox until acknowledged. */
  send(text: string, payload?: string): void {
    this.outbox.add({ clientId: newClientId(), text, createdAt: Date.now(), ...(payload ? { payload } : {}) });
    this.opts.changed();
    if (this.conversation?.status === "closed") this.conversationId = null;
    if (this.socket.open && this.status === "online") this.flush();
    else if (this.status !== "connecting" || !this.conversationId) this.socket.start();
  }

  /** Starts the conversation with the pre-chat form's answers. */
  startWithPrechat(answers: Record<string, string>): void {
    this.prechat = answers;
    this.socket.start();
  }

  /** identify(): applied now when there is a session, else with the session when the visitor starts. */
  identify(input: unknown): void {
    this.visitor.identify(input);
  }

  /** setAttributes(): stored now when there is a session, else with the session. */
  setAttributes(input: unknown): void {
    this.visitor.setAttributes(input);
  }

  /** Tells the agent the visitor is (or stopped) typing. */
  typing(on: boolean): void {
    if (this.status === "online") this.socket.send({ t: "typing", on });
  }

  /** Marks everything shown as seen: clears the badge in every tab and tells the agent. */
  markSeen(): void {
    const last = this.lastSeq();
    if (!this.opts.reading() || last === 0) return;
    if (this.conversationId && (this.read.id !== this.conversationId || last > this.read.seq)) {
      this.read = { id: this.conversationId, seq: last };
      storage.set(this.keys.read, `${this.read.id}:${last}`);
    }
    if (last > this.seenSent && this.status === "online" && this.socket.send({ t: "seen", seq: last })) this.seenSent = last;
    this.countUnread();
  }

  /** Ensures a conversation exists (uploads and forms need its id); returns it, or an error. */
  async ensureConversation(): Promise<ApiResult<{ id: string }>> {
    if (this.conversationId && this.conversation?.status !== "closed") return { ok: true, status: 200, data: { id: this.conversationId } };
    const r = await this.create();
    if (r.ok) this.socket.start();
    return r;
  }

  /** Posts to a conversation route (csat, attachments) with the visitor's token. */
  conversationPath(path: string): string {
    return `/conversations/${encodeURIComponent(this.conversationId ?? "")}${path}`;
  }

  /** After the offline form: the conversation it created is the one to follow. */
  follow(conversationId: string): void {
    this.switchTo(conversationId);
    this.socket.start();
  }

  /** A session for forms that need one before any conversation exists (the offline form). */
  async ensureSession(): Promise<boolean> {
    return (await this.session()) !== null;
  }

  /** Forgets this device's visitor and conversation (log-out), in every tab. */
  reset(fromOtherTab = false): void {
    this.socket.stop();
    clearTimeout(this.queueTimer);
    if (!fromOtherTab) for (const key of Object.values(this.keys)) storage.remove(key);
    this.outbox.reload();
    this.visitor.forget();
    this.conversationId = null;
    this.prechat = null;
    this.read = { id: "", seq: 0 };
    this.seenSent = this.agentSeen = 0;
    this.set({ status: "idle", messages: [], conversation: null, agentTyping: null, problem: null });
    this.countUnread();
  }

  // ---- internals -------------------------------------------------------------------------------

  private set(patch: Partial<Pick<ChatConnection, "status" | "messages" | "conversation" | "agentTyping" | "problem" | "resuming">>): void {
    Object.assign(this, patch);
    this.opts.changed();
  }

  /** Follows another conversation (a new one after a closed one, or one found on another device). */
  private switchTo(id: string): void {
    if (id === this.conversationId) return;
    this.conversationId = id;
    this.messages = [];
    this.conversation = null;
    this.seenSent = this.agentSeen = 0;
  }

  private lastSeq(): number {
    return this.messages.length ? this.messages[this.messages.length - 1]!.seq : 0;
  }

  private refuse(r: { code: string; message: string }): void {
    this.set({ problem: { code: r.code, message: r.message }, status: "idle" });
    this.opts.emit("error", { code: r.code, message: r.message });
  }

  /** Starts or renews the visitor session; a refusal that retrying cannot fix stops the chat. */
  private async session(): Promise<SessionAnswer | null> {
    const r = await this.visitor.renew();
    if (r.ok) return r.data;
    if (r.retryAfter) this.throttle(r.retryAfter);
    else if (!retryable(r)) this.refuse(r);
    else this.opts.emit("error", { code: r.code, message: r.message });
    return null;
  }

  /** Creates (or finds) the visitor's conversation over HTTP. */
  private async create(): Promise<ApiResult<{ id: string }>> {
    if (!(await this.session())) return { ok: false, status: 0, code: "session", message: "No session." };
    const body = { locale: this.opts.locale(), pageUrl: location.href, ...(this.prechat ? { prechat: this.prechat } : {}) };
    const r = await this.api.request<{ conversation: ConversationView }>("/conversations", { body });
    if (!r.ok) {
      if (r.retryAfter) this.throttle(r.retryAfter);
      else if (!retryable(r)) this.refuse(r);
      return r;
    }
    this.switchTo(r.data.conversation.id);
    this.setConversation(r.data.conversation);
    return { ok: true, status: r.status, data: { id: r.data.conversation.id } };
  }

  /** Runs before every (re)connect: session renewal (a long outage may outlive the token), conversation. */
  private async prepare(): Promise<string | null | false> {
    if (this.status !== "online") this.set({ status: "connecting" });
    if (!this.conversationId || this.conversation?.status === "closed") {
      if (!this.outbox.pending().length && !this.prechat) return false;
      const r = await this.create();
      if (!r.ok) return retryable(r) ? (this.set({ status: "offline" }), null) : false;
    } else {
      const s = await this.session();
      if (!s) return this.problem ? false : (this.set({ status: "offline" }), null);
      if (s.conversation) this.switchTo(s.conversation.id);
      else if ((await this.api.request(this.conversationPath("/queue"))).status === 404) {
        // Deleted on the server (the site's data retention): start afresh, if there is anything to send.
        this.conversationId = null;
        this.set({ messages: [], conversation: null });
        return this.prepare();
      }
    }
    return this.api.socketUrl(this.conversationId!);
  }

  private flush(): void {
    if (this.slowDown) return; // the wait's end flushes
    for (const item of this.outbox.pending())
      this.socket.send({ t: "send", clientId: item.clientId, text: item.text, ...(item.payload ? { payload: item.payload } : {}) });
  }

  private addMessage(m: ChatMessage, live: boolean): void {
    if (this.messages.some((x) => x.seq === m.seq)) return;
    const last = this.lastSeq();
    this.messages = m.seq > last ? [...this.messages, m] : [...this.messages, m].sort((a, b) => a.seq - b.seq);
    if (m.clientId) this.outbox.remove(m.clientId);
    if (m.author === "agent") this.agentTyping = null;
    if (live && m.author !== "system") this.opts.emit("message", { author: m.author, text: m.text });
  }

  private setConversation(next: ConversationView): void {
    const prev = this.conversation;
    this.conversation = { ...next, ...(next.queuePosition === undefined && prev?.id === next.id ? { queuePosition: prev.queuePosition } : {}) };
    if (prev && prev.status === "bot" && next.status !== "bot" && next.status !== "resolved" && next.status !== "closed")
      this.opts.emit("handoff", { ...(next.agent ? { agentName: next.agent.name } : {}), ...(next.team ? { team: next.team } : {}) });
    if (prev && prev.status !== "resolved" && next.status === "resolved") this.opts.emit("resolved", {});
    if (next.status !== "queued") clearTimeout(this.queueTimer);
    else if (prev?.status !== "queued") this.pollQueue(1000);
  }

  /** Asks where the conversation stands in the queue, again and again while it waits. */
  private pollQueue(delay: number): void {
    clearTimeout(this.queueTimer);
    this.queueTimer = setTimeout(async () => {
      const r = await this.api.request<{ position: number | null }>(this.conversationPath("/queue"));
      if (this.conversation?.status !== "queued") return;
      const position = r.ok ? r.data.position : null;
      if (position) this.set({ conversation: { ...this.conversation, queuePosition: position } });
      // The Inbox learns of a hand-off just after the visitor does: ask again soon if it did not know yet.
      this.pollQueue(position ? QUEUE_POLL_MS : 2000);
    }, delay);
  }

  private countUnread(): void {
    const seen = this.read.id === this.conversationId ? this.read.seq : 0;
    this.opts.unread(this.messages.filter((m) => m.seq > seen && (m.author === "agent" || m.author === "bot")).length);
  }

  private onFrame(f: ServerFrame | null): void {
    if (!f) return;
    switch (f.t) {
      case "welcome":
        this.socket.healthy();
        this.status = "online";
        this.problem = null;
        this.setConversation(f.conversation);
        for (const m of f.messages) this.addMessage(m, false);
        this.flush();
        break;
      case "message":
        // A long resume backlog arrives as `backlog` messages: history, not news for the host page.
        this.addMessage(f.message, !f.backlog);
        break;
      case "ack":
        this.outbox.remove(f.clientId);
        break;
      case "state":
        this.setConversation(f.conversation);
        break;
      case "typing":
        if (f.author !== "agent") break;
        this.agentTyping = f.on ? (f.name ?? "") : null;
        clearTimeout(this.typingTimer);
        if (f.on) this.typingTimer = setTimeout(() => this.set({ agentTyping: null }), 8000);
        break;
      case "seen":
        if (f.by === "agent") this.agentSeen = Math.max(this.agentSeen, f.seq);
        break;
      case "error":
        // Too fast: the message stays queued and goes out after the wait (throttle emits the event).
        if (f.code === "rate_limited") this.throttle(f.retryAfter ?? 5);
        else {
          if (f.clientId) this.outbox.fail(f.clientId, f.message);
          this.opts.emit("error", { code: f.code, message: f.message });
        }
        break;
    }
    this.markSeen();
    this.countUnread();
    this.opts.changed();
  }

  /** Back in the foreground (or online): make sure the socket is alive, and count what is now read. */
  private readonly onForeground = (): void => {
    if (document.visibilityState === "hidden") return;
    this.socket.check();
    this.markSeen();
  };

  /** Other tabs: a conversation started, a reset, outbox changes, messages read. */
  private readonly onStorage = (e: StorageEvent): void => {
    try {
      if (e.key === this.keys.token) {
        if (e.newValue === null) return this.reset(true);
        if (this.visitor.adopt(e.newValue)) this.resume().catch((err: unknown) => console.warn("[parley]", err));
      } else if (e.key === this.keys.outbox) {
        if (this.outbox.reload()) this.opts.changed();
      } else if (e.key === this.keys.read) {
        const read = parseRead(e.newValue);
        if (read.id !== this.read.id || read.seq > this.read.seq) this.read = read;
        this.countUnread();
      }
    } catch (err) {
      console.warn("[parley]", err);
    }
  };
}
