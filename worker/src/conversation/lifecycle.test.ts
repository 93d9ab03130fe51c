// The lifecycle is pure: every transition, the system notes it records, and the events it refuses.

import { describe, expect, it } from "vitest";
import { initialState } from "./lifecycle.ts";
import { transition, type ConversationState, type LifecycleEvent } from "./lifecycle.ts";

const T0 = Date.UTC(2026, 10, 2, 9, 0);
const sam = { id: "u1", name: "Sam" };
const ada = { id: "u2", name: "Ada" };

function fresh(over: Partial<ConversationState> = {}): ConversationState {
  return { ...initialState({ id: "c1", siteId: "s1", contactId: "ct1", visitorId: "v1", channel: "web", locale: "en" }, T0), ...over };
}

/** Runs events in order; fails the test if one is refused. */
function run(s: ConversationState, ...events: LifecycleEvent[]) {
  const notes: { event: string; private?: boolean }[] = [];
  for (const e of events) {
    const r = transition(s, e, T0 + 1000);
    if (!r.ok) throw new Error(`refused ${e.type}: ${r.message}`);
    s = r.state;
    notes.push(...r.notes.map((n) => ({ event: n.event, ...(n.private ? { private: true } : {}) })));
  }
  return { s, notes };
}

function refused(s: ConversationState, e: LifecycleEvent): string {
  const r = transition(s, e, T0 + 1000);
  expect(r.ok).toBe(false);
  return r.ok ? "" : r.code;
}

describe("transition", () => {
  it("walks bot → queued → assigned → pending → resolved → closed, recording each step", () => {
    const { s, notes } = run(
      fresh(),
      { type: "handoff", team: "support", reason: "keyword" },
      { type: "assign", agent: sam, by: sam },
      { type: "setStatus", status: "pending", by: sam },
      { type: "setStatus", status: "resolved", by: sam },
      { type: "setStatus", status: "closed", by: sam },
    );
    expect(s.status).toBe("closed");
    expect(s.team).toBe("support");
    expect(s.handoffAt).toBe(T0 + 1000);
    expect(notes).toEqual([
      { event: "handoff" },
      { event: "assigned" },
      { event: "pending", private: true },
      { event: "resolved" },
      { event: "closed", private: true },
    ]);
  });

  it("reopens a resolved conversation when the customer writes, back to its agent", () => {
    const resolved = run(fresh(), { type: "assign", agent: sam }, { type: "setStatus", status: "resolved" }).s;
    const { s, notes } = run(resolved, { type: "visitorMessage" });
    expect(s.status).toBe("assigned");
    expect(s.resolvedAt).toBeNull();
    expect(notes).toEqual([{ event: "reopened" }]);
  });

  it("a customer reply takes a pending or snoozed conversation back to open", () => {
    const assigned = run(fresh(), { type: "assign", agent: sam }).s;
    expect(run(assigned, { type: "setStatus", status: "pending" }, { type: "visitorMessage" }).s.status).toBe("assigned");
    const snoozed = run(assigned, { type: "setStatus", status: "snoozed", snoozeUntil: T0 + 3_600_000 }).s;
    expect(snoozed.snoozeUntil).toBe(T0 + 3_600_000);
    const back = run(snoozed, { type: "visitorMessage" }).s;
    expect([back.status, back.snoozeUntil]).toEqual(["assigned", null]);
  });

  it("ends a snooze when its time comes; an ended or cancelled snooze is a no-op", () => {
    const snoozed = run(fresh(), { type: "handoff", team: null, reason: "x" }, { type: "setStatus", status: "snoozed", snoozeUntil: T0 + 60_000 }).s;
    const { s, notes } = run(snoozed, { type: "snoozeEnded" });
    expect(s.status).toBe("queued");
    expect(notes).toEqual([{ event: "snooze-ended", private: true }]);
    expect(run(s, { type: "snoozeEnded" }).notes).toEqual([]);
  });

  it("hands off to a team and transfers between agents and teams with a private note", () => {
    const withSam = run(fresh(), { type: "handoff", team: "support", reason: "rule" }, { type: "assign", agent: sam, by: sam }).s;
    const toAda = run(withSam, { type: "assign", agent: ada, by: sam, note: "VIP, handle with care" });
    expect(toAda.s.assignee?.name).toBe("Ada");
    expect(toAda.notes).toEqual([{ event: "assigned" }, { event: "transfer-note", private: true }]);
    const toTeam = run(toAda.s, { type: "assign", agent: null, team: "billing", by: ada, note: "billing question" });
    expect([toTeam.s.status, toTeam.s.team, toTeam.s.assignee]).toEqual(["queued", "billing", null]);
    expect(toTeam.notes).toEqual([{ event: "unassigned" }, { event: "transfer-note", private: true }]);
  });

  it("an agent reply takes the conversation from the bot and records the first response", () => {
    const { s, notes } = run(fresh(), { type: "agentReplied", agent: sam });
    expect([s.status, s.assignee?.id, s.firstResponseAt, s.handoffAt]).toEqual(["assigned", "u1", T0 + 1000, T0 + 1000]);
    expect(notes).toEqual([{ event: "assigned" }]);
  });

  it("records priority and routing changes for agents only", () => {
    const { s, notes } = run(
      fresh(),
      { type: "setPriority", priority: "urgent" },
      { type: "setTeam", team: "vip" },
      { type: "setPriority", priority: "urgent" },
    );
    expect([s.priority, s.team]).toEqual(["urgent", "vip"]);
    expect(notes).toEqual([
      { event: "priority", private: true },
      { event: "team", private: true },
    ]);
  });

  it("refuses illegal transitions", () => {
    const closed = run(fresh(), { type: "setStatus", status: "resolved" }, { type: "setStatus", status: "closed" }).s;
    for (const e of [
      { type: "visitorMessage" },
      { type: "agentReplied", agent: sam },
      { type: "assign", agent: sam },
      { type: "handoff", team: null, reason: "x" },
      { type: "setStatus", status: "open" },
    ] as LifecycleEvent[])
      expect(refused(closed, e)).toBe("illegal_transition");
    const assigned = run(fresh(), { type: "assign", agent: sam }).s;
    expect(refused(assigned, { type: "setStatus", status: "closed" })).toBe("illegal_transition");
    expect(refused(assigned, { type: "setStatus", status: "snoozed", snoozeUntil: T0 })).toBe("illegal_transition");
    expect(refused(assigned, { type: "setStatus", status: "snoozed" })).toBe("illegal_transition");
    expect(refused(fresh(), { type: "setStatus", status: "pending" })).toBe("illegal_transition");
    expect(refused(fresh(), { type: "setStatus", status: "snoozed", snoozeUntil: T0 + 3_600_000 })).toBe("illegal_transition");
    const resolved = run(assigned, { type: "setStatus", status: "resolved" }).s;
    expect(refused(resolved, { type: "setStatus", status: "pending" })).toBe("illegal_transition");
  });

  it("resolves an inactive conversation only while the customer owes us a reply", () => {
    const talked = run(fresh({ lastVisitorAt: T0, lastReplyAt: T0 + 10, lastAgentReplyAt: T0 + 10 }), { type: "assign", agent: sam }).s;
    const { s, notes } = run(talked, { type: "inactive", minutes: 1440 });
    expect(s.status).toBe("resolved");
    expect(notes).toEqual([{ event: "resolved" }]);
    // The customer wrote last: we owe them an answer, so nothing happens.
    const waiting = { ...talked, lastVisitorAt: T0 + 20 };
    expect(run(waiting, { type: "inactive", minutes: 1440 }).s.status).toBe("assigned");
    // A bot hand-off message does not count as the agent's reply.
    const claimed = { ...talked, lastAgentReplyAt: null };
    expect(run(claimed, { type: "inactive", minutes: 1440 }).s.status).toBe("assigned");
  });

  it("sends the follow-up once per resolution", () => {
    const resolved = run(fresh(), { type: "setStatus", status: "resolved" }).s;
    const r = transition(resolved, { type: "followUp", text: "All good?" }, T0 + 5000);
    expect(r.ok && r.effects).toEqual([{ type: "send", author: "bot", text: "All good?", event: "follow-up" }]);
    const again = r.ok ? transition(r.state, { type: "followUp", text: "All good?" }, T0 + 6000) : r;
    expect(again.ok && again.effects).toEqual([]);
  });
});
