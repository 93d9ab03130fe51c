// Attacks by one visitor on another, and on the widget's door: reading or writing someone else's
// conversation over HTTP and WebSocket, guessed ids, forged / tampered / other-site / expired visitor
// tokens, and pages on origins the site did not allow (HTTP, CORS preflight, WebSocket upgrade).

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { signVisitorToken } from "../../worker/src/auth/visitor-token.ts";
import { fromBase64Url, toBase64Url } from "../../worker/src/lib/crypto.ts";
import { newId } from "../../worker/src/lib/ids.ts";
import { conversationStub } from "../../worker/src/stubs.ts";
import { PROTOCOL_VERSION } from "../../protocol/src/frames.ts";
import { call, Client, connect, ORIGIN, startVisitor, visitorSocketPath } from "../integration/helpers.ts";
import { newVisitor, seedWidgetSite, widgetCall } from "../integration/widget-helpers.ts";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

/** How many messages a conversation holds, read from its Durable Object. */
const stored = async (id: string) => (await conversationStub(env, id).detail())!.messages.length;

/** Every way a visitor reaches a conversation by id; each must refuse a stranger the same way. */
function reach(site: string, id: string, token: string) {
  return {
    queue: () => widgetCall(site, `/conversations/${id}/queue`, { token }),
    upload: () => widgetCall(site, `/conversations/${id}/attachments?name=a.png&clientId=x1`, { token, raw: PNG, type: "image/png" }),
    csat: () => widgetCall(site, `/conversations/${id}/csat`, { token, body: { rating: 1, comment: "spam" } }),
    socket: () =>
      call(`/widget/v1/sites/${site}/conversations/${id}/ws?token=${encodeURIComponent(token)}`, { headers: { upgrade: "websocket", origin: ORIGIN } }),
  };
}

async function refusedEverywhere(site: string, id: string, token: string, status: number) {
  const r = reach(site, id, token);
  const answers = await Promise.all([r.queue(), r.upload(), r.csat(), r.socket()]);
  return answers.map((a) => [a.status, a.webSocket ?? null]).every(([s, ws]) => s === status && ws === null);
}

describe("a visitor cannot reach another visitor's conversation", () => {
  it("refuses another visitor's token on every route and on the socket, storing nothing", async () => {
    const { site } = await seedWidgetSite();
    const victim = await startVisitor(site);
    const socket = await connect(visitorSocketPath(site, victim));
    socket.send({ t: "send", clientId: "v1", text: "my order number is 1234" });
    await socket.waitFor("ack", (a) => a.clientId === "v1");
    const before = await stored(victim.conversationId);

    const attacker = await newVisitor(site);
    expect(await refusedEverywhere(site, victim.conversationId, attacker.token, 404)).toBe(true);
    // The same answer as for an id that does not exist: nothing tells the attacker the id is real.
    const mine = await widgetCall(site, `/conversations/${victim.conversationId}/queue`, { token: attacker.token });
    const none = await widgetCall(site, `/conversations/${newId("c")}/queue`, { token: attacker.token });
    expect(await mine.json()).toEqual(await none.json());
    expect(await stored(victim.conversationId)).toBe(before);
    socket.close();
  });

  it("cannot pose as an agent on its own socket with the worker's internal headers", async () => {
    const { site } = await seedWidgetSite();
    const v = await startVisitor(site);
    const res = await call(visitorSocketPath(site, v), {
      headers: { upgrade: "websocket", origin: ORIGIN, "x-parley-role": "agent", "x-parley-agent": JSON.stringify({ id: "u_fake", name: "Support" }) },
    });
    expect(res.status).toBe(101);
    const ws = new Client(res.webSocket!);
    ws.send({ t: "hello", v: PROTOCOL_VERSION, after: 0 });
    await ws.waitFor("welcome");
    ws.send({ t: "send", clientId: "pose", text: "Your refund is approved" });
    await ws.waitFor("ack", (a) => a.clientId === "pose");
    const [m] = (await conversationStub(env, v.conversationId).detail())!.messages.filter((x) => x.clientId === "pose");
    expect(m).toMatchObject({ author: "visitor" });
    ws.close();
  });

  it("gets nothing for guessed ids, malformed ids, or a conversation of another site", async () => {
    const { site } = await seedWidgetSite();
    const other = await seedWidgetSite();
    const elsewhere = await startVisitor(other.site);
    const attacker = await startVisitor(site);
    const guesses = [newId("c"), newId("c"), "c_", "../../api/v1/sites", "%00", "c_" + "z".repeat(500), elsewhere.conversationId];
    for (const id of guesses) {
      const r = await widgetCall(site, `/conversations/${encodeURIComponent(id)}/queue`, { token: attacker.token });
      expect([id, r.status]).toEqual([id, 404]);
    }
    expect(await refusedEverywhere(site, elsewhere.conversationId, attacker.token, 404)).toBe(true);
  });

  it("never answers the session with someone else's conversation", async () => {
    const { site } = await seedWidgetSite();
    const victim = await startVisitor(site);
    // A session renewal with junk or with no token is a new visitor with no conversation.
    for (const token of [undefined, "junk", victim.conversationId]) {
      const s = await newVisitor(site, token ? { token } : {});
      expect(s.body.conversation).toBeNull();
    }
  });
});

describe("forged and expired visitor tokens", () => {
  async function forgeries(site: string, victimToken: string) {
    const [payload, sig] = victimToken.split(".") as [string, string];
    const claims = JSON.parse(new TextDecoder().decode(fromBase64Url(payload)!)) as { s: string; v: string; e: number };
    const reencode = (c: object) => toBase64Url(new TextEncoder().encode(JSON.stringify(c)));
    const other = await seedWidgetSite();
    return {
      "bad signature": `${payload}.${sig.slice(0, -2)}${sig.endsWith("AA") ? "BB" : "AA"}`,
      "signed with another key": await signVisitorToken("not-the-server-secret", claims),
      "tampered payload (longer expiry)": `${reencode({ ...claims, e: claims.e + 1e9 })}.${sig}`,
      "tampered payload (verified user added)": `${reencode({ ...claims, u: "ceo" })}.${sig}`,
      "no signature": `${payload}.`,
      "another site's token": (await newVisitor(other.site)).token,
      expired: await signVisitorToken(env.PARLEY_SECRET, { ...claims, e: Date.now() - 1000 }),
      oversized: `${"A".repeat(4000)}.${sig}`,
      [`${site} visitor with three parts`]: `${victimToken}.x`,
    };
  }

  it("refuses each forgery with 401 over HTTP and on the socket upgrade", async () => {
    const { site } = await seedWidgetSite();
    const victim = await startVisitor(site);
    for (const [name, token] of Object.entries(await forgeries(site, victim.token))) {
      const r = reach(site, victim.conversationId, token);
      const [queue, socket, attrs] = await Promise.all([r.queue(), r.socket(), widgetCall(site, "/attributes", { token, body: { attributes: { a: 1 } } })]);
      expect([name, queue.status, socket.status, attrs.status]).toEqual([name, 401, 401, 401]);
      expect(socket.webSocket).toBeNull();
      expect(((await queue.json()) as { error: { code: string } }).error.code).toBe("bad_visitor_token");
    }
  });

  it("takes the token from the URL only on a socket upgrade (URLs end up in logs and referrers)", async () => {
    const { site } = await seedWidgetSite();
    const v = await startVisitor(site);
    const inQuery = await widgetCall(site, `/conversations/${v.conversationId}/queue?token=${encodeURIComponent(v.token)}`);
    expect(inQuery.status).toBe(401);
    expect((await widgetCall(site, `/conversations/${v.conversationId}/queue`, { token: v.token })).status).toBe(200);
  });

  it("does not renew an expired or forged token into the old visitor: the session starts afresh", async () => {
    const { site } = await seedWidgetSite();
    const victim = await startVisitor(site);
    const good = await newVisitor(site, { token: victim.token });
    expect(good.body.conversation).toEqual({ id: victim.conversationId });
    const victimId = good.body.visitorId;
    for (const [name, token] of Object.entries(await forgeries(site, victim.token))) {
      const s = await newVisitor(site, { token });
      expect([name, s.body.visitorId === victimId, s.body.conversation]).toEqual([name, false, null]);
    }
  });
});

describe("origins the site did not allow", () => {
  const ALLOWED = "https://shop.example";
  const HOSTILE = ["https://evil.test", "https://shop.example.evil.test", "http://shop.example", "https://shop.example:8443", "null"];

  const from = (site: string, path: string, origin: string | null, init: RequestInit = {}) =>
    call(`/widget/v1/sites/${site}${path}`, { ...init, headers: { ...(origin !== null ? { origin } : {}), ...(init.headers as Record<string, string>) } });

  it("refuses widget calls from other origins (and without one) with 403 and no CORS grant", async () => {
    const { site } = await seedWidgetSite({ allowedOrigins: [ALLOWED] });
    expect((await from(site, "/config", ALLOWED)).headers.get("access-control-allow-origin")).toBe(ALLOWED);
    for (const origin of [...HOSTILE, null]) {
      for (const [path, init] of [
        ["/config", {}],
        ["/session", { method: "POST", body: "{}" }],
      ] as const) {
        const r = await from(site, path, origin, init);
        expect([origin, path, r.status, r.headers.get("access-control-allow-origin")]).toEqual([origin, path, 403, null]);
      }
    }
  });

  it("answers a CORS preflight only for the allowed origin", async () => {
    const { site } = await seedWidgetSite({ allowedOrigins: [ALLOWED] });
    const preflight = (origin: string) =>
      from(site, "/session", origin, {
        method: "OPTIONS",
        headers: { "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" },
      });
    const ok = await preflight(ALLOWED);
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    for (const origin of HOSTILE) {
      const r = await preflight(origin);
      expect([origin, r.status, r.headers.get("access-control-allow-origin"), r.headers.get("access-control-allow-methods")]).toEqual([
        origin,
        403,
        null,
        null,
      ]);
    }
  });

  it("refuses a WebSocket upgrade from another origin even with a valid token", async () => {
    const { site } = await seedWidgetSite({ allowedOrigins: [ALLOWED] });
    const token = (await (await from(site, "/session", ALLOWED, { method: "POST", body: "{}" })).json()) as { token: string };
    const conv = await from(site, "/conversations", ALLOWED, { method: "POST", body: '{"locale":"en"}', headers: { authorization: `Bearer ${token.token}` } });
    const { conversation } = (await conv.json()) as { conversation: { id: string } };
    const path = `/conversations/${conversation.id}/ws?token=${encodeURIComponent(token.token)}`;
    for (const origin of [...HOSTILE, null]) {
      const r = await from(site, path, origin, { headers: { upgrade: "websocket" } });
      expect([origin, r.status, r.webSocket]).toEqual([origin, 403, null]);
    }
    const ok = await from(site, path, ALLOWED, { headers: { upgrade: "websocket" } });
    expect(ok.status).toBe(101);
    ok.webSocket!.accept();
    ok.webSocket!.close(1000, "done");
  });
});
