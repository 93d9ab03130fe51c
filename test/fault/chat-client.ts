// A scripted chat client for the fault test, behaving like the widget and the console: it sends a
// numbered stream of messages, keeps every unacknowledged one in an outbox, reconnects with backoff
// after the server dies, resumes with `hello { after: lastSeq }` and re-sends its outbox (same ids).

import { PROTOCOL_VERSION } from "../../protocol/src/frames.ts";
import type { ChatMessage } from "../../protocol/src/types.ts";

export interface ClientStats {
  sent: number;
  acked: number;
  resent: number;
  reconnects: number;
  /** Messages received more than once (same seq) on this client's sockets. */
  duplicateDeliveries: number;
  /** Acks whose seq disagreed with an earlier ack for the same client id. */
  conflictingAcks: number;
  /** Messages in the outbox at a reconnect that the welcome showed were stored already (their ack was lost). */
  storedButUnacked: number;
}

export class ChatClient {
  readonly name: string;
  /** Client ids in the order they were first sent. */
  readonly sentIds: string[] = [];
  /** clientId → seq, from acks (or our own message echoed back). */
  readonly acked = new Map<string, number>();
  /** Every message received, by seq. */
  readonly seen = new Map<number, ChatMessage>();
  readonly stats: ClientStats = { sent: 0, acked: 0, resent: 0, reconnects: 0, duplicateDeliveries: 0, conflictingAcks: 0, storedButUnacked: 0 };
  welcomed = false;

  private url: () => string;
  private readonly headers: Record<string, string>;
  private ws: WebSocket | null = null;
  private outbox: { clientId: string; text: string }[] = [];
  private stopped = false;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private next = 0;

  constructor(name: string, url: () => string, headers: Record<string, string> = {}) {
    this.name = name;
    this.url = url;
    this.headers = headers;
  }

  get lastSeq(): number {
    return this.seen.size ? Math.max(...this.seen.keys()) : 0;
  }

  get unacked(): string[] {
    return this.outbox.map((o) => o.clientId);
  }

  connect(): void {
    if (this.stopped) return;
    this.welcomed = false;
    // Node's WebSocket (undici) takes request headers: the console's socket needs its session cookie.
    const ws = new WebSocket(this.url(), { headers: this.headers } as unknown as string[]);
    this.ws = ws;
    ws.addEventListener("open", () => ws.send(JSON.stringify({ t: "hello", v: PROTOCOL_VERSION, after: this.lastSeq })));
    ws.addEventListener("message", (e) => this.onFrame(String(e.data)));
    ws.addEventListener("close", () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.welcomed = false;
      this.retry();
    });
    ws.addEventListener("error", () => undefined);
  }

  /** Sends the next numbered message (queued in the outbox until acknowledged). */
  sendNext(text?: string): void {
    const clientId = `${this.name}-${this.next}`;
    const item = { clientId, text: text ?? `${this.name} #${this.next}` };
    this.next++;
    this.sentIds.push(clientId);
    this.outbox.push(item);
    this.stats.sent++;
    if (this.welcomed) this.write(item);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    try {
      this.ws?.close(1000, "done");
    } catch {
      // already gone
    }
  }

  private write(item: { clientId: string; text: string }): void {
    try {
      this.ws?.send(JSON.stringify({ t: "send", clientId: item.clientId, text: item.text }));
    } catch {
      // the close event reconnects; the item stays in the outbox
    }
  }

  private retry(): void {
    if (this.stopped || this.timer !== undefined) return;
    const delay = Math.min(2000, 100 * 2 ** this.attempt++) * (0.5 + Math.random() / 2);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.stats.reconnects++;
      this.connect();
    }, delay);
  }

  private ack(clientId: string, seq: number): void {
    const before = this.acked.get(clientId);
    if (before !== undefined && before !== seq) this.stats.conflictingAcks++;
    if (before === undefined) {
      this.acked.set(clientId, seq);
      this.stats.acked++;
    }
    this.outbox = this.outbox.filter((o) => o.clientId !== clientId);
  }

  private record(m: ChatMessage): void {
    if (this.seen.has(m.seq)) this.stats.duplicateDeliveries++;
    this.seen.set(m.seq, m);
    if (m.clientId?.startsWith(`${this.name}-`)) this.ack(m.clientId, m.seq);
  }

  private onFrame(raw: string): void {
    if (raw === "pong") return;
    const f = JSON.parse(raw) as { t: string; messages?: ChatMessage[]; message?: ChatMessage; clientId?: string; seq?: number };
    if (f.t === "welcome") {
      const waiting = new Set(this.unacked);
      for (const m of f.messages ?? []) {
        if (m.clientId && waiting.has(m.clientId)) this.stats.storedButUnacked++;
        this.record(m);
      }
      this.welcomed = true;
      this.attempt = 0;
      // Like the widget: everything not yet acknowledged goes again, same client ids, in order.
      if (this.stats.reconnects > 0) this.stats.resent += this.outbox.length;
      for (const item of this.outbox) this.write(item);
    } else if (f.t === "message" && f.message) this.record(f.message);
    else if (f.t === "ack" && f.clientId?.startsWith(`${this.name}-`) && typeof f.seq === "number") this.ack(f.clientId, f.seq);
  }
}
