// Unit tests of the built-in guarantees no ruleset can switch off.

import { describe, expect, it } from "vitest";
import type { Rule } from "../../../protocol/src/ruleset.ts";
import { compileRuleset } from "./compile.ts";
import { evaluate } from "./evaluate.ts";
import { facts, rulesetOf } from "./test-helpers.ts";

/** A ruleset that tries hard to keep visitors with the bot. */
const stubborn = rulesetOf([
  { id: "catch-all", when: { field: "channel", op: "exists" }, then: [{ type: "reply", text: "No humans here." }, { type: "resolve" }], stop: true },
]);

describe("built-in guarantees", () => {
  it("a hand-off keyword always hands off, whatever the rules say (and nothing resolves)", () => {
    for (const text of ["I want a HUMAN", "转人工", "ｈｕｍａｎ please"]) {
      const r = evaluate(stubborn, facts(text), 0);
      expect(r.actions).toEqual([
        { type: "reply", text: "No humans here." },
        { type: "handoff", reason: "keyword" },
      ]);
      expect(r.trace.builtin?.kind).toBe("handoff-keyword");
    }
    expect(evaluate(stubborn, facts("humane"), 0).actions.some((a) => a.type === "handoff")).toBe(false);
  });

  it("the hand-off button always hands off", () => {
    const r = evaluate(stubborn, facts("Talk to a person", { message: { payload: "__handoff" } }), 0);
    expect(r.actions.at(-1)).toEqual({ type: "handoff", reason: "button" });
    expect(r.trace.builtin).toMatchObject({ kind: "handoff-button" });
  });

  it("a built-in hand-off is not held back behind a rule's question", () => {
    const asks = rulesetOf([
      { when: { field: "message.text", op: "containsAny", value: ["order"] }, then: [{ type: "askField", field: "orderNumber", prompt: "Number?" }] },
    ]);
    const r = evaluate(asks, facts("my order, get me a human"), 0);
    expect(r.actions.map((a) => a.type)).toEqual(["handoff"]);
  });

  it("keeps a rule's own hand-off (with its team) instead of adding another", () => {
    const rs = rulesetOf([{ when: { field: "message.text", op: "containsAny", value: ["lawyer"] }, then: [{ type: "handoff", team: "legal" }] }]);
    const r = evaluate(rs, facts("my lawyer wants a human"), 0);
    expect(r.actions).toEqual([{ type: "handoff", team: "legal" }]);
    expect(r.trace.builtin).toBeUndefined();
  });

  it("hands off at the maxBotTurns-th message no rule helped with, with the fallback reply before", () => {
    const rs = rulesetOf([{ when: { field: "message.text", op: "containsAny", value: ["shipping"] } }], { maxBotTurns: 3 });
    const first = evaluate(rs, facts("blorp"), 0);
    expect(first.missed).toBe(true);
    expect(first.actions).toEqual([{ type: "reply", text: "fallback" }]);
    expect(evaluate(rs, facts("blorp", { conversation: { missedTurns: 1 } }), 0).actions).toEqual([{ type: "reply", text: "fallback" }]);
    const third = evaluate(rs, facts("blorp", { conversation: { missedTurns: 2 } }), 0);
    expect(third.actions).toEqual([{ type: "handoff", reason: "max-bot-turns" }]);
    expect(third.trace.builtin?.kind).toBe("max-bot-turns");
    // A message a rule answered does not count, and is not missed.
    const helped = evaluate(rs, facts("shipping?", { conversation: { missedTurns: 2 } }), 0);
    expect(helped.missed).toBe(false);
    expect(helped.actions).toEqual([{ type: "reply", text: "ok" }]);
  });

  it("a rule that only labels or sets priority has not helped: the visitor still gets an answer", () => {
    const rs = rulesetOf([{ when: { field: "channel", op: "exists" }, then: [{ type: "setPriority", value: "high" }] }]);
    const r = evaluate(rs, facts("hmm"), 0);
    expect(r.missed).toBe(true);
    expect(r.actions).toEqual([
      { type: "setPriority", value: "high" },
      { type: "reply", text: "fallback" },
    ]);
  });

  it("a step budget per message stops runaway evaluation and hands off to a person", () => {
    const rules: Rule[] = Array.from({ length: 50 }, (_, i) => ({
      id: `r${i}`,
      when: {
        all: [
          { field: "channel", op: "exists" },
          { field: "message.text", op: "containsAny", value: [`never${i}`] },
        ],
      },
      then: [{ type: "reply", text: "x" }],
    }));
    const small = compileRuleset({ settings: { handoffKeywords: ["human"], maxBotTurns: 3 }, rules }, 1, { stepBudget: 40 });
    const r = evaluate(small, facts("hello"), 0);
    expect(r.actions).toEqual([{ type: "handoff", reason: "step-budget" }]);
    expect(r.trace.builtin?.kind).toBe("step-budget");
    expect(r.trace.rules.length).toBeLessThan(50);
    // The same ruleset with the default budget evaluates every rule.
    expect(evaluate(compileRuleset({ settings: { handoffKeywords: ["human"], maxBotTurns: 3 }, rules }, 1), facts("hello"), 0).trace.rules).toHaveLength(50);
  });

  it("records the evaluation time and ruleset version in the trace", () => {
    const r = evaluate(stubborn, facts("hi"), 1_700_000_000_000);
    expect(r.trace.at).toBe(1_700_000_000_000);
    expect(r.trace.rulesetVersion).toBe(1);
  });
});
