// 200 hostile strings (test/fixtures/hostile-strings.ts) sent through the real HTTP and WebSocket
// APIs as visitor messages, visitor names (identify), contact attributes, agent replies and private
// notes — then rendered in real Chromium, in the widget (each conversation, through its shadow root)
// and in the agent console. Nothing may execute (a window.__pwned trap, dialogs, no script / iframe /
// on* attribute / javascript: link in the DOM), the text shows as text, and oversized strings get a
// clear refusal without breaking the conversation.

import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { hostileStrings, MESSAGE_LIMIT, SPOT_CHECKS } from "../fixtures/hostile-strings.ts";
import { launchBrowser, signIn } from "./browser.ts";
import { E2E_SITES } from "./fixtures.ts";
import { agentEmail, sitePage } from "./widget-helpers.ts";

const baseUrl = inject("baseUrl");
const SITE = E2E_SITES.widget;
const GROUPS = 10;
const STRINGS = hostileStrings();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

type Answer = { status: number; body: Record<string, any> };

/** A JSON request to Parley; a 429 is waited out (other tests share the address's rate limits). */
async function http(path: string, o: { body?: unknown; token?: string; cookie?: string; method?: string } = {}): Promise<Answer> {
  for (;;) {
    const res = await fetch(`${baseUrl}${path}`, {
      method: o.method ?? (o.body === undefined ? "GET" : "POST"),
      headers: {
        origin: baseUrl,
        "content-type": "application/json",
        ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
        ...(o.cookie ? { cookie: o.cookie } : {}),
      },
      ...(o.body === undefined ? {} : { body: JSON.stringify(o.body) }),
    });
    if (res.status === 429) {
      await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get("retry-after") ?? "1")));
      continue;
    }
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, any>) : {} };
  }
}

/** A refusal a person can read: 4xx with `{ error: { code, message } }`. */
function clearRefusal(a: Answer, what: string): void {
  expect(a.status, what).toBeGreaterThanOrEqual(400);
  expect(a.status, what).toBeLessThan(500);
  expect(typeof a.body.error?.code === "string" && typeof a.body.error?.message === "string", what).toBe(true);
}

const accepted = (s: string) => s.length <= MESSAGE_LIMIT && s.trim().length > 0;
/** Text that must show up verbatim in textContent: no control characters, no lone surrogates. */
const verbatim = (s: string) => !/[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

/** The visitor's socket from Node: sends one message at a time and returns the server's answer to it. */
async function visitorSocket(id: string, token: string) {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, "ws")}/widget/v1/sites/${SITE}/conversations/${id}/ws?token=${encodeURIComponent(token)}`, {
    headers: { origin: baseUrl },
  } as never);
  const frames: Record<string, any>[] = [];
  ws.addEventListener("message", (e) => frames.push(JSON.parse(String(e.data)) as Record<string, any>));
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener("open", () => resolve(), { once: true });
    ws.addEventListener("error", () => reject(new Error("visitor socket failed")), { once: true });
  });
  const next = async (from: number, pred: (f: Record<string, any>) => boolean): Promise<Record<string, any>> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const hit = frames.slice(from).find(pred);
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`visitor socket: no answer in ${JSON.stringify(frames.slice(from).map((f) => f.t))}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  ws.send(JSON.stringify({ t: "hello", v: 1, after: 0 }));
  await next(0, (f) => f.t === "welcome");
  return {
    async send(text: string, clientId: string): Promise<Record<string, any>> {
      for (;;) {
        const from = frames.length;
        ws.send(JSON.stringify({ t: "send", clientId, text }));
        const answer = await next(
          from,
          (f) => (f.t === "ack" && f.clientId === clientId) || (f.t === "error" && (f.clientId === clientId || f.code === "too_large")),
        );
        if (answer.code !== "rate_limited") return answer;
        await new Promise((r) => setTimeout(r, 1000 * (answer.retryAfter as number)));
      }
    },
    close: () => ws.close(),
  };
}

interface Seeded {
  id: string;
  token: string;
  strings: string[];
  marker: string;
  name: string | null;
}

/** One conversation carrying 20 of the strings in every role; returns what the browser should show. */
async function seedGroup(g: number, agentCookie: string): Promise<Seeded> {
  const strings = STRINGS.slice(g * 20, g * 20 + 20);
  let token = (await http(`/widget/v1/sites/${SITE}/session`, { body: {} })).body.token as string;
  const started = await http(`/widget/v1/sites/${SITE}/conversations`, { body: { locale: "en" }, token });
  expect(started.status, JSON.stringify(started.body)).toBeLessThan(300);
  const id = started.body.conversation.id as string;

  // Visitor messages over the socket: stored, or refused with a clear error frame.
  const socket = await visitorSocket(id, token);
  for (const [i, s] of strings.entries()) {
    const answer = await socket.send(s, `h${g}-${i}`);
    if (accepted(s)) expect(answer.t, `visitor message ${JSON.stringify(s.slice(0, 80))}`).toBe("ack");
    else {
      expect(answer.t).toBe("error");
      expect(["too_large", "too_long", "empty"]).toContain(answer.code);
      expect(answer.message.length).toBeGreaterThan(0);
    }
  }

  // Names (identify, carried by the session call) and attributes.
  let name: string | null = null;
  for (const s of strings) {
    const r = await http(`/widget/v1/sites/${SITE}/session`, { body: { token, identify: { userId: `hostile-${g}`, name: s } } });
    if (s.length <= 200) {
      expect(r.status).toBe(200);
      expect(r.body.identify?.ok, JSON.stringify(r.body.identify)).toBe(true);
      token = r.body.token as string;
      if (s.trim()) name = s.trim();
    } else if (r.status === 200) expect(r.body.identify).toMatchObject({ ok: false, code: "invalid" });
    else clearRefusal(r, `name of ${s.length} characters`);
  }
  const fits = strings.filter((s) => s.length <= 1000);
  const attrs = await http(`/widget/v1/sites/${SITE}/session`, { body: { token, attributes: Object.fromEntries(fits.map((s, i) => [`h${i}`, s])) } });
  expect(attrs.status, JSON.stringify(attrs.body)).toBe(200);
  const big = strings.filter((s) => s.length > 1000);
  if (big.length) clearRefusal(await http(`/widget/v1/sites/${SITE}/attributes`, { body: { attributes: { big: big[0] } }, token }), "oversized attribute");

  // Agent replies and private notes.
  for (const [i, s] of strings.entries()) {
    const r = await http(`/api/v1/conversations/${id}/messages`, { body: { text: s, private: i % 2 === 1 }, cookie: agentCookie });
    if (accepted(s)) expect(r.status, JSON.stringify(r.body).slice(0, 200)).toBe(201);
    else clearRefusal(r, `agent text of ${s.length} characters`);
  }

  // The conversation still works after all that.
  const marker = `still working ${g}`;
  expect((await socket.send(marker, `marker-${g}`)).t).toBe("ack");
  socket.close();
  return { id, token, strings, marker, name };
}

/** Installs the traps: any script or handler that runs sets window.__pwned; dialogs are recorded. */
async function trapped(page: Page): Promise<string[]> {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    w.__pwned = 0;
    for (const f of ["alert", "confirm", "prompt", "print"]) w[f] = () => (w.__pwned = `${f} called`);
  });
  return dialogs;
}

/** Elements and attributes that would mean hostile markup got in, under `root` and every shadow root. */
function domProblems(rootSelector: string | null): string[] {
  const bad: string[] = [];
  const visit = (root: Document | ShadowRoot | Element) => {
    for (const el of Array.from(root.querySelectorAll("*"))) {
      const tag = el.tagName.toLowerCase();
      if (["script", "iframe", "object", "embed", "frame", "frameset", "base", "meta", "math"].includes(tag)) bad.push(`<${tag}>`);
      for (const a of Array.from(el.attributes)) {
        if (/^on/i.test(a.name)) bad.push(`${tag}[${a.name}]`);
        // Browsers drop whitespace and control characters inside a URL's scheme.
        const scheme = a.value.replace(/[\u0000-\u0020]/g, "").toLowerCase();
        const badUrl = /^(href|src|action|formaction|xlink:href|poster|data)$/i.test(a.name) && /^(javascript|vbscript|data):/.test(scheme);
        if (badUrl || a.name === "srcdoc" || (a.name === "style" && /expression\(|javascript:|url\(/i.test(a.value)))
          bad.push(`${tag}[${a.name}=${a.value.slice(0, 60)}]`);
      }
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  const root = rootSelector ? document.querySelector(rootSelector) : document.body;
  if (root) visit(root.shadowRoot ?? root);
  return bad;
}

describe("200 hostile strings", () => {
  it("are stored or clearly refused, and render as inert text in the widget and the console", async () => {
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: baseUrl },
      body: JSON.stringify({ email: agentEmail(SITE), password: "parley-demo" }),
    });
    expect(login.status).toBe(200);
    const agentCookie = login.headers.get("set-cookie")!.split(";")[0]!;
    expect(STRINGS).toHaveLength(200);
    const groups: Seeded[] = [];
    for (let g = 0; g < GROUPS; g++) groups.push(await seedGroup(g, agentCookie));

    // The widget: each visitor's own conversation, resumed from its token, panel open.
    const shown = new Set<string>();
    for (const c of groups) {
      const ctx = await browser.newContext({ locale: "en-US" });
      const page = await ctx.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      const dialogs = await trapped(page);
      await page.addInitScript(
        ([site, token]) => {
          localStorage.setItem(`parley:${site}:token`, token!);
          localStorage.setItem(`parley:${site}:open`, "1");
        },
        [SITE, c.token],
      );
      await page.goto(sitePage(baseUrl, SITE));
      const messages = page.locator("parley-chat").locator('[part~="message"]');
      await messages.filter({ hasText: c.marker }).waitFor({ timeout: 15_000 });
      const text = await page.locator("parley-chat").evaluate((el) => el.shadowRoot!.textContent ?? "");
      for (const s of SPOT_CHECKS) if (c.strings.includes(s)) (expect(text, `widget shows ${s}`).toContain(s), shown.add(s));
      expect(await page.evaluate(domProblems, "parley-chat")).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { __pwned: unknown }).__pwned)).toBe(0);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
      await ctx.close();
    }
    expect([...shown].sort()).toEqual([...SPOT_CHECKS].sort());

    // The agent console: every conversation, messages, notes, the contact's name and attributes.
    const ctx = await browser.newContext({ locale: "en-US", viewport: { width: 1366, height: 900 } });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const dialogs = await trapped(page);
    await signIn(page, baseUrl, agentEmail(SITE));
    for (const c of groups) {
      await page.goto(`${baseUrl}/admin/conversations/${c.id}`);
      await page.locator(".msg .text", { hasText: c.marker }).first().waitFor({ timeout: 15_000 });
      // Each message's text, exactly as sent (replies, notes and the visitor's messages).
      const texts = new Set(await page.locator(".msg .text").evaluateAll((els) => els.map((e) => e.textContent ?? "")));
      for (const s of c.strings.filter((x) => accepted(x) && verbatim(x))) expect(texts.has(s), `console shows ${JSON.stringify(s.slice(0, 80))}`).toBe(true);
      const text = await page.evaluate(() => document.body.textContent ?? "");
      if (c.name && verbatim(c.name)) expect(text).toContain(c.name);
      expect(await page.evaluate(domProblems, null)).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { __pwned: unknown }).__pwned)).toBe(0);
    }
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await ctx.close();
  }, 240_000);
});
