// Pre-chat form, offline form (continue by email), CSAT, queue position and the public config,
// through the real widget routes, Conversation DO, Inbox DO and D1.

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { connect, visitorSocketPath } from "./helpers.ts";
import { agentOf, newVisitor, seedWidgetSite, startConversation, widgetCall } from "./widget-helpers.ts";

/** Hours that are never open (a site closed every day): the offline path. */
const CLOSED = { weekly: { "0": [], "1": [], "2": [], "3": [], "4": [], "5": [], "6": [] }, holidays: [] };
const json = async <T>(r: Response) => (await r.json()) as T;

describe("config", () => {
  it("gives the defaults a new site gets, and says when the site is closed", async () => {
    const { site } = await seedWidgetSite({ businessHours: CLOSED });
    const cfg = await json<Record<string, unknown>>(await widgetCall(site, "/config"));
    expect(cfg).toMatchObject({
      site,
      open: false,
      prechat: null,
      offline: { message: null, fields: [] },
      attachments: { maxBytes: 10 * 1024 * 1024, types: ["image/*", "application/pdf", "text/plain"] },
      csat: true,
      anonymousAllowed: true,
      identityRequired: false,
    });
  });

  it("follows the site's settings and switches features off", async () => {
    const { site } = await seedWidgetSite({
      settings: { attachments: { enabled: false }, csat: { enabled: false }, offline: { enabled: false }, accent: "javascript:alert(1)" },
    });
    const cfg = await json<Record<string, unknown>>(await widgetCall(site, "/config"));
    expect(cfg).toMatchObject({ open: true, attachments: null, csat: false, offline: null, accent: null });
  });
});

describe("pre-chat form", () => {
  const prechat = {
    enabled: true,
    fields: [
      { name: "name", label: { en: "Your name", "zh-CN": "您的称呼" }, type: "text", required: true },
      { name: "email", label: "Email", type: "email", required: true },
      { name: "plan", label: "Plan", type: "select", options: ["free", "pro"] },
    ],
  };

  it("needs the required answers before a conversation starts, and stores them on the contact", async () => {
    const { site, agent } = await seedWidgetSite({ settings: { prechat } });
    const { token } = await newVisitor(site);
    const missing = await widgetCall(site, "/conversations", { token, body: { prechat: { email: "a@b.co" } } });
    expect(missing.status).toBe(400);
    expect((await json<{ error: { field: string } }>(missing)).error.field).toBe("prechat.name");
    const badOption = await widgetCall(site, "/conversations", { token, body: { prechat: { name: "A", email: "a@b.co", plan: "gold" } } });
    expect((await json<{ error: { field: string } }>(badOption)).error.field).toBe("prechat.plan");
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM conversations WHERE site_id = ?").bind(site).first<{ n: number }>()).toEqual({ n: 0 });

    const id = await startConversation(site, token, { prechat: { name: "Ada", email: "Ada@Example.com", plan: "pro", sneaky: "ignored" } });
    const { contact } = await (await agentOf(agent)).detail(id);
    expect(contact).toMatchObject({ name: "Ada", email: "ada@example.com", attributes: { plan: "pro" } });
    expect(contact.attributes).not.toHaveProperty("sneaky");
  });
});

describe("offline form", () => {
  it("stores message and email, sends the message to a person and marks the conversation for email", async () => {
    const { site, agent } = await seedWidgetSite({
      businessHours: CLOSED,
      settings: { offline: { enabled: true, fields: [{ name: "name", label: "Name", type: "text" }] } },
    });
    const { token } = await newVisitor(site);
    const body = { email: "Visitor@Example.com", message: "My order #123 never arrived", fields: { name: "Lin" }, clientId: "off-1", locale: "en" };
    const res = await widgetCall(site, "/offline", { token, body });
    expect(res.status).toBe(201);
    const { conversation } = await json<{ conversation: { id: string } }>(res);

    const again = await widgetCall(site, "/offline", { token, body });
    expect(again.status).toBe(200);

    const a = await agentOf(agent);
    const detail = await a.detail(conversation.id);
    expect(detail.messages.filter((m) => m.author === "visitor").map((m) => m.text)).toEqual(["My order #123 never arrived"]);
    expect(detail.conversation.status).toBe("queued");
    expect(detail.contact).toMatchObject({ email: "visitor@example.com", name: "Lin" });
    const mark = await env.DB.prepare("SELECT email, locale FROM continue_by_email WHERE conversation_id = ?").bind(conversation.id).first();
    expect(mark).toEqual({ email: "visitor@example.com", locale: "en" });
    const identity = await env.DB.prepare("SELECT contact_id FROM contact_identities WHERE site_id = ? AND kind = 'email' AND value = ?")
      .bind(site, "visitor@example.com")
      .first<{ contact_id: string }>();
    expect(identity?.contact_id).toBe(detail.contact.id);
  });

  it("still triages a complaint left offline: priority and labels from the rules, no bot reply, a note for agents", async () => {
    const { site, agent } = await seedWidgetSite({ businessHours: CLOSED, settings: { offline: { enabled: true, fields: [] } } });
    const { token } = await newVisitor(site);
    const body = { email: "angry@example.com", message: "This is unacceptable, I want my money back", clientId: "off-c", locale: "en" };
    const res = await widgetCall(site, "/offline", { token, body });
    expect(res.status).toBe(201);
    const { conversation } = await json<{ conversation: { id: string } }>(res);
    const detail = await (await agentOf(agent)).detail(conversation.id);
    expect(detail.conversation).toMatchObject({ status: "queued", priority: "urgent" });
    expect(detail.conversation.labels).toContain("complaint");
    expect(detail.messages.filter((m) => m.author === "bot")).toEqual([]);
    const note = detail.messages.find((m) => m.event === "triage")!;
    expect(note).toMatchObject({ author: "system", private: true });
    expect(note.text).toContain("priority urgent");
    expect(note.trace!.rules.some((r) => r.matched)).toBe(true);
  });

  it("refuses a missing email or message with the field and stores nothing", async () => {
    const { site } = await seedWidgetSite({ businessHours: CLOSED });
    const { token } = await newVisitor(site);
    const noEmail = await widgetCall(site, "/offline", { token, body: { email: "nope", message: "hi", clientId: "x1" } });
    expect((await json<{ error: { field: string } }>(noEmail)).error.field).toBe("email");
    const noMessage = await widgetCall(site, "/offline", { token, body: { email: "a@b.co", message: "  ", clientId: "x2" } });
    expect((await json<{ error: { field: string } }>(noMessage)).error.field).toBe("message");
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM conversations WHERE site_id = ?").bind(site).first<{ n: number }>()).toEqual({ n: 0 });
  });
});

describe("queue position", () => {
  it("tells each waiting visitor where they stand", async () => {
    const { site } = await seedWidgetSite();
    const positions: (number | null)[] = [];
    for (const clientId of ["q1", "q2"]) {
      const { token } = await newVisitor(site);
      const id = await startConversation(site, token);
      const socket = await connect(visitorSocketPath(site, { token, conversationId: id }));
      socket.send({ t: "send", clientId, text: "I need a human" });
      await socket.waitFor("state", (f) => f.conversation.status === "queued");
      positions.push((await json<{ position: number | null }>(await widgetCall(site, `/conversations/${id}/queue`, { token }))).position);
      socket.close();
    }
    expect(positions).toEqual([1, 2]);
  });
});

describe("CSAT", () => {
  it("is taken once per resolution, recorded in D1 and in the history", async () => {
    const { site, agent } = await seedWidgetSite();
    const { token } = await newVisitor(site);
    const id = await startConversation(site, token);
    const a = await agentOf(agent);
    const early = await widgetCall(site, `/conversations/${id}/csat`, { token, body: { rating: 5 } });
    expect(early.status).toBe(409);
    expect((await json<{ error: { code: string } }>(early)).error.code).toBe("not_resolved");

    await a.reply(id, "Here is your answer.");
    expect((await a.setStatus(id, "resolved")).status).toBe(200);
    const bad = await widgetCall(site, `/conversations/${id}/csat`, { token, body: { rating: 6 } });
    expect((await json<{ error: { field: string } }>(bad)).error.field).toBe("rating");
    const first = await widgetCall(site, `/conversations/${id}/csat`, { token, body: { rating: 4, comment: "快，谢谢" } });
    expect(first.status).toBe(201);
    const second = await widgetCall(site, `/conversations/${id}/csat`, { token, body: { rating: 1 } });
    expect(second.status).toBe(409);
    expect((await json<{ error: { code: string } }>(second)).error.code).toBe("already_rated");

    const rows = await env.DB.prepare("SELECT rating, comment, agent_id FROM csat_responses WHERE conversation_id = ?").bind(id).all();
    expect(rows.results).toEqual([{ rating: 4, comment: "快，谢谢", agent_id: a.user.id }]);
    expect(await env.DB.prepare("SELECT csat_rating FROM conversations WHERE id = ?").bind(id).first()).toEqual({ csat_rating: 4 });
    const detail = await a.detail(id);
    expect(detail.messages.at(-1)).toMatchObject({ author: "system", event: "csat", text: "Rated 4/5: “快，谢谢”" });

    // Reopened and resolved again: that resolution can be rated too.
    const socket = await connect(visitorSocketPath(site, { token, conversationId: id }));
    socket.send({ t: "send", clientId: "again", text: "One more thing" });
    await socket.waitFor("state", (f) => f.conversation.status === "assigned");
    await a.setStatus(id, "resolved");
    expect((await widgetCall(site, `/conversations/${id}/csat`, { token, body: { rating: 5 } })).status).toBe(201);
    socket.close();
  });

  it("only lets the conversation's own visitor rate it", async () => {
    const { site, agent } = await seedWidgetSite();
    const owner = await newVisitor(site);
    const id = await startConversation(site, owner.token);
    await (await agentOf(agent)).setStatus(id, "resolved");
    const stranger = await newVisitor(site);
    expect((await widgetCall(site, `/conversations/${id}/csat`, { token: stranger.token, body: { rating: 1 } })).status).toBe(404);
  });
});
