// Helpers for the widget's browser tests: a visitor page that records page errors and the widget's
// conversation id, and an agent driven through the real HTTP API and agent socket (not the console
// UI, which other work changes) so tests assert what the visitor sees.

import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { part } from "./browser.ts";

export interface Visitor {
  ctx: BrowserContext;
  page: Page;
  /** Uncaught exceptions and unhandled rejections on the page: the widget must never cause one. */
  errors: string[];
  /** The conversation the widget's socket is connected to (set once it connects). */
  conversationId: () => string | null;
  part: (name: string) => ReturnType<typeof part>;
  close: () => Promise<void>;
}

/** A host page embedding the widget of `site` with the one-tag snippet (static/try.html). */
export function sitePage(baseUrl: string, site: string): string {
  return `${baseUrl}/try?site=${encodeURIComponent(site)}`;
}

/** A new browser context: a new visitor with an empty storage. */
export function visitorContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ locale: "en-US", ...options });
}

/** Opens `url` in a fresh browser context (a new visitor), watching errors and sockets. */
export async function openVisitor(browser: Browser, url: string, options: BrowserContextOptions = {}): Promise<Visitor> {
  return visitorIn(await visitorContext(browser, options), url);
}

/** A page of an existing context (a second tab of the same visitor). */
export async function visitorIn(ctx: BrowserContext, url: string): Promise<Visitor> {
  const page = await ctx.newPage();
  const errors: string[] = [];
  let conversation: string | null = null;
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("websocket", (ws) => {
    const m = /\/conversations\/(c_[0-9a-z]+)\/ws/.exec(ws.url());
    if (m) conversation = m[1]!;
  });
  await page.goto(url);
  return { ctx, page, errors, conversationId: () => conversation, part: (name) => part(page, name), close: () => ctx.close() };
}

/** Waits until the widget has a conversation socket and returns the conversation id. */
export async function conversationOf(v: Visitor, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (!v.conversationId()) {
    if (Date.now() > deadline) throw new Error("the widget never opened a conversation socket");
    await v.page.waitForTimeout(50);
  }
  return v.conversationId()!;
}

/** Opens the panel and sends a message through the composer. */
export async function say(v: Visitor, text: string): Promise<void> {
  if ((await v.part("launcher").getAttribute("aria-expanded")) !== "true") await v.part("launcher").click();
  await v.part("input").fill(text);
  await v.part("input").press("Enter");
}

export interface AgentFrame {
  t: string;
  [k: string]: unknown;
}

/** An agent of a site, signed in over HTTP; acts through /api/v1 and the agent socket. */
export async function agentApi(baseUrl: string, email: string) {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email, password: "parley-demo" }),
  });
  if (login.status !== 200) throw new Error(`agent login failed: ${login.status}`);
  const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
  const me = (await (await fetch(`${baseUrl}/api/v1/auth/me`, { headers: { cookie } })).json()) as { user: { id: string; name: string } };
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
      method: "POST",
      headers: { cookie, origin: baseUrl, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  return {
    user: me.user,
    claim: (id: string) => post(`/conversations/${id}/assign`, { agentId: me.user.id }),
    reply: (id: string, text: string) => post(`/conversations/${id}/messages`, { text }),
    setStatus: (id: string, status: string) => post(`/conversations/${id}/status`, { status }),
    detail: async (id: string) =>
      (await (await fetch(`${baseUrl}/api/v1/conversations/${id}`, { headers: { cookie } })).json()) as {
        conversation: { status: string };
        messages: { seq: number; author: string; text: string; clientId?: string; event?: string; attachments?: { url: string; type: string }[] }[];
        contact: { email: string | null; name: string | null; attributes: Record<string, unknown> };
      },
    /** The agent's live socket to a conversation (typing, seen, replies). */
    socket: async (id: string) => {
      const ws = new WebSocket(`${baseUrl.replace(/^http/, "ws")}/api/v1/conversations/${id}/ws`, { headers: { cookie, origin: baseUrl } } as never);
      const frames: AgentFrame[] = [];
      ws.addEventListener("message", (e) => frames.push(JSON.parse(String(e.data)) as AgentFrame));
      await new Promise<void>((resolve, reject) => {
        ws.addEventListener("open", () => resolve(), { once: true });
        ws.addEventListener("error", () => reject(new Error("agent socket failed")), { once: true });
      });
      ws.send(JSON.stringify({ t: "hello", v: 1, after: 0 }));
      const waitFor = async (pred: (f: AgentFrame) => boolean, timeoutMs = 10_000) => {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const hit = frames.find(pred);
          if (hit) return hit;
          if (Date.now() > deadline) throw new Error(`agent socket: no matching frame in ${JSON.stringify(frames.map((f) => f.t))}`);
          await new Promise((r) => setTimeout(r, 25));
        }
      };
      await waitFor((f) => f.t === "welcome");
      return { frames, waitFor, send: (frame: unknown) => ws.send(JSON.stringify(frame)), close: () => ws.close() };
    },
  };
}

/** The demo agent login of a seeded site. */
export function agentEmail(site: string): string {
  return site === "demo" ? "agent@example.com" : `agent+${site}@example.com`;
}
