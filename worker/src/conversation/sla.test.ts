// The SLA clock and the deadlines derived from it, pure: targets per priority, complaint targets,
// warnings, pauses, reopen, escalation on breach, inactivity and follow-up times.

import { describe, expect, it } from "vitest";
import { DEFAULT_SLA_POLICY } from "../db/sla.ts";
import { deadlines, nextDue } from "./deadlines.ts";
import { transition, type ConversationState, type LifecycleEvent } from "./lifecycle.ts";
import { reconcileSla, slaDueOf } from "./sla.ts";
import { initialState } from "./lifecycle.ts";

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 2, 9, 0);
const sam = { id: "u1", name: "Sam" };
const policy = {
  ...DEFAULT_SLA_POLICY,
  followUp: { enabled: true, delayMinutes: 3 * 24 * 60, message: { en: "All sorted?", "zh-CN": "问题解决了吗？" } },
};

/** Applies an event at time `at` and reconciles the SLA clock, as the object does. */
function step(s: ConversationState, e: LifecycleEvent, at: number): ConversationState {
  const r = transition(s, e, at);
  if (!r.ok) throw new Error(r.message);
  return reconcileSla(r.state, policy, at);
}

function handedOff(over: Partial<ConversationState> = {}): ConversationState {
  const s = { ...initialState({ id: "c1", siteId: "s1", contactId: "ct1", visitorId: null, channel: "web", locale: "zh-CN" }, T0), ...over };
  return step(s, { type: "handoff", team: "support", reason: "keyword" }, T0);
}

describe("SLA clock", () => {
  it("starts at hand-off with the policy's targets for the priority", () => {
    const s = handedOff();
    expect(slaDueOf(s.sla!, "first_response")).toBe(T0 + 60 * MIN);
    expect(slaDueOf(s.sla!, "resolution")).toBe(T0 + 24 * 60 * MIN);
    expect(deadlines(s, policy).map((d) => [d.kind, (d.at - T0) / MIN])).toEqual([
      ["sla-warning:first_response", 50],
      ["sla-breach:first_response", 60],
      ["sla-warning:resolution", 24 * 60 - 10],
      ["sla-breach:resolution", 24 * 60],
    ]);
  });

  it("uses the shorter complaint targets for conversations labelled complaint", () => {
    const s = handedOff({ labels: ["complaint"], priority: "high" });
    expect(slaDueOf(s.sla!, "first_response")).toBe(T0 + 15 * MIN);
    expect(slaDueOf(s.sla!, "resolution")).toBe(T0 + 4 * 60 * MIN);
  });

  it("re-takes targets when an agent changes the priority, and never warns in the first half of a target", () => {
    const s = step(handedOff(), { type: "setPriority", priority: "urgent" }, T0 + MIN);
    expect(slaDueOf(s.sla!, "first_response")).toBe(T0 + 15 * MIN);
    const tight = reconcileSla({ ...s, sla: { ...s.sla!, warningMinutes: 30 } }, policy, T0 + MIN);
    expect(deadlines(tight, policy)[0]).toEqual({ kind: "sla-warning:first_response", at: T0 + 7.5 * MIN });
  });

  it("is met by the first agent reply and ends at resolution", () => {
    let s = step(handedOff(), { type: "agentReplied", agent: sam }, T0 + 5 * MIN);
    s = { ...s, lastAgentReplyAt: T0 + 5 * MIN };
    s = reconcileSla(s, policy, T0 + 5 * MIN);
    expect(s.sla!.respondedAt).toBe(T0 + 5 * MIN);
    expect(slaDueOf(s.sla!, "first_response")).toBeNull();
    s = step(s, { type: "setStatus", status: "resolved", by: sam }, T0 + 30 * MIN);
    expect(s.sla!.endedAt).toBe(T0 + 30 * MIN);
    expect(deadlines(s, policy).map((d) => d.kind)).toEqual(["follow-up"]);
  });

  it("pauses the resolution clock while pending and pushes the deadline back by the pause", () => {
    let s = step(handedOff(), { type: "assign", agent: sam }, T0);
    s = step(s, { type: "setStatus", status: "pending", by: sam }, T0 + 60 * MIN);
    expect(slaDueOf(s.sla!, "resolution")).toBeNull();
    s = step(s, { type: "visitorMessage" }, T0 + 180 * MIN);
    expect(slaDueOf(s.sla!, "resolution")).toBe(T0 + (24 * 60 + 120) * MIN);
  });

  it("warns, then on breach raises the priority, marks the breach and alerts, without shortening targets", () => {
    const s = handedOff();
    const warn = nextDue(s, policy, T0 + 55 * MIN)!;
    expect(warn.event).toEqual({ type: "slaWarning", target: "first_response" });
    const w = transition(s, warn.event, T0 + 55 * MIN);
    expect(w.ok && w.effects).toEqual([{ type: "slaAlert", kind: "warning", target: "first_response", due: T0 + 60 * MIN }]);
    const warned = reconcileSla(w.ok ? w.state : s, policy, T0 + 55 * MIN);
    expect(nextDue(warned, policy, T0 + 55 * MIN)).toBeNull();
    const b = transition(warned, nextDue(warned, policy, T0 + 61 * MIN)!.event, T0 + 61 * MIN);
    if (!b.ok) throw new Error(b.message);
    expect(b.state.priority).toBe("high");
    expect(b.state.slaBreaches).toEqual(["first_response"]);
    expect(b.effects).toEqual([{ type: "slaAlert", kind: "breach", target: "first_response", due: T0 + 60 * MIN }]);
    const after = reconcileSla(b.state, policy, T0 + 61 * MIN);
    expect(slaDueOf(after.sla!, "resolution")).toBe(T0 + 24 * 60 * MIN);
    expect(deadlines(after, policy).map((d) => d.kind)).toEqual(["sla-warning:resolution", "sla-breach:resolution"]);
  });

  it("starts a new cycle when a resolved conversation reopens, keeping the breach record", () => {
    let s: ConversationState = { ...handedOff(), slaBreaches: ["first_response"] };
    s = step(s, { type: "setStatus", status: "resolved" }, T0 + 10 * MIN);
    s = step(s, { type: "visitorMessage" }, T0 + 100 * MIN);
    expect(s.sla!.startedAt).toBe(T0 + 100 * MIN);
    expect(slaDueOf(s.sla!, "first_response")).toBe(T0 + 160 * MIN);
    expect(s.slaBreaches).toEqual(["first_response"]);
  });
});

describe("inactivity and follow-up deadlines", () => {
  it("counts inactivity from our last reply and the follow-up from resolution, in the customer's language", () => {
    let s = handedOff();
    s = step(s, { type: "assign", agent: sam }, T0);
    s = reconcileSla({ ...s, lastVisitorAt: T0, lastReplyAt: T0 + MIN, lastAgentReplyAt: T0 + MIN }, policy, T0 + MIN);
    expect(deadlines(s, policy).find((d) => d.kind === "inactivity")?.at).toBe(T0 + MIN + 24 * 60 * MIN);
    expect(deadlines(s, { ...policy, inactivity: { enabled: false, minutes: 60 } }).some((d) => d.kind === "inactivity")).toBe(false);
    s = step(s, { type: "inactive", minutes: 24 * 60 }, T0 + 25 * 60 * MIN);
    const follow = nextDue(s, policy, T0 + 25 * 60 * MIN + 3 * 24 * 60 * MIN)!;
    expect(follow.event).toEqual({ type: "followUp", text: "问题解决了吗？" });
  });
});
