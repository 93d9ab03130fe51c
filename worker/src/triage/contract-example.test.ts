// The ruleset printed in CONTRACT.md §5 validates and does what the contract says it does.

import { describe, expect, it } from "vitest";
import type { Ruleset } from "../../../protocol/src/ruleset.ts";
import { compileRuleset } from "./compile.ts";
import { evaluate } from "./evaluate.ts";
import { facts } from "./test-helpers.ts";
import { validateRuleset } from "./validate.ts";

const CONTRACT_EXAMPLE: Ruleset = {
  settings: {
    handoffKeywords: ["human", "agent", "person", "人工", "客服", "真人"],
    maxBotTurns: 3,
    defaultTeam: "support",
    fallbackReply: { en: "…", "zh-CN": "…" },
  },
  rules: [
    {
      id: "complaint-severe",
      name: "Severe complaints go straight to a person",
      enabled: true,
      when: {
        all: [
          { field: "message.text", op: "containsAny", value: ["投诉", "complaint", "lawyer", "律师"] },
          {
            any: [
              { field: "visitor.tier", op: "equals", value: "vip" },
              { field: "message.text", op: "containsAny", value: ["refund", "退款"] },
            ],
          },
        ],
      },
      then: [
        { type: "reply", text: { en: "Sorry about this — a person is taking over now.", "zh-CN": "非常抱歉,马上为您转接人工客服。" } },
        { type: "setPriority", value: "urgent" },
        { type: "addLabels", value: ["complaint", "severity:high"] },
        { type: "handoff", team: "complaints" },
      ],
      stop: true,
    },
  ],
};

describe("CONTRACT.md §5 example", () => {
  const compiled = compileRuleset(CONTRACT_EXAMPLE, 1);

  it("validates against a site with teams support and complaints", () => {
    expect(validateRuleset(CONTRACT_EXAMPLE, { teams: ["support", "complaints"] })).toMatchObject({ ok: true });
  });

  it("sends a VIP's complaint, or a complaint asking for a refund, to the complaints team as urgent", () => {
    for (const f of [facts("我要投诉", { visitor: { tier: "vip" } }), facts("ＣＯＭＰＬＡＩＮＴ: I want a refund"), facts("我想refund一下，投诉")]) {
      const r = evaluate(compiled, f, 0);
      expect(r.actions.map((a) => a.type)).toEqual(["reply", "setPriority", "addLabels", "handoff"]);
      expect(r.actions.at(-1)).toEqual({ type: "handoff", team: "complaints" });
    }
  });

  it("lets other complaints through to the fallback, and hand-off keywords still hand off", () => {
    expect(evaluate(compiled, facts("I have a complaint"), 0).actions).toEqual([{ type: "reply", text: { en: "…", "zh-CN": "…" } }]);
    expect(evaluate(compiled, facts("can I talk to a person"), 0).actions).toEqual([{ type: "handoff", reason: "keyword" }]);
  });
});
