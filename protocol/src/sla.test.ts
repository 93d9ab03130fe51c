// The SLA policy parser is total: it accepts complete, sensible policies and names the bad field otherwise.

import { describe, expect, it } from "vitest";
import { parseSlaPolicy, type SlaPolicy } from "./sla.ts";

const good: SlaPolicy = {
  standard: { firstResponse: { low: 240, normal: 60, high: 30, urgent: 15 }, resolution: { low: 4320, normal: 1440, high: 480, urgent: 240 } },
  complaint: { firstResponse: { low: 60, normal: 30, high: 15, urgent: 5 }, resolution: { low: 1440, normal: 720, high: 240, urgent: null } },
  warningMinutes: 10,
  inactivity: { enabled: true, minutes: 1440 },
  followUp: { enabled: true, delayMinutes: 4320, message: { en: "All good?", "zh-CN": "问题解决了吗？" } },
};

describe("parseSlaPolicy", () => {
  it("accepts a complete policy (null = no target)", () => {
    expect(parseSlaPolicy(good)).toEqual({ ok: true, policy: good });
  });

  it("names the offending field and never throws", () => {
    const cases: [unknown, string][] = [
      [null, "policy"],
      [{ ...good, standard: undefined }, "standard"],
      [{ ...good, complaint: { ...good.complaint, firstResponse: { ...good.complaint.firstResponse, urgent: 0 } } }, "complaint.firstResponse.urgent"],
      [{ ...good, standard: { ...good.standard, resolution: { ...good.standard.resolution, low: 1.5 } } }, "standard.resolution.low"],
      [{ ...good, warningMinutes: -1 }, "warningMinutes"],
      [{ ...good, inactivity: { enabled: "yes", minutes: 60 } }, "inactivity.enabled"],
      [{ ...good, inactivity: { enabled: true, minutes: 1 } }, "inactivity.minutes"],
      [{ ...good, followUp: { ...good.followUp, message: { en: "  " } } }, "followUp.message"],
      [{ ...good, followUp: { ...good.followUp, message: { "not a tag!": "x" } } }, "followUp.message.not a tag!"],
      [{ ...good, followUp: { ...good.followUp, message: "x".repeat(1001) } }, "followUp.message"],
    ];
    for (const [input, field] of cases) {
      const r = parseSlaPolicy(input);
      expect(r.ok ? "accepted" : r.field).toBe(field);
    }
  });

  it("allows an empty follow-up message while follow-up is off", () => {
    expect(parseSlaPolicy({ ...good, followUp: { enabled: false, delayMinutes: 60, message: "" } }).ok).toBe(true);
  });
});
