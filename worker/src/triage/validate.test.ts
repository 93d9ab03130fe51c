// Unit tests of ruleset validation: refused as a whole, every error naming the rule and the field.

import { describe, expect, it } from "vitest";
import type { Rule } from "../../../protocol/src/ruleset.ts";
import { STARTER_RULESET } from "./starter-ruleset.ts";
import { regexHazard, validateRuleset } from "./validate.ts";

const TEAMS = ["support", "complaints"];

function errorsOf(rule: Record<string, unknown>, settings: Record<string, unknown> = {}) {
  const ok: Rule = { id: "fine", when: { field: "channel", op: "equals", value: "web" }, then: [{ type: "reply", text: "hi" }] };
  const v = validateRuleset(
    { settings: { handoffKeywords: ["human"], maxBotTurns: 3, ...settings }, rules: [ok, { id: "bad", then: [{ type: "reply", text: "x" }], ...rule }] },
    { teams: TEAMS },
  );
  return v.ok ? [] : v.errors.map((e) => ({ rule: e.rule, field: e.field, message: e.message }));
}

describe("validateRuleset", () => {
  it("accepts the starter ruleset with the demo teams", () => {
    expect(validateRuleset(STARTER_RULESET, { teams: TEAMS })).toMatchObject({ ok: true });
  });

  it("names the rule and field of an unknown field", () => {
    expect(errorsOf({ when: { field: "visitor.age", op: "gt", value: 3 } })).toEqual([
      { rule: "bad", field: "when.field", message: 'unknown field "visitor.age"' },
    ]);
  });

  it("names an unknown operator and an operator that does not fit the field", () => {
    expect(errorsOf({ when: { all: [{ field: "message.text", op: "contains", value: ["x"] }] } })).toEqual([
      { rule: "bad", field: "when.all[0].op", message: 'unknown operator "contains"' },
    ]);
    expect(errorsOf({ when: { field: "time.businessHours", op: "gt", value: 1 } })[0]).toMatchObject({ rule: "bad", field: "when.op" });
  });

  it("refuses a bad regex and one that could backtrack catastrophically", () => {
    expect(errorsOf({ when: { field: "message.text", op: "matches", value: "(unclosed" } })[0]).toMatchObject({
      rule: "bad",
      field: "when.value",
      message: expect.stringContaining("invalid regular expression"),
    });
    expect(errorsOf({ when: { field: "message.text", op: "matches", value: "(a+)+$" } })[0]).toMatchObject({
      rule: "bad",
      field: "when.value",
      message: expect.stringContaining("backtrack catastrophically"),
    });
    expect(
      errorsOf({ when: { field: "channel", op: "exists" }, then: [{ type: "askField", field: "code", prompt: "?", validate: "^(\\w+\\s?)*$" }] })[0],
    ).toMatchObject({
      rule: "bad",
      field: "then[0].validate",
    });
  });

  it("refuses an empty keyword list, an empty keyword, and one with no letters or digits", () => {
    expect(errorsOf({ when: { field: "message.text", op: "containsAny", value: [] } })[0]).toMatchObject({ rule: "bad", field: "when.value" });
    expect(errorsOf({ when: { field: "message.text", op: "containsAny", value: ["ok", " "] } })[0]).toMatchObject({ rule: "bad", field: "when.value[1]" });
    expect(errorsOf({ when: { field: "message.text", op: "containsAny", value: ["!!!"] } })[0]?.message).toContain("no letters or digits");
    expect(errorsOf({}, { handoffKeywords: [] })[0]).toMatchObject({ rule: "settings", field: "handoffKeywords" });
  });

  it("refuses an unknown team wherever a team is named", () => {
    expect(errorsOf({ when: { field: "channel", op: "exists" }, then: [{ type: "handoff", team: "legal" }] })).toEqual([
      { rule: "bad", field: "then[0].team", message: 'unknown team "legal" (teams: support, complaints)' },
    ]);
    expect(errorsOf({ when: { field: "channel", op: "exists" }, then: [{ type: "route", team: "nope" }] })[0]).toMatchObject({ field: "then[0].team" });
    expect(errorsOf({ when: { field: "channel", op: "exists" } }, { defaultTeam: "nope" })[0]).toMatchObject({ rule: "settings", field: "defaultTeam" });
  });

  it("checks values against the field: channels, tiers, numbers, booleans", () => {
    expect(errorsOf({ when: { field: "channel", op: "equals", value: "fax" } })[0]).toMatchObject({ field: "when.value" });
    expect(errorsOf({ when: { field: "visitor.tier", op: "in", value: ["vip", "gold"] } })[0]).toMatchObject({ field: "when.value" });
    expect(errorsOf({ when: { field: "time.hour", op: "equals", value: "10" } })[0]).toMatchObject({ field: "when.value" });
    expect(errorsOf({ when: { field: "time.businessHours", op: "equals", value: "no" } })[0]).toMatchObject({ field: "when.value" });
  });

  it("names unknown actions and properties (typos do not pass silently)", () => {
    expect(errorsOf({ when: { field: "channel", op: "exists" }, then: [{ type: "escalate" }] })[0]).toMatchObject({ field: "then[0].type" });
    expect(errorsOf({ when: { field: "channel", op: "exists" }, stopp: true })[0]).toMatchObject({ field: "stopp" });
    expect(errorsOf({ when: { field: "channel", op: "exists", vaule: 1 } })[0]).toMatchObject({ field: "when.vaule" });
    expect(errorsOf({ when: { field: "channel", op: "exists" }, then: [{ type: "setPriority", value: "asap" }] })[0]).toMatchObject({ field: "then[0].value" });
  });

  it("names duplicate ids, missing parts and the rule's position", () => {
    const v = validateRuleset({ settings: { handoffKeywords: ["human"], maxBotTurns: 0 }, rules: [{ id: "a", when: {}, then: [] }, { id: "a" }] });
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.errors).toContainEqual({ rule: "settings", field: "maxBotTurns", message: expect.any(String) });
    expect(v.errors).toContainEqual({ rule: "a", index: 0, field: "then", message: "a rule needs at least one action" });
    expect(v.errors).toContainEqual({ rule: "a", index: 1, field: "id", message: "duplicate rule id" });
    expect(v.errors).toContainEqual({ rule: "a", index: 1, field: "when", message: "a rule needs a condition (when)" });
  });

  it("never throws on junk", () => {
    for (const junk of [null, 3, "x", [], { rules: "x" }, { settings: [], rules: [null, 1, { when: [] }] }]) {
      const v = validateRuleset(junk);
      expect(v.ok).toBe(false);
    }
  });
});

describe("regexHazard", () => {
  it.each([
    ["(a+)+$", "nested"],
    ["(x|xy)*z", "alternation"],
    ["\\d+\\d+x", "repeats"],
    [".*error.*timeout", "repeats"],
    ["(a?)*b", "empty"],
    ["(\\w)\\1", "back-references"],
  ])("refuses %s", (source, why) => {
    expect(regexHazard(source)).toContain(why);
  });

  it.each([
    "^[A-Za-z]\\d{5}$",
    "^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$",
    "refund|退款",
    "\\b(order|订单)\\s*#?\\d+",
    "^\\+?[\\d\\s-]{7,20}$",
    "https?://\\S+",
    "^\\d+\\d+x",
  ])("accepts %s", (source) => {
    expect(regexHazard(source)).toBeNull();
  });
});
