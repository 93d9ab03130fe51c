// WebSocket client helpers for the load generator: connect with a deadline, wait for a frame, run
// set-up work with bounded concurrency. Every wait has a deadline so a run always ends by itself.

import WebSocket from "ws";

/** Only loopback addresses may be targets: the benchmarks never send traffic off this machine. */
export function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (!/^127\.\d+\.\d+\.\d+$/.test(host) && host !== "localhost" && host !== "[::1]") throw new Error(`refusing to load a non-loopback host: ${host}`);
}

/**
 * Opens a WebSocket and resolves once it is open — or, with `until`, once a frame satisfying it has
 * arrived too (listening from the start, since a server may push its first frame with the handshake).
 * Rejects after `timeoutMs`.
 */
export function connect(url: string, headers: Record<string, string> = {}, until?: (text: string) => boolean, timeoutMs = 15_000): Promise<WebSocket> {
  assertLoopback(url);
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, perMessageDeflate: false, handshakeTimeout: timeoutMs });
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`timed out ${until ? "waiting for the first frame" : "connecting"}: ${url.replace(/token=[^&]+/, "token=…")}`));
    }, timeoutMs);
    const onMessage = (data: WebSocket.RawData) => {
      if (!until?.(data.toString())) return;
      ws.off("message", onMessage);
      clearTimeout(timer);
      resolve(ws);
    };
    if (until) ws.on("message", onMessage);
    ws.once("open", () => {
      // From here on a socket error shows as a close (and as missing messages), never as a crash.
      ws.on("error", () => undefined);
      if (until) return;
      clearTimeout(timer);
      resolve(ws);
    });
    ws.once("unexpected-response", (_req, res) => {
      clearTimeout(timer);
      reject(new Error(`connection refused with HTTP ${res.statusCode}: ${url.replace(/token=[^&]+/, "token=…")}`));
    });
    ws.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/** Resolves with the first text frame for which `match` returns a value (rejects after `timeoutMs`). */
export function waitFor<T>(ws: WebSocket, match: (text: string) => T | null | undefined, timeoutMs = 15_000, what = "frame"): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData) => {
      const v = match(data.toString());
      if (v === null || v === undefined) return;
      done();
      resolve(v);
    };
    const onClose = () => {
      done();
      reject(new Error(`socket closed while waiting for ${what}`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      ws.off("message", onMessage);
      ws.off("close", onClose);
    };
    ws.on("message", onMessage);
    ws.on("close", onClose);
  });
}

/** Runs `task(i)` for i in [0, n) with at most `concurrency` in flight; results in order. */
export async function pool<T>(n: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out = new Array<T>(n);
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      out[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  return out;
}

/** Closes sockets and waits (briefly) until they are closed. */
export async function closeAll(sockets: readonly WebSocket[], timeoutMs = 5_000): Promise<void> {
  await Promise.all(
    sockets.map(
      (ws) =>
        new Promise<void>((resolve) => {
          if (ws.readyState === WebSocket.CLOSED) return resolve();
          const timer = setTimeout(() => {
            ws.terminate();
            resolve();
          }, timeoutMs);
          ws.once("close", () => {
            clearTimeout(timer);
            resolve();
          });
          ws.close(1000, "bench done");
        }),
    ),
  );
}

/** Parses JSON without throwing. */
export function tryJson(text: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === "object" && v !== null ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
