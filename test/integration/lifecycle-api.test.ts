// The lifecycle through the console's API and the widget's socket: every transition is recorded in
// the history (notes for agents stay private), illegal ones are refused with 409 and change nothing.

import { describe, expect, it } from "vitest";
import type { ConsoleServerFrame } from "../../protocol/src/console-frames.ts";
import { conversation, post, read } from "./conversation-fixtures.ts";
import { connect } from "./helpers.ts";

describe("lifecycle over the API", () => {
  it("takes a conversation through every status and records each step", async () => {
    const f = await conversation();
    const live = await connect(`/api/v1/sites/${f.site}/live`, { cookie: f.agentCookie });
    const id = f.conversationId;
    const status = (body: unknown) => post(`/api/v1/conversations/${id}/status`, f.agentCookie, body);

    expect((await post(`/api/v1/conversations/${id}/assign`, f.agentCookie, { agentId: f.agentId })).status).toBe(200);
    expect((await status({ status: "pending" })).status).toBe(200);
    f.visitor.send({ t: "send", clientId: "back", text: "here is my order number 12345" });
    await f.visitor.waitFor("ack", (a) => a.clientId === "back");
    expect((await read(f)).conversation.status).toBe("assigned");
    expect((await status({ status: "snoozed", snoozeUntil: new Date(Date.now() + 3_600_000).toISOString() })).status).toBe(200);
    expect((await status({ status: "open" })).status).toBe(200);
    expect((await status({ status: "resolved" })).status).toBe(200);
    f.visitor.send({ t: "send", clientId: "again", text: "one more question" });
    await f.visitor.waitFor("state", (s) => s.conversation.status === "assigned");
    expect((await status({ status: "resolved" })).status).toBe(200);
    expect((await status({ status: "closed" })).status).toBe(200);

    const { conversation: c, messages } = await read(f);
    expect(c.status).toBe("closed");
    const events = messages.filter((m) => m.author === "system").map((m) => `${m.event}${m.private ? "*" : ""}`);
    expect(events).toEqual(["handoff", "assigned", "pending*", "opened*", "snoozed*", "opened*", "resolved", "reopened", "resolved", "closed*"]);
    // The visitor's history has the public steps only.
    expect(
      f.visitor
        .messages()
        .filter((m) => m.author === "system")
        .map((m) => m.event),
    ).toEqual(["handoff", "assigned", "resolved", "reopened", "resolved"]);
    // The console saw every change live.
    const seen = (live.frames as unknown as ConsoleServerFrame[]).flatMap((x) =>
      x.t === "conversation" && x.conversation.id === id ? [x.conversation.status] : [],
    );
    expect(seen.at(-1)).toBe("closed");
    expect(seen).toEqual(expect.arrayContaining(["assigned", "pending", "snoozed", "resolved"]));
  });

  it("refuses illegal transitions with 409 and changes nothing", async () => {
    const f = await conversation();
    const id = f.conversationId;
    const before = await read(f);
    const close = await post(`/api/v1/conversations/${id}/status`, f.agentCookie, { status: "closed" });
    expect(close.status).toBe(409);
    expect(((await close.json()) as { error: { code: string; message: string } }).error).toEqual({
      code: "illegal_transition",
      message: "Resolve a conversation before closing it.",
    });
    const past = await post(`/api/v1/conversations/${id}/status`, f.agentCookie, { status: "snoozed", snoozeUntil: Date.now() - 1000 });
    expect(past.status).toBe(409);
    expect(await read(f)).toEqual(before);

    await post(`/api/v1/conversations/${id}/status`, f.agentCookie, { status: "resolved" });
    await post(`/api/v1/conversations/${id}/status`, f.agentCookie, { status: "closed" });
    const reply = await post(`/api/v1/conversations/${id}/messages`, f.agentCookie, { text: "hello?" });
    expect(reply.status).toBe(409);
    f.visitor.send({ t: "send", clientId: "late", text: "are you there?" });
    expect((await f.visitor.waitFor("error", (e) => e.clientId === "late")).code).toBe("illegal_transition");
    expect((await read(f)).messages.some((m) => m.text === "are you there?" || m.text === "hello?")).toBe(false);
  });

  it("transfers to another agent and to a team with a note only agents see", async () => {
    const f = await conversation();
    const id = f.conversationId;
    await post(`/api/v1/conversations/${id}/assign`, f.agentCookie, { agentId: f.agentId });
    await post(`/api/v1/conversations/${id}/assign`, f.agentCookie, { agentId: f.ownerId, note: "Billing dispute — Ada knows the account" });
    let c = await read(f);
    expect((c.conversation.assignee as { id: string }).id).toBe(f.ownerId);
    await post(`/api/v1/conversations/${id}/assign`, f.ownerCookie, { agentId: null, team: "support", note: "Back to the team" });
    c = await read(f);
    expect([c.conversation.status, c.conversation.team, c.conversation.assignee]).toEqual(["queued", "support", null]);
    expect(c.messages.filter((m) => m.event === "transfer-note").map((m) => [m.text, m.private])).toEqual([
      ["Billing dispute — Ada knows the account", true],
      ["Back to the team", true],
    ]);
    await f.visitor.waitFor("message", (m) => m.message.event === "unassigned");
    expect(f.visitor.messages().some((m) => m.event === "transfer-note")).toBe(false);
  });
});
