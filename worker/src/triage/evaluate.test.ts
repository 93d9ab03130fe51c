// Unit tests of the triage engine against the starter ruleset and the contract's matching rules.

import { describe, expect, it } from "vitest";
import { compileRuleset } from "./compile.ts";
import { evaluate, type Facts } from "./evaluate.ts";
import { STARTER_RULESET } from "./starter-ruleset.ts";
import { KeywordSet, normalizeText } from "./text.ts";

const starter = compileRuleset(STARTER_RULESET, 1);

function facts(text: string, over: Partial<Facts> = {}): Facts {
  return {
    message: { text },
    channel: "web",
    visitor: { tier: "regular", attributes: {} },
    conversation: { botTurns: 0, missedTurns: 0, labels: [] },
    time: { businessHours: true, weekday: 2, hour: 10 },
    ...over,
  };
}

describe("keyword matching", () => {
  it("folds width and case, matches Latin whole words and CJK substrings", () => {
    const k = new KeywordSet(["refund", "hi", "退款", "not working"]);
    expect(k.find(normalizeText("ＲＥＦＵＮＤ please"))).toEqual(["refund"]);
    expect(k.test(normalizeText("this is fine"))).toBe(false);
    expect(k.find(normalizeText("我想refund一下"))).toEqual(["refund"]);
    expect(k.find(normalizeText("我要退款"))).toEqual(["退款"]);
    expect(k.test(normalizeText("the app is Not  Working!"))).toBe(true);
    expect(k.test(normalizeText("not really working"))).toBe(false);
  });
});

describe("starter ruleset", () => {
  it("greets in any language and offers quick replies", () => {
    const r = evaluate(starter, facts("你好"), 0);
    expect(r.actions[0]).toMatchObject({ type: "reply" });
    expect(r.trace.rules.find((x) => x.id === "greeting")?.matched).toBe(true);
  });

  it("sends severe complaints to a person with urgent priority", () => {
    const r = evaluate(starter, facts("我要投诉，马上退款"), 0);
    expect(r.actions.map((a) => a.type)).toEqual(["reply", "setPriority", "addLabels", "handoff"]);
    expect(r.actions[1]).toEqual({ type: "setPriority", value: "urgent" });
    expect(r.trace.rules.find((x) => x.id === "complaint-severe")?.conditions.join(" ")).toContain("投诉");
  });

  it("always hands off on a hand-off keyword, whatever the rules say", () => {
    const r = evaluate(starter, facts("人工"), 0);
    expect(r.actions.at(-1)).toMatchObject({ type: "handoff" });
    expect(r.trace.builtin?.kind).toBe("handoff-keyword");
  });

  it("hands off after maxBotTurns messages it could not help with", () => {
    const first = evaluate(starter, facts("blorp"), 0);
    expect(first.missed).toBe(true);
    expect(first.actions).toEqual([{ type: "reply", text: STARTER_RULESET.settings.fallbackReply }]);
    const third = evaluate(starter, facts("blorp", { conversation: { botTurns: 2, missedTurns: 2, labels: [] } }), 0);
    expect(third.actions.at(-1)).toMatchObject({ type: "handoff", reason: "max-bot-turns" });
  });
});
