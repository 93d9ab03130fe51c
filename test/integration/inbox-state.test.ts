// The Inbox's state over time: transfer with a note (never shown to the visitor), private notes, a
// console that reconnects getting the current state, hibernation, and a rebuild from D1 after a restart.

import { env } from "cloudflare:workers";
import { evictDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ChatMessage, ConversationSummary } from "../../protocol/src/types.ts";
import { inboxStub } from "../../worker/src/stubs.ts";
import { agentSocket, until } from "./conversation-fixtures.ts";
import { assignedTo, desk, handOff, openConsole, send, stateOf } from "./inbox-fixtures.ts";
import { call, connect, visitorSocketPath } from "./helpers.ts";

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const history = async (cookie: string, id: string) =>
  ((await (await call(`/api/v1/conversations/${id}`, { cookie })).json()) as { messages: ChatMessage[] }).messages;

describe("transfer and notes", () => {
  it("transfers to a team with a note: the team's agent gets it, not the one who gave it back; the visitor never sees the note", async () => {
    const d = await desk({
      assignment: "round_robin",
      agents: [
        { key: "ann", teams: ["support"] },
        { key: "bob", teams: ["complaints", "support"] },
      ],
    });
    const { ann, bob } = d.agents as Record<string, NonNullable<(typeof d.agents)[string]>>;
    const ca = await openConsole(d.site, ann!.cookie);
    const c = await handOff(d.site);
    await assignedTo(ann!.cookie, c.id, ann!.id);
    const cb = await openConsole(d.site, bob!.cookie);

    const r = await send(`/api/v1/conversations/${c.id}/assign`, ann!.cookie, {
      agentId: null,
      team: "complaints",
      note: "Angry about a refund — please take over",
    });
    expect(r.status).toBe(200);
    await assignedTo(ann!.cookie, c.id, bob!.id);
    expect((await stateOf(bob!.cookie, c.id)).team).toBe("complaints");
    // Ann handed it back from support too: back in support's queue it would not go to her again.
    const back = await send(`/api/v1/conversations/${c.id}/assign`, bob!.cookie, { agentId: null, team: "support" });
    expect(back.status).toBe(200);
    await assignedTo(ann!.cookie, c.id, null);
    await pause(150);
    expect((await stateOf(ann!.cookie, c.id)).status).toBe("queued");

    // Transfer straight to an agent, with a note; an unknown team is refused and changes nothing.
    expect((await send(`/api/v1/conversations/${c.id}/assign`, ann!.cookie, { agentId: ann!.id, note: "Mine now, I know this customer" })).status).toBe(200);
    const bad = await send(`/api/v1/conversations/${c.id}/assign`, ann!.cookie, { agentId: null, team: "nope" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe("team");
    expect((await stateOf(ann!.cookie, c.id)).assignee?.id).toBe(ann!.id);

    const notes = (await history(ann!.cookie, c.id)).filter((m) => m.event === "transfer-note");
    expect(notes.map((m) => [m.text, m.private])).toEqual([
      ["Angry about a refund — please take over", true],
      ["Mine now, I know this customer", true],
    ]);
    // Neither the live socket nor a fresh connection shows the visitor any note.
    const fresh = await connect(visitorSocketPath(d.site, { token: c.token, conversationId: c.id }));
    for (const seen of [c.visitor.messages(), fresh.messages()]) {
      expect(seen.some((m) => m.private || /refund|know this customer/.test(m.text))).toBe(false);
      expect(seen.some((m) => m.author === "system" && m.event === "assigned")).toBe(true);
    }
    for (const x of [ca, cb, fresh, c.visitor]) x.close();
  });

  it("keeps private notes from the visitor, over HTTP and over the agent's socket", async () => {
    const d = await desk({ assignment: "manual", agents: [{ key: "ann" }] });
    const ann = d.agents.ann!;
    const c = await handOff(d.site);
    const sock = await agentSocket({ conversationId: c.id } as never, ann.cookie);
    expect((await send(`/api/v1/conversations/${c.id}/messages`, ann.cookie, { text: "note over http: VIP, be careful", private: true })).status).toBe(201);
    sock.send({ t: "send", clientId: "n1", text: "note over the socket", private: true });
    await sock.waitFor("ack", (a) => a.clientId === "n1");
    expect((await send(`/api/v1/conversations/${c.id}/messages`, ann.cookie, { text: "Hello! How can I help?" })).status).toBe(201);
    await c.visitor.waitFor("message", (f) => f.message.text === "Hello! How can I help?");
    const fresh = await connect(visitorSocketPath(d.site, { token: c.token, conversationId: c.id }));
    for (const seen of [c.visitor.messages(), fresh.messages()]) expect(seen.filter((m) => m.text.startsWith("note "))).toEqual([]);
    expect((await history(ann.cookie, c.id)).filter((m) => m.private && m.author === "agent").map((m) => m.text)).toEqual([
      "note over http: VIP, be careful",
      "note over the socket",
    ]);
    // The list preview is the last public message, never a note.
    expect((await stateOf(ann.cookie, c.id)).lastMessageText).toBe("Hello! How can I help?");
    for (const x of [sock, fresh, c.visitor]) x.close();
  });
});

describe("the customer in the live stream", () => {
  it("shows the customer's name as it changes, and none once they are erased", async () => {
    const d = await desk({ assignment: "manual", agents: [{ key: "ann" }] });
    const ann = d.agents.ann!;
    const con = await openConsole(d.site, ann.cookie);
    const c = await handOff(d.site);
    await until(() => con.conversations().has(c.id), "the console saw it");
    expect(con.conversations().get(c.id)?.contactName).toBeNull();
    const { contact } = (await (await call(`/api/v1/conversations/${c.id}`, { cookie: ann.cookie })).json()) as { contact: { id: string } };
    expect((await send(`/api/v1/contacts/${contact.id}`, ann.cookie, { name: "Mei Chen", tier: "vip" }, "PATCH")).status).toBe(200);
    await until(() => con.conversations().get(c.id)?.contactName === "Mei Chen", "the new name");
    expect(con.conversations().get(c.id)?.contactTier).toBe("vip");
    const erase = await call(`/api/v1/contacts/${contact.id}?confirm=${contact.id}`, {
      method: "DELETE",
      cookie: d.ownerCookie,
      headers: { origin: "https://parley.test" },
    });
    expect(erase.status).toBe(200);
    await until(() => con.conversations().get(c.id)?.contactName === null, "no name after erasure");
    con.close();
  });
});

describe("a console that reconnects, hibernation and restarts", () => {
  it("gives a reconnecting console the current state and its read marks", async () => {
    const d = await desk({ assignment: "manual", agents: [{ key: "ann" }, { key: "bob" }] });
    const { ann, bob } = d.agents as Record<string, NonNullable<(typeof d.agents)[string]>>;
    const first = await openConsole(d.site, ann!.cookie);
    const c1 = await handOff(d.site);
    const c2 = await handOff(d.site);
    await until(() => first.conversations().get(c2.id)?.status === "queued", "the console saw c2");
    first.send({ t: "read", conversationId: c1.id, at: 12345 });
    await pause(50);
    first.close();
    // While Ann is away: Bob claims c1, c2 is resolved, a third arrives.
    expect((await send(`/api/v1/conversations/${c1.id}/claim`, bob!.cookie, {})).status).toBe(200);
    expect((await send(`/api/v1/conversations/${c2.id}/status`, bob!.cookie, { status: "resolved" })).status).toBe(200);
    const c3 = await handOff(d.site);

    const again = await openConsole(d.site, ann!.cookie);
    const now = again.conversations();
    expect(now.get(c1.id)).toMatchObject({ status: "assigned", assigneeId: bob!.id });
    expect(now.has(c2.id)).toBe(false); // resolved: not open any more
    expect(now.get(c3.id)?.status).toBe("queued");
    const welcome = again.frames.find((f) => f.t === "welcome");
    expect(welcome?.t === "welcome" && welcome.reads).toEqual({ [c1.id]: 12345 });
    expect(welcome?.t === "welcome" && welcome.queue).toEqual([c3.id]);
    again.close();
  });

  it("keeps presence and the live stream through hibernation", async () => {
    const d = await desk({ assignment: "manual", agents: [{ key: "ann" }, { key: "bob" }] });
    const { ann, bob } = d.agents as Record<string, NonNullable<(typeof d.agents)[string]>>;
    const a = await openConsole(d.site, ann!.cookie);
    const b = await openConsole(d.site, bob!.cookie);
    b.send({ t: "presence", status: "away" });
    await until(() => a.statusOf(bob!.id) === "away", "bob away");
    await evictDurableObject(inboxStub(env as unknown as Env, d.site)); // sockets hibernate; the instance goes
    const c = await handOff(d.site);
    await until(() => a.conversations().get(c.id)?.status === "queued" && b.conversations().has(c.id), "both consoles still get updates");
    const state = (await (await call(`/api/v1/sites/${d.site}/inbox`, { cookie: ann!.cookie })).json()) as { agents: { id: string; status: string }[] };
    expect(state.agents.find((x) => x.id === bob!.id)?.status).toBe("away");
    expect(state.agents.find((x) => x.id === ann!.id)?.status).toBe("online");
    a.close();
    b.close();
  });

  it("rebuilds from D1 after a restart: updates it missed are picked up", async () => {
    const d = await desk({ assignment: "manual", agents: [{ key: "ann" }] });
    const ann = d.agents.ann!;
    const kept = await handOff(d.site);
    const resolvedMeanwhile = await handOff(d.site);
    const watch = await openConsole(d.site, ann.cookie);
    await until(() => watch.conversations().has(resolvedMeanwhile.id), "seen");
    watch.close();
    const stub = inboxStub(env as unknown as Env, d.site);
    await evictDurableObject(stub);
    // What the Inbox missed while it was down (written to D1, as a Conversation's outbox does).
    const now = Date.now();
    await env.DB.prepare("UPDATE conversations SET status = 'resolved', resolved_at = ?, updated_at = ? WHERE id = ?")
      .bind(now, now + 1000, resolvedMeanwhile.id)
      .run();
    const missed: ConversationSummary = {
      ...(await stateOf(ann.cookie, kept.id)),
      id: `c_missed${d.site}`,
      status: "queued",
      priority: "urgent",
      updatedAt: now,
    };
    await env.DB.prepare(
      "INSERT INTO conversations (id, site_id, contact_id, channel, status, priority, labels, handoff_at, created_at, updated_at) VALUES (?, ?, ?, 'web', 'queued', 'urgent', '[]', ?, ?, ?)",
    )
      .bind(missed.id, d.site, missed.contactId, now, now, now)
      .run();

    const back = await openConsole(d.site, ann.cookie);
    const open = back.conversations();
    expect(open.has(kept.id)).toBe(true);
    expect(open.has(resolvedMeanwhile.id)).toBe(false);
    expect(open.get(missed.id)).toMatchObject({ status: "queued", priority: "urgent" });
    const welcome = back.frames.find((f) => f.t === "welcome");
    expect(welcome?.t === "welcome" && welcome.queue[0]).toBe(missed.id);
    expect(await stub.queuePosition(missed.id)).toBe(1);
    back.close();
  });
});
