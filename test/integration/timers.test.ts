// Timers on the real stack, with the object's clock moved forward and its alarm run by the test
// (no sleeping): SLA warning and breach with escalation, complaint targets, snooze, inactivity, follow-up.

import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ConsoleServerFrame } from "../../protocol/src/console-frames.ts";
import type { SlaAlert } from "../../protocol/src/sla.ts";
import type { ConversationSummary } from "../../protocol/src/types.ts";
import { DEFAULT_SLA_POLICY } from "../../worker/src/db/sla.ts";
import { agentSocket, conversation, post, read, type Fixture } from "./conversation-fixtures.ts";
import { call, connect, type Client } from "./helpers.ts";

const MIN = 60_000;

/** Moves the conversation's clock forward and runs its alarm, as if that much time had passed. */
async function elapse(f: Fixture, ms: number): Promise<void> {
  await f.stub.advanceClockForTests(ms);
  expect(await runDurableObjectAlarm(f.stub)).toBe(true);
}

function slaFrames(live: Client): SlaAlert[] {
  return (live.frames as unknown as ConsoleServerFrame[]).flatMap((x) => (x.t === "sla" ? [x.alert] : []));
}

async function listed(f: Fixture): Promise<ConversationSummary> {
  const res = await call(`/api/v1/sites/${f.site}/conversations?status=open`, { cookie: f.agentCookie });
  return ((await res.json()) as { items: ConversationSummary[] }).items.find((c) => c.id === f.conversationId)!;
}

describe("SLA timers", () => {
  it("warns before the first-response target, then on breach raises the priority, notifies the team and marks the row", async () => {
    const f = await conversation();
    const live = await connect(`/api/v1/sites/${f.site}/live`, { cookie: f.agentCookie });
    const start = await read(f);
    const handoffAt = start.conversation.handoffAt as number;
    expect(start.conversation.slaFirstResponseDue).toBe(handoffAt + 60 * MIN);
    expect((await listed(f)).slaFirstResponseDue).toBe(handoffAt + 60 * MIN);
    // One alarm, armed at the earliest of all stored deadlines.
    const alarm = await runInDurableObject(f.stub, (_o: unknown, state: DurableObjectState) => state.storage.getAlarm());
    expect(alarm).toBe(Math.min(...start.schedule.map((d) => d.due)));
    expect(start.schedule.map((d) => d.kind)).toEqual(
      expect.arrayContaining(["sla-warning:first_response", "sla-breach:first_response", "sla-warning:resolution", "sla-breach:resolution"]),
    );

    await elapse(f, 52 * MIN);
    await live.waitFor("sla" as never);
    expect(slaFrames(live)).toMatchObject([{ kind: "warning", target: "first_response", due: handoffAt + 60 * MIN, conversationId: f.conversationId }]);
    let now = await read(f);
    expect(now.conversation.priority).toBe("normal");
    expect(now.messages.at(-1)).toMatchObject({ author: "system", event: "sla-warning", private: true });

    await elapse(f, 10 * MIN);
    await live.waitFor("sla" as never, ((x: { alert: SlaAlert }) => x.alert.kind === "breach") as never);
    expect(slaFrames(live).map((a) => [a.kind, a.priority])).toEqual([
      ["warning", "normal"],
      ["breach", "high"],
    ]);
    now = await read(f);
    expect(now.conversation).toMatchObject({ priority: "high", slaBreached: true, slaBreaches: ["first_response"], slaFirstResponseDue: handoffAt + 60 * MIN });
    expect(now.messages.at(-1)).toMatchObject({ event: "sla-breach", private: true });
    expect(await listed(f)).toMatchObject({ priority: "high", slaBreached: true, slaBreaches: ["first_response"] });
    // The visitor never sees SLA bookkeeping.
    expect(f.visitor.messages().some((m) => m.event?.startsWith("sla"))).toBe(false);

    // The late reply meets the target: no more first-response deadline; the breach stays on record.
    await post(`/api/v1/conversations/${f.conversationId}/messages`, f.agentCookie, { text: "Sorry for the wait!" });
    const after = await read(f);
    expect(after.conversation).toMatchObject({ slaFirstResponseDue: null, slaBreached: true });
    expect(after.schedule.map((s) => s.kind)).toEqual(expect.arrayContaining(["sla-warning:resolution", "sla-breach:resolution"]));
    expect(after.schedule.some((s) => s.kind.endsWith("first_response"))).toBe(false);
  });

  it("gives complaints their own, shorter targets", async () => {
    const f = await conversation({ text: "This is unacceptable, I want to complain" });
    const { conversation: c } = await read(f);
    expect(c).toMatchObject({ priority: "high", labels: ["complaint", "severity:medium"] });
    expect(c.slaFirstResponseDue).toBe((c.handoffAt as number) + DEFAULT_SLA_POLICY.complaint.firstResponse.high! * MIN);
    await elapse(f, 16 * MIN);
    expect((await read(f)).conversation).toMatchObject({ priority: "urgent", slaBreaches: ["first_response"] });
  });

  it("uses the site's own policy, and its timers and sockets survive the object being evicted (hibernation)", async () => {
    const policy = {
      ...DEFAULT_SLA_POLICY,
      standard: { ...DEFAULT_SLA_POLICY.standard, firstResponse: { low: 5, normal: 20, high: 5, urgent: 5 } },
      warningMinutes: 0,
    };
    const f = await conversation({ policy });
    const agent = await agentSocket(f, f.agentCookie);
    const { conversation: c, schedule } = await read(f);
    expect(c.slaFirstResponseDue).toBe((c.handoffAt as number) + 20 * MIN);
    expect(schedule.some((s) => s.kind.startsWith("sla-warning"))).toBe(false);
    // Deadlines live in storage and the alarm, socket data in the attachments, not in memory.
    await evictDurableObject(f.stub);
    await elapse(f, 21 * MIN);
    expect((await read(f)).conversation).toMatchObject({ slaBreached: true, priority: "high" });
    await evictDurableObject(f.stub);
    f.visitor.send({ t: "send", clientId: "after-hibernation", text: "anyone there?" });
    await agent.waitFor("message", (m) => m.message.text === "anyone there?");
    await f.visitor.waitFor("ack", (a) => a.clientId === "after-hibernation");
  });
});

describe("snooze, inactivity and follow-up", () => {
  it("wakes a snoozed conversation when its time comes", async () => {
    const f = await conversation();
    await post(`/api/v1/conversations/${f.conversationId}/assign`, f.agentCookie, { agentId: f.agentId });
    const until = ((await read(f)).conversation.updatedAt as number) + 2 * 60 * MIN;
    const res = await post(`/api/v1/conversations/${f.conversationId}/status`, f.agentCookie, { status: "snoozed", snoozeUntil: until });
    expect(res.status).toBe(200);
    expect((await read(f)).schedule.find((s) => s.kind === "snooze")?.due).toBe(until);
    await elapse(f, 2 * 60 * MIN + MIN);
    const { conversation: c, messages } = await read(f);
    expect([c.status, c.snoozeUntil]).toEqual(["assigned", null]);
    expect(messages.at(-1)).toMatchObject({ event: "snooze-ended", private: true });
  });

  it("resolves a conversation the customer stopped answering, then sends the follow-up on the conversation", async () => {
    const policy = {
      ...DEFAULT_SLA_POLICY,
      inactivity: { enabled: true, minutes: 120 },
      followUp: { enabled: true, delayMinutes: 2 * 24 * 60, message: { en: "Hi again — all sorted?", "zh-CN": "您好，问题解决了吗？" } },
    };
    const f = await conversation({ policy });
    const agent = await agentSocket(f, f.agentCookie);
    agent.send({ t: "send", clientId: "q1", text: "Could you send me your order number?" });
    await f.visitor.waitFor("message", (m) => m.message.author === "agent");
    await elapse(f, 119 * MIN);
    expect((await read(f)).conversation.status).toBe("assigned");
    await elapse(f, 2 * MIN);
    const resolved = await read(f);
    expect(resolved.conversation.status).toBe("resolved");
    expect(resolved.messages.at(-1)).toMatchObject({
      author: "system",
      event: "resolved",
      text: "Resolved automatically: no reply from the customer for 2 hours.",
    });
    await f.visitor.waitFor("state", (s) => s.conversation.status === "resolved");

    await elapse(f, 2 * 24 * 60 * MIN);
    const followed = await f.visitor.waitFor("message", (m) => m.message.event === "follow-up");
    expect(followed.message).toMatchObject({ author: "bot", text: "Hi again — all sorted?" });
    expect((await read(f)).messages.filter((m) => m.event === "follow-up")).toHaveLength(1);
    // Nothing else is due: the follow-up went out once.
    expect((await read(f)).schedule.filter((s) => s.kind !== "index-retry")).toEqual([]);

    // The customer answers the follow-up: the conversation reopens to its agent.
    f.visitor.send({ t: "send", clientId: "reply-after-follow-up", text: "Actually, one more thing" });
    await f.visitor.waitFor("state", (s) => s.conversation.status === "assigned");
  });

  it("never auto-resolves while the customer is waiting for us", async () => {
    const policy = { ...DEFAULT_SLA_POLICY, inactivity: { enabled: true, minutes: 30 } };
    const f = await conversation({ policy });
    await post(`/api/v1/conversations/${f.conversationId}/assign`, f.agentCookie, { agentId: f.agentId });
    await f.stub.advanceClockForTests(5 * 60 * MIN);
    await runDurableObjectAlarm(f.stub);
    expect((await read(f)).conversation.status).toBe("assigned");
  });
});
