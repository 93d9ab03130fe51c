import { describe, expect, it } from "vitest";
import { planAssignments, type AssignInput, type Roster } from "./assign.ts";

const roster = (over: Partial<Roster> = {}): Roster => ({
  strategy: "round_robin",
  members: [
    { id: "a", name: "Ann", capacity: 2, teams: ["support"] },
    { id: "b", name: "Bob", capacity: 2, teams: ["support", "vip"] },
    { id: "c", name: "Cat", capacity: 1, teams: [] },
  ],
  teams: [
    { id: "support", name: "Support", assignment: null, members: ["a", "b"] },
    { id: "vip", name: "VIP", assignment: "least_busy", members: ["b"] },
    { id: "empty", name: "Empty", assignment: null, members: [] },
    { id: "manual", name: "Manual", assignment: "manual", members: ["a"] },
  ],
  ...over,
});

const input = (over: Partial<AssignInput>): AssignInput => ({
  queue: [],
  roster: roster(),
  online: new Set(["a", "b", "c"]),
  loads: new Map(),
  pointers: new Map(),
  lastAssigned: new Map(),
  ...over,
});

const plan = (over: Partial<AssignInput>) => planAssignments(input(over)).map((p) => `${p.conversationId}:${p.agent.id}`);
const queue = (n: number, team: string | null = "support") => Array.from({ length: n }, (_, i) => ({ id: `q${i + 1}`, team }));

describe("planAssignments", () => {
  it("round robin: continues after the pool's pointer and stops at capacity", () => {
    expect(plan({ queue: queue(5) })).toEqual(["q1:a", "q2:b", "q3:a", "q4:b"]);
    expect(plan({ queue: queue(3), pointers: new Map([["support", "a"]]) })).toEqual(["q1:b", "q2:a", "q3:b"]);
    expect(plan({ queue: queue(3), loads: new Map([["a", 2]]) })).toEqual(["q1:b", "q2:b"]);
  });

  it("least busy: the lowest load first, ties to whoever waited longest", () => {
    const r = roster({ strategy: "least_busy" });
    expect(plan({ roster: r, queue: queue(3), loads: new Map([["a", 1]]) })).toEqual(["q1:b", "q2:a", "q3:b"]);
    expect(
      plan({
        roster: r,
        queue: queue(1),
        lastAssigned: new Map([
          ["a", 200],
          ["b", 100],
        ]),
      }),
    ).toEqual(["q1:b"]);
  });

  it("uses the team's strategy and members; no team or an empty team draws on everyone", () => {
    expect(plan({ queue: queue(2, "vip") })).toEqual(["q1:b", "q2:b"]);
    expect(plan({ queue: queue(5, null) })).toEqual(["q1:a", "q2:b", "q3:c", "q4:a", "q5:b"]);
    expect(plan({ queue: queue(1, "empty") })).toEqual(["q1:a"]);
    expect(plan({ queue: queue(2, "manual") })).toEqual([]);
    expect(plan({ queue: queue(1), roster: roster({ strategy: "manual" }) })).toEqual([]);
  });

  it("skips agents who are not online, are full, or gave the conversation back", () => {
    expect(plan({ queue: queue(2), online: new Set(["b"]) })).toEqual(["q1:b", "q2:b"]);
    expect(plan({ queue: [{ id: "q1", team: "support", released: ["a"] }] })).toEqual(["q1:b"]);
    expect(plan({ queue: [{ id: "q1", team: "vip", released: ["b"] }] })).toEqual([]);
    expect(plan({ queue: queue(1), online: new Set() })).toEqual([]);
  });
});
