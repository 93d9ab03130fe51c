// Fuzzing the ruleset validator (protocol/src/ruleset-validate.ts) and what runs after it: any JSON
// and mutated valid rulesets never throw; a refusal names a rule and a field; an accepted ruleset
// compiles, and evaluate() on random facts never throws and stays within its step budget.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Action, Condition, Ruleset } from "../../protocol/src/ruleset.ts";
import { compileRuleset } from "../../worker/src/triage/compile.ts";
import { evaluate, type Facts } from "../../worker/src/triage/evaluate.ts";
import { STARTER_RULESET } from "../../worker/src/triage/starter-ruleset.ts";
import { validateRuleset, type Validation } from "../../worker/src/triage/validate.ts";
import { anyJson, anyText, mutated, prototypeClean, runs } from "../fixtures/fuzz.ts";

/** Keywords need a letter or digit; reply texts may be anything not blank. */
const word = fc.oneof(fc.stringMatching(/^[a-z0-9][a-z0-9 ]{0,10}$/), fc.constantFrom("退款", "人工", "ayuda", "straße"));
const text = anyText.filter((s) => s.trim().length > 0);
const leaf: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({ field: fc.constant("message.text"), op: fc.constantFrom("containsAny", "containsAll"), value: fc.array(word, { minLength: 1, maxLength: 4 }) }),
  fc.record({
    field: fc.constant("message.text"),
    op: fc.constant("matches"),
    value: fc.constantFrom("^order\\s*#?\\d+", "refund|return", "(a|b)c", "[0-9]{3,}"),
  }),
  fc.record({ field: fc.constant("conversation.botTurns"), op: fc.constantFrom("gt", "gte", "lt", "lte"), value: fc.nat(10) }),
  fc.record({ field: fc.constant("channel"), op: fc.constantFrom("equals", "notEquals"), value: fc.constantFrom("web", "email", "telegram") }),
  fc.record({ field: fc.constant("visitor.tier"), op: fc.constant("in"), value: fc.subarray(["vip", "key", "regular"], { minLength: 1 }) }),
  fc.record({ field: fc.constantFrom("visitor.attributes.plan", "visitor.attributes.x-y"), op: fc.constant("equals"), value: fc.constantFrom("pro", 1, true) }),
  fc.record({ field: fc.constantFrom("visitor.attributes.plan", "page.url"), op: fc.constant("exists"), value: fc.boolean() }),
  fc.record({ field: fc.constant("conversation.labels"), op: fc.constant("containsAny"), value: fc.array(word, { minLength: 1, maxLength: 3 }) }),
  fc.record({ field: fc.constant("time.businessHours"), op: fc.constant("equals"), value: fc.boolean() }),
);
const condition: fc.Arbitrary<Condition> = fc.letrec((tie) => ({
  c: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.record({ all: fc.array(tie("c") as fc.Arbitrary<Condition>, { minLength: 1, maxLength: 3 }) }),
    fc.record({ any: fc.array(tie("c") as fc.Arbitrary<Condition>, { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie("c") as fc.Arbitrary<Condition> }),
  ),
})).c;
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ type: fc.constant("reply" as const), text }),
  fc.record({ type: fc.constant("setPriority" as const), value: fc.constantFrom("low" as const, "normal" as const, "high" as const, "urgent" as const) }),
  fc.record({ type: fc.constant("addLabels" as const), value: fc.array(fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/), { minLength: 1, maxLength: 3 }) }),
  fc.record({ type: fc.constant("setAttribute" as const), name: fc.constantFrom("plan", "x-y"), value: fc.constantFrom("pro", 1, true) }),
  fc.record({ type: fc.constant("handoff" as const), team: fc.constant("support") }),
  fc.constant({ type: "resolve" as const }),
);
const validRuleset: fc.Arbitrary<Ruleset> = fc.oneof(
  fc.record({
    settings: fc.record({ handoffKeywords: fc.array(word, { minLength: 1, maxLength: 3 }), maxBotTurns: fc.integer({ min: 1, max: 20 }), fallbackReply: text }),
    rules: fc.uniqueArray(
      fc.record({
        id: fc.stringMatching(/^[\w:.-]{1,20}$/),
        when: condition,
        then: fc.array(action, { minLength: 1, maxLength: 3 }),
        stop: fc.boolean(),
        enabled: fc.boolean(),
      }),
      { selector: (r) => r.id, maxLength: 6 },
    ),
  }),
  fc.constant(structuredClone(STARTER_RULESET)),
);

const facts: fc.Arbitrary<Facts> = fc.record({
  message: fc.record(
    { text: anyText, payload: fc.oneof(anyText, fc.constant("__handoff")), language: fc.constantFrom("en", "zh") },
    { requiredKeys: ["text"] },
  ),
  channel: fc.constantFrom("web", "email", "telegram", "whatsapp", "sms", "api"),
  page: fc.record({ url: anyText }),
  visitor: fc.record(
    {
      tier: fc.constantFrom("vip", "key", "regular"),
      email: anyText,
      attributes: fc.dictionary(fc.constantFrom("plan", "x-y", "__proto__", "constructor"), anyJson),
    },
    { requiredKeys: ["tier", "attributes"] },
  ),
  conversation: fc.record({ botTurns: fc.nat(30), missedTurns: fc.nat(30), labels: fc.array(anyText, { maxLength: 3 }) }),
  time: fc.record({ businessHours: fc.boolean(), weekday: fc.integer({ min: 0, max: 6 }), hour: fc.integer({ min: 0, max: 23 }) }),
});

/** A refusal names the rule (or `settings`/`ruleset`) and the field, with a message. */
function refusalIsClear(v: Validation): void {
  if (v.ok) return;
  expect(v.errors.length).toBeGreaterThan(0);
  for (const e of v.errors) {
    expect(typeof e.rule === "string" && e.rule.length > 0, JSON.stringify(e)).toBe(true);
    expect(typeof e.field).toBe("string");
    expect(e.message.length).toBeGreaterThan(0);
  }
}

/** An accepted ruleset compiles; evaluation never throws and never takes more condition steps than its budget. */
function runsSafely(v: Validation, f: Facts, budget: number): void {
  if (!v.ok) return;
  const compiled = compileRuleset(v.ruleset, 1, { stepBudget: budget });
  const r = evaluate(compiled, f, 1_700_000_000_000);
  // Every traced rule cost at least one step; the rule that ran out is not traced, a person takes over.
  expect(r.trace.rules.length).toBeLessThanOrEqual(budget);
  if (r.trace.builtin?.kind === "step-budget") expect(r.actions.some((a) => a.type === "handoff")).toBe(true);
  for (const a of r.actions) expect(typeof a.type).toBe("string");
}

describe("ruleset validator (fuzz)", () => {
  it("accepts the generated valid rulesets (the generator makes real rulesets)", () => {
    fc.assert(
      fc.property(validRuleset, (rs) => {
        const v = validateRuleset(rs, { teams: ["support", "complaints"] });
        expect(v.ok ? [] : v.errors).toEqual([]);
      }),
      runs(150),
    );
  });

  it("never throws on arbitrary JSON; refusals name a rule and a field", () => {
    fc.assert(
      fc.property(anyJson, facts, (input, f) => {
        const v = validateRuleset(input);
        refusalIsClear(v);
        runsSafely(v, f, 50);
        expect(prototypeClean()).toBe(true);
      }),
      runs(300),
    );
  });

  it("never throws on mutated valid rulesets; what it accepts compiles and evaluates within the step budget", () => {
    let accepted = 0;
    fc.assert(
      fc.property(mutated(validRuleset), facts, fc.integer({ min: 1, max: 40 }), (input, f, budget) => {
        const v = validateRuleset(input, { teams: ["support", "complaints"] });
        refusalIsClear(v);
        runsSafely(v, f, budget);
        if (v.ok) accepted++;
        expect(prototypeClean()).toBe(true);
      }),
      runs(250),
    );
    // Some mutations keep a ruleset valid (another text, a removed optional field): those were evaluated.
    expect(accepted).toBeGreaterThan(10);
  });

  it("evaluates valid rulesets on random facts without throwing, with any step budget", () => {
    fc.assert(
      fc.property(validRuleset, facts, fc.integer({ min: 1, max: 100 }), (rs, f, budget) => {
        runsSafely(validateRuleset(rs, { teams: ["support"] }), f, budget);
      }),
      runs(200),
    );
  });
});
