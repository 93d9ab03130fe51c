// One conversation end to end on the real stack: widget socket → Conversation DO → bot (starter
// ruleset) → hand-off → Inbox live stream → agent claims and replies → visitor sees it live.

import { describe, expect, it } from "vitest";
import { call, connect, login, ORIGIN, seedSite, startVisitor, visitorSocketPath } from "./helpers.ts";

describe("walking skeleton", () => {
  it("carries a conversation from the bot to a person and back to the visitor", async () => {
    const { site, agent } = await seedSite();
    const cookie = await login(agent);
    const live = await connect(`/api/v1/sites/${site}/live`, { cookie }).catch(async () => {
      throw new Error("live socket refused");
    });

    const v = await startVisitor(site, "zh-CN");
    const visitor = await connect(visitorSocketPath(site, v));

    visitor.send({ t: "send", clientId: "m1", text: "你好" });
    const greeting = await visitor.waitFor("message", (f) => f.message.author === "bot");
    expect(greeting.message.text).toBe("您好！请问有什么可以帮您？");
    expect(greeting.message.quickReplies?.map((q) => q.label)).toContain("配送");
    expect(greeting.message.trace).toBeUndefined(); // traces are for agents only

    visitor.send({ t: "send", clientId: "m2", text: "我要找人工" });
    const handoff = await visitor.waitFor("state", (f) => f.conversation.status === "queued");
    expect(handoff.conversation.team).toBe("support");
    const queued = await live.waitFor(
      "conversation" as never,
      (f: never) =>
        (f as { conversation: { id: string; status: string } }).conversation.id === v.conversationId &&
        (f as { conversation: { status: string } }).conversation.status === "queued",
    );
    expect(queued).toBeTruthy();

    // The agent sees the whole history, bot part included, with the triage trace.
    const detail = (await (await call(`/api/v1/conversations/${v.conversationId}`, { cookie })).json()) as {
      messages: { author: string; text: string; trace?: { rules: { id: string; matched: boolean }[]; builtin?: { kind: string } } }[];
    };
    expect(detail.messages.map((m) => m.author)).toEqual(["visitor", "bot", "visitor", "system", "bot"]);
    expect(detail.messages[4]!.text).toBe("正在为您转接人工客服，请稍候。"); // an agent is online: the bot says so
    expect(detail.messages[1]!.trace!.rules.find((r) => r.id === "greeting")!.matched).toBe(true);

    const me = (await (await call("/api/v1/auth/me", { cookie })).json()) as { user: { id: string } };
    const claim = await call(`/api/v1/conversations/${v.conversationId}/assign`, {
      method: "POST",
      cookie,
      headers: { origin: ORIGIN },
      body: JSON.stringify({ agentId: me.user.id }),
    });
    expect(claim.status).toBe(200);
    const joined = await visitor.waitFor("state", (f) => f.conversation.status === "assigned");
    expect(joined.conversation.agent?.name).toBe("Sam Agent");

    const agentSocket = await connect(`/api/v1/conversations/${v.conversationId}/ws`, { cookie });
    agentSocket.send({ t: "send", clientId: "a1", text: "您好，我是 Sam，请问有什么可以帮您？" });
    const reply = await visitor.waitFor("message", (f) => f.message.author === "agent");
    expect(reply.message.text).toBe("您好，我是 Sam，请问有什么可以帮您？");
    expect(reply.message.authorName).toBe("Sam Agent");

    // Reloading the page: the same token finds the same conversation with its whole history.
    const again = await call(`/widget/v1/sites/${site}/session`, { method: "POST", body: JSON.stringify({ token: v.token }), headers: { origin: ORIGIN } });
    const session = (await again.json()) as { token: string; conversation: { id: string } };
    expect(session.conversation.id).toBe(v.conversationId);
    const reloaded = await connect(visitorSocketPath(site, { token: session.token, conversationId: v.conversationId }));
    expect(reloaded.messages().map((m) => m.author)).toEqual(["visitor", "bot", "visitor", "system", "bot", "system", "agent"]);
    for (const c of [visitor, reloaded, agentSocket, live]) c.close();
  });
});
