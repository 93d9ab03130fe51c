// Floods hit the rate limits (429 + Retry-After, `rate_limited` frames) while well-behaved visitors on
// the same site — elsewhere, and behind the very same shared address — are still served.

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { rateLimiterStub } from "../../worker/src/ratelimit/limit.ts";
import { conversationStub } from "../../worker/src/stubs.ts";
import { call, connect, ORIGIN, seedSite, visitorSocketPath } from "../integration/helpers.ts";

/** A widget call from a given client address (what Cloudflare puts in CF-Connecting-IP). */
function from(ip: string, site: string, path: string, o: { token?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = { origin: ORIGIN, "cf-connecting-ip": ip };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  return call(`/widget/v1/sites/${site}${path}`, {
    method: o.body === undefined ? "GET" : "POST",
    headers,
    ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
  });
}

async function visitorAt(ip: string, site: string): Promise<string> {
  const r = await from(ip, site, "/session", { body: {} });
  expect(r.status).toBe(200);
  return ((await r.json()) as { token: string }).token;
}

describe("rate limits on the widget's routes", () => {
  it("refuses a flood of new visitors from one address with 429 + Retry-After, and serves another address meanwhile", async () => {
    const { site } = await seedSite();
    const statuses: number[] = [];
    let refused: Response | null = null;
    for (let i = 0; i < 70 && !refused; i++) {
      const r = await from("198.51.100.1", site, "/session", { body: {} });
      statuses.push(r.status);
      if (r.status === 429) refused = r;
    }
    expect(statuses.filter((s) => s === 200).length).toBe(60);
    expect(refused).not.toBeNull();
    const retryAfter = Number(refused!.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // The widget can read the answer and the header cross-origin.
    expect(refused!.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(refused!.headers.get("access-control-expose-headers")).toContain("Retry-After");
    expect(await refused!.json()).toMatchObject({ error: { code: "rate_limited", retryAfter } });
    // Someone else on the same site is served.
    expect((await from("198.51.100.2", site, "/session", { body: {} })).status).toBe(200);
    // X-Forwarded-For is the client's own word: it does not make a new address.
    const spoofed = await call(`/widget/v1/sites/${site}/session`, {
      method: "POST",
      body: "{}",
      headers: { origin: ORIGIN, "cf-connecting-ip": "198.51.100.1", "x-forwarded-for": "192.0.2.99", "x-real-ip": "192.0.2.99" },
    });
    expect(spoofed.status).toBe(429);
    // Once the window has passed, the address is served again.
    await rateLimiterStub(env, site, "198.51.100.1").advanceClockForTests(retryAfter * 1000);
    expect((await from("198.51.100.1", site, "/session", { body: {} })).status).toBe(200);
  });

  it("keeps serving a light visitor behind the same shared address while many tokens from it flood", async () => {
    const { site } = await seedSite();
    const office = "203.0.113.50";
    const flooders = await Promise.all(Array.from({ length: 20 }, () => visitorAt(office, site)));
    const good = await visitorAt(office, site);
    const attrs = (token: string) => from(office, site, "/attributes", { token, body: { attributes: { plan: "pro" } } });
    // 20 tokens, each well within its own rate, together use up the address's rate (300) …
    let refused: { round: number; body: { error: { scope: string; retryAfter: number } } } | null = null;
    for (let round = 0; round < 19 && !refused; round++) {
      const answers = await Promise.all(flooders.map((t) => attrs(t)));
      const r = answers.find((a) => a.status === 429);
      if (r) refused = { round, body: (await r.json()) as { error: { scope: string; retryAfter: number } } };
    }
    // … and are refused for the address before any of them reaches its own limit (20).
    expect(refused).not.toBeNull();
    expect(refused!.body.error).toMatchObject({ scope: "address" });
    expect(refused!.body.error.retryAfter).toBeGreaterThanOrEqual(1);
    // The colleague behind the same NAT who has barely used the chat is still served.
    for (let i = 0; i < 5; i++) expect((await attrs(good)).status).toBe(200);
    // And one visitor alone can never use more than its own rate.
    const solo = await visitorAt("203.0.113.77", site);
    const codes: number[] = [];
    for (let i = 0; i < 25; i++) codes.push((await from("203.0.113.77", site, "/attributes", { token: solo, body: { attributes: { n: i } } })).status);
    expect(codes.filter((c) => c === 200)).toHaveLength(20);
    expect(codes.slice(20).every((c) => c === 429)).toBe(true);
  });
});

describe("rate limits on uploads and socket connections", () => {
  it("refuses one visitor's upload and reconnect floods with 429 + Retry-After while a neighbour uploads and connects", async () => {
    const { site } = await seedSite();
    const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const start = async (ip: string) => {
      const token = await visitorAt(ip, site);
      const r = await from(ip, site, "/conversations", { token, body: { locale: "en" } });
      return { token, conversationId: ((await r.json()) as { conversation: { id: string } }).conversation.id };
    };
    const [flood, calm] = await Promise.all([start("192.0.2.30"), start("192.0.2.31")]);
    const upload = (v: { token: string; conversationId: string }, ip: string, n: number) =>
      call(`/widget/v1/sites/${site}/conversations/${v.conversationId}/attachments?name=a.png&clientId=u${n}`, {
        method: "POST",
        body: PNG,
        headers: { origin: ORIGIN, "cf-connecting-ip": ip, authorization: `Bearer ${v.token}`, "content-type": "image/png" },
      });
    const codes: number[] = [];
    for (let i = 0; i < 14; i++) codes.push((await upload(flood, "192.0.2.30", i)).status);
    expect(codes.filter((c) => c === 201)).toHaveLength(10);
    const refused = await upload(flood, "192.0.2.30", 99);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const files = await env.DB.prepare("SELECT COUNT(*) AS n FROM attachments WHERE conversation_id = ?").bind(flood.conversationId).first<{ n: number }>();
    expect(files!.n).toBe(10);
    expect((await upload(calm, "192.0.2.31", 1)).status).toBe(201);

    const open = (v: { token: string; conversationId: string }, ip: string) =>
      call(`${visitorSocketPath(site, v)}`, { headers: { upgrade: "websocket", origin: ORIGIN, "cf-connecting-ip": ip } });
    const sockets: number[] = [];
    for (let i = 0; i < 32; i++) {
      const r = await open(flood, "192.0.2.30");
      sockets.push(r.status);
      if (r.webSocket) (r.webSocket.accept(), r.webSocket.close(1000, "done"));
      if (r.status === 429) break;
    }
    expect(sockets.at(-1)).toBe(429);
    const ok = await open(calm, "192.0.2.31");
    expect(ok.status).toBe(101);
    ok.webSocket!.accept();
    ok.webSocket!.close(1000, "done");
  });
});

describe("rate limits on the visitor's socket", () => {
  it("answers a message flood with rate_limited frames (nothing stored), serves other conversations, and takes the messages later", async () => {
    const { site } = await seedSite();
    const start = async () => {
      const token = await visitorAt("192.0.2.10", site);
      const r = await from("192.0.2.10", site, "/conversations", { token, body: { locale: "en" } });
      return { token, conversationId: ((await r.json()) as { conversation: { id: string } }).conversation.id };
    };
    const [flood, calm] = await Promise.all([start(), start()]);
    const ws = await connect(visitorSocketPath(site, flood));
    for (let i = 0; i < 26; i++) ws.send({ t: "send", clientId: `f${i}`, text: `flood ${i}` });
    await ws.waitFor("error", (e) => e.clientId === "f25");
    const limited = ws.frames.filter((f) => f.t === "error" && f.code === "rate_limited");
    expect(limited.length).toBeGreaterThanOrEqual(5);
    expect(limited.every((f) => f.t === "error" && (f.retryAfter ?? 0) >= 1)).toBe(true);
    const stored = async () => (await conversationStub(env, flood.conversationId).detail())!.messages.filter((m) => m.author === "visitor");
    expect((await stored()).length).toBe(26 - limited.length);
    // A retry of a message that was stored is acknowledged again, whatever the rate.
    ws.send({ t: "send", clientId: "f0", text: "flood 0" });
    await ws.waitFor("ack", (a) => a.clientId === "f0");
    // Another visitor of the same site chats on.
    const other = await connect(visitorSocketPath(site, calm));
    other.send({ t: "send", clientId: "hello-1", text: "hello" });
    await other.waitFor("ack", (a) => a.clientId === "hello-1");
    // After the wait the refused messages go through, once each.
    await conversationStub(env, flood.conversationId).advanceClockForTests(30_000);
    for (const f of limited) if (f.t === "error") ws.send({ t: "send", clientId: f.clientId, text: "again" });
    const last = limited[limited.length - 1]!;
    await ws.waitFor("ack", (a) => a.t === "ack" && last.t === "error" && a.clientId === last.clientId);
    expect((await stored()).length).toBe(26);
    ws.close();
    other.close();
  });
});
