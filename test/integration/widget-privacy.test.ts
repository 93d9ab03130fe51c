// What the visitor's socket may never carry: agents' transfer notes (internal remarks for the next
// agent) and triage traces stay with agents.

import { describe, expect, it } from "vitest";
import { call, connect, login, ORIGIN, visitorSocketPath } from "./helpers.ts";
import { newVisitor, seedWidgetSite, startConversation } from "./widget-helpers.ts";

describe("visitor privacy", () => {
  it("keeps a transfer note away from the visitor, live and in the history", async () => {
    const { site, agent } = await seedWidgetSite();
    const { token } = await newVisitor(site);
    const id = await startConversation(site, token);
    const visitor = await connect(visitorSocketPath(site, { token, conversationId: id }));
    const cookie = await login(agent);
    const me = (await (await call("/api/v1/auth/me", { cookie })).json()) as { user: { id: string } };
    const res = await call(`/api/v1/conversations/${id}/assign`, {
      method: "POST",
      cookie,
      headers: { origin: ORIGIN },
      body: JSON.stringify({ agentId: me.user.id, note: "VIP who threatened to churn — be generous" }),
    });
    expect(res.status).toBe(200);
    await visitor.waitFor("state", (f) => f.conversation.status === "assigned");
    const history = await connect(visitorSocketPath(site, { token, conversationId: id }));
    for (const client of [visitor, history]) {
      expect(client.messages().map((m) => m.event)).toEqual(["assigned"]);
      expect(JSON.stringify(client.frames)).not.toContain("churn");
    }
    const detail = (await (await call(`/api/v1/conversations/${id}`, { cookie })).json()) as { messages: { event?: string; private?: boolean }[] };
    expect(detail.messages.find((m) => m.event === "transfer-note")).toMatchObject({ private: true });
    visitor.close();
    history.close();
  });
});
