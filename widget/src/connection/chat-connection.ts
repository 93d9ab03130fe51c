// The widget's connection to the worker, as a Lit ReactiveController: visitor session, conversation
// socket, automatic reconnect with backoff + jitter, resume from the last seq, and an outbox that
// sends messages typed while offline exactly once (the server deduplicates by client id).

import type { ReactiveController, ReactiveControllerHost } from "lit";
import { PROTOCOL_VERSION, parseServerFrame, type ServerFrame } from "../../../protocol/src/frames.ts";
import type { ChatMessage, ConversationView } from "../../../protocol/src/types.ts";
import { storage } from "./storage.ts";

export type ConnectionStatus = "idle" | "connecting" | "online" | "offline";

/** A message the visitor sent that the server has not acknowledged yet. */
export interface OutboxItem {
  clientId: string;
  text: string;
  payload?: string;
  createdAt: number;
  error?: string;
}

export interface ConnectionOptions {
  apiBase: string;
  site: string;
  locale: () => string;
  /** Called for events the element turns into public `parley:*` events. */
  emit: (name: "message" | "handoff" | "resolved" | "error" | "state", detail: unknown) => void;
}

const MAX_BACKOFF_MS = 30_000;

function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `c${Array.from(bytes, (b) => b.toString(36).padStart(2, "0")).join("")}`;
}

export class ChatConnection implements ReactiveController {
  status: ConnectionStatus = "idle";
  messages: ChatMessage[] = [];
  conversation: ConversationView | null = null;
  outbox: OutboxItem[] = [];
  agentTyping: string | null = null;

  private ws: WebSocket | null = null;
  private token: string | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private readonly keys: { token: string; outbox: string };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly opts: ConnectionOptions,
  ) {
    host.addController(this);
    this.keys = { token: `parley:${opts.site}:token`, outbox: `parley:${opts.site}:outbox` };
    this.token = storage.get(this.keys.token);
    this.outbox = storage.getJson<OutboxItem[]>(this.keys.outbox) ?? [];
  }

  hostConnected(): void {
    this.stopped = false;
    window.addEventListener("online", this.onOnline);
    document.addEventListener("visibilitychange", this.onOnline);
  }

  hostDisconnected(): void {
    this.stopped = true;
    window.removeEventListener("online", this.onOnline);
    document.removeEventListener("visibilitychange", this.onOnline);
    clearTimeout(this.retryTimer);
    this.ws?.close(1000, "widget removed");
    this.ws = null;
  }

  /** True when this device already has a visitor session (so the widget may connect at load). */
  get hasSession(): boolean {
    return this.token !== null;
  }

  /** Resumes an existing conversation on this device, if there is one. Writes nothing otherwise. */
  async resume(): Promise<void> {
    if (!this.token) return;
    const session = await this.session();
    if (session?.conversation) this.open(session.conversation.id);
  }

  /** Sends a visitor message; it is kept in the outbox until the server acknowledges it. */
  async send(text: string, payload?: string): Promise<void> {
    const item: OutboxItem = { clientId: newClientId(), text, createdAt: Date.now(), ...(payload ? { payload } : {}) };
    this.outbox = [...this.outbox, item];
    this.persistOutbox();
    this.host.requestUpdate();
    if (!this.conversation && !this.ws) {
      const started = await this.startConversation();
      if (!started) return;
    }
    this.flush();
  }

  /** Tells the other side the visitor is (or stopped) typing. */
  typing(on: boolean): void {
    if (this.ws?.readyState === WebSocket.OPEN && this.status === "online") this.ws.send(JSON.stringify({ t: "typing", on }));
  }

  /** Forgets this device's visitor and conversation (log-out). */
  reset(): void {
    storage.remove(this.keys.token);
    storage.remove(this.keys.outbox);
    this.token = null;
    this.outbox = [];
    this.messages = [];
    this.conversation = null;
    this.ws?.close(1000, "reset");
    this.ws = null;
    this.status = "idle";
    this.host.requestUpdate();
  }

  // ---- internals -------------------------------------------------------------------------------

  private readonly onOnline = (): void => {
    if (document.visibilityState === "hidden" || this.stopped || !this.conversation) return;
    if (!this.ws || this.ws.readyState > WebSocket.OPEN) {
      this.attempt = 0;
      clearTimeout(this.retryTimer);
      this.open(this.conversation.id);
    }
  };

  private persistOutbox(): void {
    storage.setJson(this.keys.outbox, this.outbox);
  }

  private async post(path: string, body: unknown): Promise<Response | null> {
    try {
      return await fetch(`${this.opts.apiBase}/widget/v1/sites/${encodeURIComponent(this.opts.site)}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
        body: JSON.stringify(body),
      });
    } catch {
      return null;
    }
  }

  private async session(): Promise<{ conversation: { id: string } | null } | null> {
    const res = await this.post("/session", this.token ? { token: this.token } : {});
    if (!res?.ok) {
      this.fail(res ? "session_refused" : "network", res ? `The chat service refused the session (${res.status}).` : "The chat service cannot be reached.");
      return null;
    }
    const body = (await res.json()) as { token: string; conversation: { id: string } | null };
    this.token = body.token;
    storage.set(this.keys.token, body.token);
    return body;
  }

  private async startConversation(): Promise<boolean> {
    this.status = "connecting";
    this.host.requestUpdate();
    if (!(await this.session())) return false;
    const res = await this.post("/conversations", { locale: this.opts.locale(), pageUrl: location.href });
    if (!res?.ok) {
      this.fail("conversation_refused", "The conversation could not be started.");
      return false;
    }
    const { conversation } = (await res.json()) as { conversation: ConversationView };
    this.conversation = conversation;
    this.open(conversation.id);
    return true;
  }

  private fail(code: string, message: string): void {
    this.status = "offline";
    this.opts.emit("error", { code, message });
    this.host.requestUpdate();
    this.scheduleReconnect();
  }

  private lastSeq(): number {
    return this.messages.length ? this.messages[this.messages.length - 1]!.seq : 0;
  }

  private open(conversationId: string): void {
    if (this.stopped) return;
    this.ws?.close(1000, "replaced");
    const base = this.opts.apiBase.replace(/^http/, "ws");
    const url = `${base}/widget/v1/sites/${encodeURIComponent(this.opts.site)}/conversations/${encodeURIComponent(conversationId)}/ws?token=${encodeURIComponent(this.token ?? "")}`;
    this.status = "connecting";
    this.host.requestUpdate();
    let ws: WebSocket;
    try {
      ws = new WebSocket(url);
    } catch {
      return this.scheduleReconnect();
    }
    this.ws = ws;
    ws.addEventListener("open", () => ws.send(JSON.stringify({ t: "hello", v: PROTOCOL_VERSION, after: this.lastSeq() })));
    ws.addEventListener("message", (e) => this.onFrame(parseServerFrame(e.data)));
    ws.addEventListener("close", () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.status = "offline";
      this.host.requestUpdate();
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.retryTimer !== undefined) return;
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempt) * (0.5 + Math.random() / 2);
    this.attempt++;
    this.retryTimer = setTimeout(async () => {
      this.retryTimer = undefined;
      if (this.conversation) {
        // Renew the visitor token first: a long outage may have outlived it.
        if (await this.session()) this.open(this.conversation.id);
      } else if (this.outbox.length) await this.startConversation();
    }, delay);
  }

  private flush(): void {
    if (this.ws?.readyState !== WebSocket.OPEN || this.status !== "online") return;
    for (const item of this.outbox)
      this.ws.send(JSON.stringify({ t: "send", clientId: item.clientId, text: item.text, ...(item.payload ? { payload: item.payload } : {}) }));
  }

  private addMessage(m: ChatMessage, live: boolean): void {
    const last = this.lastSeq();
    if (m.seq <= last && this.messages.some((x) => x.seq === m.seq)) return;
    this.messages = m.seq > last ? [...this.messages, m] : [...this.messages, m].sort((a, b) => a.seq - b.seq);
    if (m.clientId) this.outbox = this.outbox.filter((o) => o.clientId !== m.clientId);
    this.persistOutbox();
    if (live) this.opts.emit("message", m);
  }

  private setConversation(next: ConversationView): void {
    const prev = this.conversation;
    this.conversation = next;
    if (prev && prev.status === "bot" && next.status !== "bot" && next.status !== "resolved")
      this.opts.emit("handoff", { ...(next.agent ? { agentName: next.agent.name } : {}), ...(next.team ? { team: next.team } : {}) });
    if (prev && prev.status !== "resolved" && next.status === "resolved") this.opts.emit("resolved", {});
    this.opts.emit("state", next);
  }

  private onFrame(f: ServerFrame | null): void {
    if (!f) return;
    switch (f.t) {
      case "welcome":
        this.status = "online";
        this.attempt = 0;
        this.setConversation(f.conversation);
        for (const m of f.messages) this.addMessage(m, false);
        this.flush();
        break;
      case "message":
        // A long resume backlog arrives as `backlog` messages: history, not news for the host page.
        this.addMessage(f.message, !f.backlog);
        if (f.message.author === "agent") this.agentTyping = null;
        break;
      case "ack":
        this.outbox = this.outbox.filter((o) => o.clientId !== f.clientId);
        this.persistOutbox();
        break;
      case "state":
        this.setConversation(f.conversation);
        break;
      case "typing":
        if (f.author === "agent") {
          this.agentTyping = f.on ? (f.name ?? "") : null;
          clearTimeout(this.typingTimer);
          if (f.on) this.typingTimer = setTimeout(() => ((this.agentTyping = null), this.host.requestUpdate()), 6000);
        }
        break;
      case "error":
        if (f.clientId) {
          // A refused message stays visible with its reason; it is not retried.
          this.outbox = this.outbox.map((o) => (o.clientId === f.clientId ? { ...o, error: f.message } : o));
          this.persistOutbox();
        }
        this.opts.emit("error", { code: f.code, message: f.message });
        break;
      case "seen":
        break;
    }
    this.host.requestUpdate();
  }
}
