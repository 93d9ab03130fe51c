// A WebSocket that comes back by itself: exponential backoff with jitter after a drop, an immediate
// check when the tab returns to the foreground or the network comes back (mobile browsers drop
// sockets in the background), and a ping/pong heartbeat that notices a dead connection.

const MAX_BACKOFF_MS = 30_000;

/** Socket callbacks run outside any caller: a failure in them must not reach the host page. */
function guard(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    console.warn("[parley]", e);
  }
}
const PING_EVERY_MS = 25_000;
const PONG_WITHIN_MS = 5_000;

export interface SocketOptions {
  /** The URL to connect to now; null to retry later (with backoff), false to give up until start(). */
  prepare: () => Promise<string | null | false>;
  onOpen: (ws: WebSocket) => void;
  onMessage: (data: unknown) => void;
  onDown: () => void;
}

export class ReconnectingSocket {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private ping: ReturnType<typeof setInterval> | undefined;
  private deadline: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private connecting = false;
  private readonly opts: SocketOptions;

  constructor(opts: SocketOptions) {
    this.opts = opts;
  }

  get open(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  /** Connects (or reconnects at once) and keeps the socket up until stop(). */
  start(): void {
    this.running = true;
    this.attempt = 0;
    clearTimeout(this.retry);
    this.retry = undefined;
    void this.connect();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.retry);
    this.retry = undefined;
    this.drop(1000, "closed by the widget");
  }

  /** The server answered the handshake: later drops start the backoff from the beginning again. */
  healthy(): void {
    this.attempt = 0;
  }

  send(frame: unknown): boolean {
    if (!this.open) return false;
    try {
      this.ws!.send(typeof frame === "string" ? frame : JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  }

  /** Back in the foreground or online: reconnect now if down, or prove the socket is still alive. */
  check(): void {
    if (!this.running) return;
    if (!this.ws || this.ws.readyState > WebSocket.OPEN) return this.start();
    if (this.open) this.probe();
  }

  private async connect(): Promise<void> {
    if (!this.running || this.connecting) return;
    this.connecting = true;
    this.drop(1000, "reconnecting");
    let url: string | null | false;
    try {
      url = await this.opts.prepare();
    } catch {
      url = null;
    }
    this.connecting = false;
    if (!this.running) return;
    if (url === false) return void (this.running = false);
    if (url === null) return this.later();
    let ws: WebSocket;
    try {
      ws = new WebSocket(url);
    } catch {
      return this.later();
    }
    this.ws = ws;
    ws.addEventListener("open", () => {
      guard(() => this.opts.onOpen(ws));
      clearInterval(this.ping);
      this.ping = setInterval(() => this.probe(), PING_EVERY_MS);
    });
    ws.addEventListener("message", (e) => {
      clearTimeout(this.deadline);
      this.deadline = undefined;
      if (e.data !== "pong") guard(() => this.opts.onMessage(e.data));
    });
    ws.addEventListener("close", () => {
      if (this.ws !== ws) return;
      this.ws = null;
      clearInterval(this.ping);
      clearTimeout(this.deadline);
      guard(() => this.opts.onDown());
      this.later();
    });
  }

  private probe(): void {
    if (!this.send("ping") || this.deadline !== undefined) return;
    this.deadline = setTimeout(() => {
      this.deadline = undefined;
      // No answer: the connection is dead even if the browser has not noticed yet.
      const ws = this.ws;
      this.drop(4000, "heartbeat timeout");
      if (ws) {
        this.opts.onDown();
        this.later();
      }
    }, PONG_WITHIN_MS);
  }

  private later(): void {
    if (!this.running || this.retry !== undefined) return;
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempt) * (0.5 + Math.random() / 2);
    this.attempt++;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.connect();
    }, delay);
  }

  private drop(code: number, reason: string): void {
    const ws = this.ws;
    this.ws = null;
    clearInterval(this.ping);
    clearTimeout(this.deadline);
    this.deadline = undefined;
    if (ws && ws.readyState <= WebSocket.OPEN)
      try {
        ws.close(code, reason);
      } catch {
        // already closing
      }
  }
}
