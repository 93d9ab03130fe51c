// Outbound webhooks (CONTRACT §6): the events of a conversation's life, signed the Standard Webhooks
// way; failures retried with exponential backoff for 24 hours (test clock + the object's alarm, no
// sleeping), every attempt's response code in the delivery log; "send test event"; admin-only CRUD.

import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { api } from "./admin-helpers.ts";
import { fake, fakeLog, ownerSite, scriptReceiver, type Recorded } from "./channel-helpers.ts";
import { call, connect, ORIGIN, startVisitor, visitorSocketPath } from "./helpers.ts";

const stubOf = (site: string) => env.WEBHOOKS.get(env.WEBHOOKS.idFromName(site));

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 150; i++) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function hookSite(events: string[] = []) {
  const s = await ownerSite();
  const box = `wh-${s.site}`;
  const r = await api(`/sites/${s.site}/webhooks`, { method: "POST", cookie: s.owner, body: { url: `${fake()}/hooks/${box}`, events, description: "CRM" } });
  expect(r.status).toBe(201);
  return { ...s, box, webhook: r.body.webhook as { id: string; secret: string } };
}

type Delivery = { id: string; status: string; attempts: number; eventType: string; attemptLog: { attempt: number; status: number | null }[] };
const deliveries = async (site: string, cookie: string, id: string) =>
  (await api(`/sites/${site}/webhooks/${id}/deliveries`, { cookie })).body.items as Delivery[];

describe("outbound webhooks", () => {
  it("sends the conversation's events, each signed with the webhook's secret", async () => {
    const { site, owner, box, webhook } = await hookSite();
    const v = await startVisitor(site);
    const visitor = await connect(visitorSocketPath(site, v));
    visitor.send({ t: "send", clientId: "w1", text: "I need a human" });
    await visitor.waitFor("ack", (f) => f.clientId === "w1");
    await api(`/conversations/${v.conversationId}/messages`, { method: "POST", cookie: owner, body: { text: "Hello, Ada here." } });
    await api(`/conversations/${v.conversationId}/status`, { method: "POST", cookie: owner, body: { status: "resolved" } });
    visitor.close();

    const posts = await until(
      () => fakeLog(`/hooks/${box}`),
      (p) => p.some((x) => x.body.includes("conversation.resolved")),
      "the resolved event",
    );
    const events = posts.map((p: Recorded) => new Webhook(webhook.secret).verify(p.body, p.headers) as { type: string; data: Record<string, any> });
    const types = events.map((e) => e.type);
    for (const t of ["conversation.created", "message.created", "conversation.handoff", "conversation.assigned", "conversation.resolved"])
      expect(types).toContain(t);
    expect(types.indexOf("conversation.created")).toBe(0);
    const texts = events.filter((e) => e.type === "message.created").map((e) => [e.data.message.author, e.data.message.text]);
    expect(texts[0]).toEqual(["visitor", "I need a human"]);
    expect(texts).toContainEqual(["agent", "Hello, Ada here."]);
    expect(events.find((e) => e.type === "conversation.assigned")!.data.assignee).toMatchObject({ name: "Ada Admin" });
    expect(events.every((e) => e.data.conversation.id === v.conversationId)).toBe(true);
    // Private notes and traces never leave.
    expect(JSON.stringify(events)).not.toMatch(/"trace"|"private"/);
    // One delivery per event, each with its own webhook-id that retries would repeat.
    expect(new Set(posts.map((p) => p.headers["webhook-id"])).size).toBe(posts.length);
    const log = await deliveries(site, owner, webhook.id);
    expect(log.every((d) => d.status === "delivered" && d.attemptLog[0]!.status === 200)).toBe(true);
  });

  it("retries a failing endpoint with backoff, logs every response code, and succeeds when it recovers", async () => {
    const { site, owner, box, webhook } = await hookSite(["conversation.created"]);
    await scriptReceiver(box, [500, 503]);
    await startVisitor(site);
    let [d] = await until(
      () => deliveries(site, owner, webhook.id),
      (l) => l[0]?.attempts === 1,
      "the first attempt",
    );
    expect(d).toMatchObject({ status: "pending", eventType: "conversation.created" });
    const stub = stubOf(site);
    await stub.advanceClockForTests(29_000);
    await runDurableObjectAlarm(stub); // not due yet: nothing happens
    expect((await deliveries(site, owner, webhook.id))[0]!.attempts).toBe(1);
    await stub.advanceClockForTests(1_000);
    await runDurableObjectAlarm(stub);
    await stub.advanceClockForTests(2 * 60_000);
    await runDurableObjectAlarm(stub);
    [d] = await deliveries(site, owner, webhook.id);
    expect(d!.status).toBe("delivered");
    expect(d!.attemptLog.map((a) => a.status)).toEqual([500, 503, 200]);
    const posts = await fakeLog(`/hooks/${box}`);
    expect(new Set(posts.map((p) => p.headers["webhook-id"]))).toEqual(new Set([d!.id]));
  });

  it("gives up after 24 hours of retries (8 attempts), and an admin can send it again", async () => {
    const { site, owner, box, webhook } = await hookSite(["conversation.created"]);
    await scriptReceiver(box, Array(8).fill(500));
    await startVisitor(site);
    await until(
      () => deliveries(site, owner, webhook.id),
      (l) => l[0]?.attempts === 1,
      "the first attempt",
    );
    const stub = stubOf(site);
    const gaps = [30_000, 120_000, 480_000, 1_920_000, 7_680_000, 30_720_000];
    for (const gap of gaps) {
      await stub.advanceClockForTests(gap);
      await runDurableObjectAlarm(stub);
    }
    let [d] = await deliveries(site, owner, webhook.id);
    expect(d).toMatchObject({ status: "pending", attempts: 7 });
    await stub.advanceClockForTests(24 * 3600_000); // the last try comes at 24 hours
    await runDurableObjectAlarm(stub);
    [d] = await deliveries(site, owner, webhook.id);
    expect(d).toMatchObject({ status: "failed", attempts: 8 });
    expect(d!.attemptLog.map((a) => a.status)).toEqual(Array(8).fill(500));
    expect(await runDurableObjectAlarm(stub)).toBe(false); // nothing left to retry

    const again = await api(`/sites/${site}/webhooks/${webhook.id}/deliveries/${d!.id}/retry`, { method: "POST", cookie: owner });
    expect(again.status).toBe(200);
    await runDurableObjectAlarm(stub);
    [d] = await deliveries(site, owner, webhook.id);
    expect(d).toMatchObject({ status: "delivered", attempts: 9 });
  });

  it("delivers csat.submitted when the visitor rates a resolved conversation", async () => {
    const { site, owner, box, webhook } = await hookSite(["csat.submitted"]);
    const v = await startVisitor(site);
    await api(`/conversations/${v.conversationId}/messages`, { method: "POST", cookie: owner, body: { text: "Here you go." } });
    await api(`/conversations/${v.conversationId}/status`, { method: "POST", cookie: owner, body: { status: "resolved" } });
    const rated = await call(`/widget/v1/sites/${site}/conversations/${v.conversationId}/csat`, {
      method: "POST",
      body: JSON.stringify({ rating: 5, comment: "很快，谢谢" }),
      headers: { origin: ORIGIN, authorization: `Bearer ${v.token}` },
    });
    expect(rated.status).toBe(201);
    const [post] = await until(
      () => fakeLog(`/hooks/${box}`),
      (p) => p.length > 0,
      "the csat event",
    );
    expect(new Webhook(webhook.secret).verify(post!.body, post!.headers)).toMatchObject({
      type: "csat.submitted",
      data: { csat: { conversationId: v.conversationId, rating: 5, comment: "很快，谢谢", channel: "web" } },
    });
    expect((await deliveries(site, owner, webhook.id)).map((d) => d.eventType)).toEqual(["csat.submitted"]);
  });

  it("sends a test event on demand and reports the endpoint's answer", async () => {
    const { site, owner, box, webhook } = await hookSite();
    const ok = await api(`/sites/${site}/webhooks/${webhook.id}/test`, { method: "POST", cookie: owner });
    expect(ok.body).toMatchObject({ ok: true, status: 200, error: null });
    const [post] = await fakeLog(`/hooks/${box}`);
    const event = new Webhook(webhook.secret).verify(post!.body, post!.headers) as { type: string };
    expect(event.type).toBe("webhook.test");
    expect(post!.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);

    await scriptReceiver(box, [410]);
    const bad = await api(`/sites/${site}/webhooks/${webhook.id}/test`, { method: "POST", cookie: owner });
    expect(bad.body).toMatchObject({ ok: false, status: 410, error: "HTTP 410" });
    const log = await deliveries(site, owner, webhook.id);
    expect(log.map((d) => [d.eventType, d.status])).toEqual([
      ["webhook.test", "failed"],
      ["webhook.test", "delivered"],
    ]);
  });

  it("is admin-only, validates its input, rotates its secret, and sends nothing once disabled", async () => {
    const { site, owner, agent, box, webhook } = await hookSite();
    expect((await api(`/sites/${site}/webhooks`, { cookie: agent })).status).toBe(403);
    const other = await ownerSite();
    expect((await api(`/sites/${site}/webhooks/${webhook.id}`, { cookie: other.owner })).status).toBe(403);
    expect((await api(`/sites/${other.site}/webhooks/${webhook.id}`, { cookie: other.owner })).status).toBe(404);
    const badUrl = await api(`/sites/${site}/webhooks`, { method: "POST", cookie: owner, body: { url: "http://example.com/hook" } });
    expect(badUrl).toMatchObject({ status: 400, body: { error: { field: "url" } } });
    const badEvent = await api(`/sites/${site}/webhooks`, {
      method: "POST",
      cookie: owner,
      body: { url: "https://example.com/h", events: ["message.deleted"] },
    });
    expect(badEvent).toMatchObject({ status: 400, body: { error: { field: "events.0" } } });

    const rotated = await api(`/sites/${site}/webhooks/${webhook.id}/rotate-secret`, { method: "POST", cookie: owner });
    expect(rotated.body.webhook.secret).toMatch(/^whsec_/);
    expect(rotated.body.webhook.secret).not.toBe(webhook.secret);
    expect(rotated.headers.get("cache-control")).toBe("no-store");
    // The secret is shown once, in the answer that made it: never by a read or a change.
    const reads = [
      await api(`/sites/${site}/webhooks`, { cookie: owner }),
      await api(`/sites/${site}/webhooks/${webhook.id}`, { cookie: owner }),
      await api(`/sites/${site}/webhooks/${webhook.id}`, { method: "PATCH", cookie: owner, body: { description: "CRM 2" } }),
    ];
    for (const r of reads) {
      expect(r.status).toBe(200);
      expect(JSON.stringify(r.body)).not.toMatch(/whsec_/);
    }

    expect((await api(`/sites/${site}/webhooks/${webhook.id}`, { method: "PATCH", cookie: owner, body: { enabled: false } })).status).toBe(200);
    await startVisitor(site);
    await new Promise((r) => setTimeout(r, 100));
    expect(await fakeLog(`/hooks/${box}`)).toEqual([]);
    const audit = await api(`/sites/${site}/audit?action=webhook.`, { cookie: owner });
    expect(audit.body.items.map((i: { action: string }) => i.action)).toEqual(["webhook.update", "webhook.update", "webhook.rotate_secret", "webhook.create"]);
    expect((await api(`/sites/${site}/webhooks/${webhook.id}`, { method: "DELETE", cookie: owner })).status).toBe(200);
    expect((await api(`/sites/${site}/webhooks`, { cookie: owner })).body.items).toEqual([]);
  });
});
