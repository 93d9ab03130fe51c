// Test fixtures for workerd integration tests: a seeded site per test, signed-in agents, visitors
// that talk over real WebSockets to the worker.

import { env, exports } from "cloudflare:workers";
import type { ServerFrame } from "../../protocol/src/frames.ts";
import { PROTOCOL_VERSION } from "../../protocol/src/frames.ts";
import { demoSeed, DEMO_PASSWORD } from "../../worker/src/db/seed.ts";

export const ORIGIN = "https://parley.test";
let counter = 0;

/**
 * Seeds a fresh site (unique key) with the demo owner/agent, team and starter ruleset. Auto-assignment
 * is off (`manual`) unless a test asks for a strategy, so a console opened to watch the live stream
 * does not take the conversations a test hands off.
 */
export async function seedSite(
  opts: { businessHours?: object; assignment?: "round_robin" | "least_busy" | "manual" } = {},
): Promise<{ site: string; owner: string; agent: string }> {
  const site = `s${Date.now().toString(36)}${(counter++).toString(36)}`;
  const { assignment = "manual", ...seedOpts } = opts;
  const statements = await demoSeed(Date.now(), { site, ...seedOpts });
  statements.push({ sql: "UPDATE sites SET assignment = ? WHERE id = ?", params: [assignment, site] });
  await env.DB.batch(statements.map((s) => env.DB.prepare(s.sql).bind(...s.params)));
  return { site, owner: `admin+${site}@example.com`, agent: `agent+${site}@example.com` };
}

/** Calls the worker's fetch handler (the real app) with a path on ORIGIN. */
export function call(path: string, init: RequestInit & { cookie?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("cookie", init.cookie);
  if (init.body && !headers.has("content-type")) headers.set("content-type", "application/json");
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, { ...init, headers }));
}

/** Signs in and returns the session cookie. */
export async function login(email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await call("/api/v1/auth/login", { method: "POST", body: JSON.stringify({ email, password }), headers: { origin: ORIGIN } });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get("set-cookie")!;
  return cookie.split(";")[0]!;
}

/** A WebSocket client that records every frame and lets a test wait for one. */
export class Client {
  readonly frames: ServerFrame[] = [];
  private waiters: { pred: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void }[] = [];
  constructor(readonly ws: WebSocket) {
    ws.accept();
    ws.addEventListener("message", (e) => {
      if (e.data === "pong") return;
      const f = JSON.parse(e.data as string) as ServerFrame;
      this.frames.push(f);
      this.waiters = this.waiters.filter((w) => (w.pred(f) ? (w.resolve(f), false) : true));
    });
  }
  send(frame: unknown): void {
    this.ws.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }
  /** Resolves with the first frame (already received or future) that matches. */
  waitFor<T extends ServerFrame["t"]>(
    t: T,
    pred: (f: Extract<ServerFrame, { t: T }>) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<Extract<ServerFrame, { t: T }>> {
    const match = (f: ServerFrame): boolean => f.t === t && pred(f as Extract<ServerFrame, { t: T }>);
    const seen = this.frames.find(match);
    if (seen) return Promise.resolve(seen as Extract<ServerFrame, { t: T }>);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${t}; got ${JSON.stringify(this.frames.map((f) => f.t))}`)), timeoutMs);
      this.waiters.push({ pred: match, resolve: (f) => (clearTimeout(timer), resolve(f as Extract<ServerFrame, { t: T }>)) });
    });
  }
  /** Messages received so far (welcome backlog + live), by seq, without duplicates. */
  messages() {
    const bySeq = new Map<number, Extract<ServerFrame, { t: "message" }>["message"]>();
    for (const f of this.frames) {
      if (f.t === "welcome") for (const m of f.messages) bySeq.set(m.seq, m);
      if (f.t === "message") bySeq.set(f.message.seq, f.message);
    }
    return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  }
  close(): void {
    this.ws.close(1000, "done");
  }
}

/** Opens a socket through the worker (the real route) and waits for the welcome. */
export async function connect(path: string, opts: { cookie?: string; after?: number } = {}): Promise<Client> {
  const res = await call(path, { headers: { upgrade: "websocket", origin: ORIGIN }, ...(opts.cookie ? { cookie: opts.cookie } : {}) });
  if (res.status !== 101 || !res.webSocket) throw new Error(`socket refused: ${res.status} ${await res.text()}`);
  const client = new Client(res.webSocket);
  client.send({ t: "hello", v: PROTOCOL_VERSION, after: opts.after ?? 0 });
  await client.waitFor("welcome");
  return client;
}

/** A web visitor: a session token and a started conversation. */
export async function startVisitor(site: string, locale = "en"): Promise<{ token: string; conversationId: string }> {
  const s = await call(`/widget/v1/sites/${site}/session`, { method: "POST", body: "{}", headers: { origin: ORIGIN } });
  const { token } = (await s.json()) as { token: string };
  const c = await call(`/widget/v1/sites/${site}/conversations`, {
    method: "POST",
    body: JSON.stringify({ locale }),
    headers: { origin: ORIGIN, authorization: `Bearer ${token}` },
  });
  const { conversation } = (await c.json()) as { conversation: { id: string } };
  return { token, conversationId: conversation.id };
}

export function visitorSocketPath(site: string, v: { token: string; conversationId: string }): string {
  return `/widget/v1/sites/${site}/conversations/${v.conversationId}/ws?token=${encodeURIComponent(v.token)}`;
}
