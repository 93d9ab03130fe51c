// A satisfaction answer reaches D1 (reports, webhooks) even when D1 fails at the moment it is given:
// the Conversation object queues it in its outbox with the answer and retries until it lands.

import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { conversationStub } from "../../worker/src/stubs.ts";
import { agentOf, newVisitor, seedWidgetSite, startConversation, widgetCall } from "./widget-helpers.ts";

describe("CSAT durability", () => {
  it("keeps a rating given while D1 cannot take it, and writes it once D1 is back", async () => {
    const { site, agent } = await seedWidgetSite();
    const { token } = await newVisitor(site);
    const id = await startConversation(site, token);
    const a = await agentOf(agent);
    await a.reply(id, "Done.");
    expect((await a.setStatus(id, "resolved")).status).toBe(200);

    await env.DB.exec("ALTER TABLE csat_responses RENAME TO csat_responses_away");
    try {
      const r = await widgetCall(site, `/conversations/${id}/csat`, { token, body: { rating: 4, comment: "ok" } });
      expect(r.status).toBe(201);
    } finally {
      await env.DB.exec("ALTER TABLE csat_responses_away RENAME TO csat_responses");
    }
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM csat_responses WHERE conversation_id = ?").bind(id).first()).toEqual({ n: 0 });

    // The retry (the object's alarm) delivers it; a second answer is still refused by the object.
    const stub = conversationStub(env, id);
    await stub.advanceClockForTests(5_000);
    await runDurableObjectAlarm(stub);
    const rows = await env.DB.prepare("SELECT rating, comment FROM csat_responses WHERE conversation_id = ?").bind(id).all();
    expect(rows.results).toEqual([{ rating: 4, comment: "ok" }]);
    expect(await env.DB.prepare("SELECT csat_rating FROM conversations WHERE id = ?").bind(id).first()).toEqual({ csat_rating: 4 });
    expect((await widgetCall(site, `/conversations/${id}/csat`, { token, body: { rating: 1 } })).status).toBe(409);
  });
});
