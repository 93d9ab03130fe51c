// The demo history: the same month every time (so re-running adds nothing), a believable shape, and
// timestamps and SLA flags that agree with each other and with the default policy.

import { describe, expect, it } from "vitest";
import { localTime } from "../lib/time.ts";
import { demoHistory, historyConversations } from "./demo-history.ts";
import { DEFAULT_SLA_POLICY } from "./sla-defaults.ts";

const NOW = Date.parse("2026-03-20T10:00:00+08:00");
const opts = { site: "demo", timezone: "Asia/Shanghai", agents: ["u1", "u2"], now: NOW };

describe("demo history", () => {
  it("is deterministic per site and day, and a later run only adds the newer days", () => {
    expect(demoHistory(opts)).toEqual(demoHistory(opts));
    const today = historyConversations(opts);
    const tomorrow = historyConversations({ ...opts, now: NOW + 86_400_000 });
    const ids = new Set(today.map((c) => c.id));
    const later = new Map(tomorrow.map((c) => [c.id, c]));
    // Every conversation of yesterday's run that is still in the month is generated identically.
    for (const c of today) if (later.has(c.id)) expect(later.get(c.id)).toEqual(c);
    // New: the day that became "before today", and conversations that were not over yet last time.
    const added = tomorrow.filter((c) => !ids.has(c.id));
    expect(added.every((c) => localTime(c.created, "Asia/Shanghai").date === "2026-03-20" || c.resolved >= NOW)).toBe(true);
    expect(added.length).toBeGreaterThan(10);
  });

  it("fills the 30 days before today with a believable month", () => {
    const all = historyConversations(opts);
    const days = new Set(all.map((c) => localTime(c.created, "Asia/Shanghai").date));
    expect([...days].sort()).toHaveLength(30);
    expect([...days].sort()[0]).toBe("2026-02-18");
    expect(all.length).toBeGreaterThan(1000);
    const weekend = all.filter((c) => [0, 6].includes(localTime(c.created, "Asia/Shanghai").weekday)).length / 8;
    const weekday = all.filter((c) => ![0, 6].includes(localTime(c.created, "Asia/Shanghai").weekday)).length / 22;
    expect(weekend).toBeLessThan(weekday * 0.75);
    const botOnly = all.filter((c) => c.handoff === null).length / all.length;
    expect(botOnly).toBeGreaterThan(0.2);
    expect(botOnly).toBeLessThan(0.5);
    expect(all.filter((c) => c.labels.includes("complaint")).length).toBeGreaterThan(50);
    expect(new Set(all.map((c) => c.channel)).size).toBe(6);
    expect(all.filter((c) => c.rating !== null).length).toBeGreaterThan(200);
  });

  it("keeps timestamps in order, in the past, and SLA flags true to the default targets", () => {
    for (const c of historyConversations(opts)) {
      expect(c.resolved).toBeLessThan(NOW);
      if (c.handoff === null) {
        expect([c.response, c.agent, c.frBreached, c.resBreached]).toEqual([null, null, false, false]);
        continue;
      }
      expect(c.created).toBeLessThanOrEqual(c.handoff);
      expect(c.handoff).toBeLessThanOrEqual(c.response!);
      expect(c.response!).toBeLessThanOrEqual(c.resolved);
      const t = c.labels.includes("complaint") ? DEFAULT_SLA_POLICY.complaint : DEFAULT_SLA_POLICY.standard;
      expect(c.frBreached).toBe(c.response! - c.handoff > t.firstResponse[c.priority]! * 60_000);
      expect(c.resBreached).toBe(c.resolved - c.handoff > t.resolution[c.priority]! * 60_000);
    }
  });
});
