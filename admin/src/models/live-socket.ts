// A WebSocket that reconnects by itself (backoff with jitter) and keeps itself alive with pings.

export interface LiveSocket {
  send(frame: unknown): void;
  close(): void;
}

/** Opens `url`; `onOpen` runs on every (re)connect, `onFrame` for each parsed JSON frame. */
export function liveSocket(
  url: string,
  handlers: { onOpen?: (ws: WebSocket) => void; onFrame: (frame: unknown) => void; onStatus: (up: boolean) => void },
): LiveSocket {
  let ws: WebSocket | null = null;
  let attempt = 0;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ping: ReturnType<typeof setInterval> | undefined;

  const connect = () => {
    ws = new WebSocket(url);
    ws.addEventListener("open", () => {
      attempt = 0;
      handlers.onStatus(true);
      handlers.onOpen?.(ws!);
      ping = setInterval(() => ws?.readyState === WebSocket.OPEN && ws.send("ping"), 25_000);
    });
    ws.addEventListener("message", (e) => {
      if (e.data === "pong") return;
      try {
        handlers.onFrame(JSON.parse(e.data as string));
      } catch {
        // ignore frames we cannot read
      }
    });
    ws.addEventListener("close", () => {
      clearInterval(ping);
      handlers.onStatus(false);
      if (closed) return;
      const delay = Math.min(15_000, 500 * 2 ** attempt++) * (0.5 + Math.random() / 2);
      timer = setTimeout(connect, delay);
    });
  };
  connect();
  return {
    send(frame) {
      if (ws?.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
    },
    close() {
      closed = true;
      clearTimeout(timer);
      clearInterval(ping);
      ws?.close(1000, "closed");
    },
  };
}
