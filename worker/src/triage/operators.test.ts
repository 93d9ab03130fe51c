// Unit tests of every operator and combinator of the condition language, on every kind of field.

import { describe, expect, it } from "vitest";
import type { Condition } from "../../../protocol/src/ruleset.ts";
import { evaluate } from "./evaluate.ts";
import { facts, holds, rulesetOf } from "./test-helpers.ts";

describe("operators", () => {
  it("equals / notEquals compare text case- and width-insensitively, and numbers and booleans exactly", () => {
    expect(holds({ field: "visitor.tier", op: "equals", value: "vip" }, facts("x", { visitor: { tier: "VIP" } }))).toBe(true);
    expect(holds({ field: "visitor.tier", op: "equals", value: "vip" }, facts("x"))).toBe(false);
    expect(holds({ field: "message.payload", op: "equals", value: "faq:order" }, facts("x", { message: { payload: "ＦＡＱ:ORDER" } }))).toBe(true);
    expect(holds({ field: "time.hour", op: "equals", value: 10 }, facts("x"))).toBe(true);
    expect(holds({ field: "time.businessHours", op: "equals", value: false }, facts("x", { time: { businessHours: false } }))).toBe(true);
    expect(holds({ field: "time.businessHours", op: "equals", value: false }, facts("x"))).toBe(false);
    expect(holds({ field: "channel", op: "notEquals", value: "email" }, facts("x"))).toBe(true);
    expect(holds({ field: "channel", op: "notEquals", value: "web" }, facts("x"))).toBe(false);
    // An attribute set as text by the page still compares with a number in a rule.
    expect(holds({ field: "visitor.attributes.plan", op: "equals", value: 3 }, facts("x", { visitor: { attributes: { plan: "3" } } }))).toBe(true);
  });

  it("equals / notEquals on a list field test membership", () => {
    const f = facts("x", { conversation: { labels: ["complaint", "vip"] } });
    expect(holds({ field: "conversation.labels", op: "equals", value: "vip" }, f)).toBe(true);
    expect(holds({ field: "conversation.labels", op: "notEquals", value: "vip" }, f)).toBe(false);
    expect(holds({ field: "conversation.labels", op: "notEquals", value: "order" }, f)).toBe(true);
  });

  it("in: the value is one of a list (for a list field: any element is)", () => {
    expect(holds({ field: "channel", op: "in", value: ["web", "email"] }, facts("x"))).toBe(true);
    expect(holds({ field: "channel", op: "in", value: ["sms", "email"] }, facts("x"))).toBe(false);
    expect(holds({ field: "time.weekday", op: "in", value: [0, 6] }, facts("x", { time: { weekday: 6 } }))).toBe(true);
    expect(holds({ field: "conversation.labels", op: "in", value: ["order", "fault"] }, facts("x", { conversation: { labels: ["fault"] } }))).toBe(true);
    expect(holds({ field: "conversation.labels", op: "in", value: ["order"] }, facts("x"))).toBe(false);
  });

  it("containsAny / containsAll on text use the keyword rules", () => {
    expect(holds({ field: "message.text", op: "containsAny", value: ["refund", "退款"] }, facts("我想退款"))).toBe(true);
    expect(holds({ field: "message.text", op: "containsAny", value: ["refund", "退款"] }, facts("refunding"))).toBe(false);
    expect(holds({ field: "message.text", op: "containsAll", value: ["order", "late"] }, facts("My ORDER is late"))).toBe(true);
    expect(holds({ field: "message.text", op: "containsAll", value: ["order", "late"] }, facts("my order is here"))).toBe(false);
    expect(holds({ field: "page.url", op: "containsAny", value: ["checkout"] }, facts("x", { page: { url: "https://shop.test/checkout/step-2" } }))).toBe(true);
  });

  it("containsAny / containsAll on a list field test its elements", () => {
    const f = facts("x", { conversation: { labels: ["complaint", "severity:high"] } });
    expect(holds({ field: "conversation.labels", op: "containsAny", value: ["order", "Complaint"] }, f)).toBe(true);
    expect(holds({ field: "conversation.labels", op: "containsAll", value: ["complaint", "severity:high"] }, f)).toBe(true);
    expect(holds({ field: "conversation.labels", op: "containsAll", value: ["complaint", "order"] }, f)).toBe(false);
  });

  it("matches: a regular expression on the width-folded text, case-insensitive unless flags say otherwise", () => {
    expect(holds({ field: "message.text", op: "matches", value: "\\b[a-z]\\d{5}\\b" }, facts("order Ａ12345 is late"))).toBe(true);
    expect(holds({ field: "message.text", op: "matches", value: "^[A-Z]\\d{5}$", flags: "" }, facts("a12345"))).toBe(false);
    expect(holds({ field: "message.text", op: "matches", value: "^[A-Z]\\d{5}$", flags: "" }, facts("A12345"))).toBe(true);
    expect(holds({ field: "message.text", op: "matches", value: "^line2", flags: "m" }, facts("line1\nline2"))).toBe(true);
  });

  it("startsWith: a prefix of the normalised text", () => {
    expect(
      holds({ field: "page.url", op: "startsWith", value: "https://shop.test/help" }, facts("x", { page: { url: "https://SHOP.test/help/returns" } })),
    ).toBe(true);
    expect(holds({ field: "page.url", op: "startsWith", value: "https://shop.test/help" }, facts("x", { page: { url: "https://shop.test/" } }))).toBe(false);
    expect(holds({ field: "page.url", op: "startsWith", value: "https://" }, facts("x"))).toBe(false); // no page at all
  });

  it("gt / gte / lt / lte compare numbers (numeric text too), and nothing else", () => {
    const f = facts("x", { conversation: { botTurns: 3 }, visitor: { attributes: { orders: "12", name: "Ann" } } });
    expect(holds({ field: "conversation.botTurns", op: "gt", value: 2 }, f)).toBe(true);
    expect(holds({ field: "conversation.botTurns", op: "gt", value: 3 }, f)).toBe(false);
    expect(holds({ field: "conversation.botTurns", op: "gte", value: 3 }, f)).toBe(true);
    expect(holds({ field: "conversation.botTurns", op: "lt", value: 3 }, f)).toBe(false);
    expect(holds({ field: "conversation.botTurns", op: "lte", value: 3 }, f)).toBe(true);
    expect(holds({ field: "visitor.attributes.orders", op: "gte", value: 10 }, f)).toBe(true);
    expect(holds({ field: "visitor.attributes.name", op: "lt", value: 10 }, f)).toBe(false);
    expect(holds({ field: "visitor.attributes.missing", op: "lt", value: 10 }, f)).toBe(false);
    expect(holds({ field: "time.hour", op: "lt", value: 9 }, facts("x", { time: { hour: 7 } }))).toBe(true);
  });

  it("exists: the field has a value (true) or has none (false)", () => {
    expect(holds({ field: "visitor.email", op: "exists" }, facts("x", { visitor: { email: "a@b.co" } }))).toBe(true);
    expect(holds({ field: "visitor.email", op: "exists" }, facts("x"))).toBe(false);
    expect(holds({ field: "visitor.email", op: "exists", value: false }, facts("x"))).toBe(true);
    expect(holds({ field: "conversation.labels", op: "exists" }, facts("x"))).toBe(false);
    expect(holds({ field: "visitor.attributes.plan", op: "exists" }, facts("x", { visitor: { attributes: { plan: "" } } }))).toBe(false);
  });
});

describe("combinators", () => {
  const vip: Condition = { field: "visitor.tier", op: "equals", value: "vip" };
  const refund: Condition = { field: "message.text", op: "containsAny", value: ["refund"] };
  it("all: every condition", () => {
    expect(holds({ all: [vip, refund] }, facts("refund", { visitor: { tier: "vip" } }))).toBe(true);
    expect(holds({ all: [vip, refund] }, facts("refund"))).toBe(false);
  });
  it("any: at least one", () => {
    expect(holds({ any: [vip, refund] }, facts("refund"))).toBe(true);
    expect(holds({ any: [vip, refund] }, facts("hello"))).toBe(false);
  });
  it("not: the opposite", () => {
    expect(holds({ not: vip }, facts("x"))).toBe(true);
    expect(holds({ not: vip }, facts("x", { visitor: { tier: "vip" } }))).toBe(false);
  });
  it("nest to any depth", () => {
    const when: Condition = {
      all: [
        { any: [vip, { not: { field: "channel", op: "equals", value: "web" } }] },
        { not: { all: [refund, { field: "time.businessHours", op: "equals", value: false }] } },
      ],
    };
    expect(holds(when, facts("refund", { channel: "email" }))).toBe(true);
    expect(holds(when, facts("refund", { channel: "email", time: { businessHours: false } }))).toBe(false);
    expect(holds(when, facts("refund"))).toBe(false);
  });
});

describe("rule semantics", () => {
  it("runs every matching rule in order; stop ends the pass; disabled rules never run", () => {
    const rs = rulesetOf([
      { id: "a", when: { field: "channel", op: "equals", value: "web" }, then: [{ type: "addLabels", value: ["web"] }] },
      { id: "off", enabled: false, when: { field: "channel", op: "equals", value: "web" }, then: [{ type: "reply", text: "never" }] },
      { id: "b", when: { field: "channel", op: "equals", value: "web" }, then: [{ type: "reply", text: "b" }], stop: true },
      { id: "c", when: { field: "channel", op: "equals", value: "web" }, then: [{ type: "reply", text: "c" }] },
    ]);
    const r = evaluate(rs, facts("x"), 0);
    expect(r.actions).toEqual([
      { type: "addLabels", value: ["web"] },
      { type: "reply", text: "b" },
    ]);
    expect(r.trace.rules.map((t) => t.id)).toEqual(["a", "b"]);
  });

  it("a hand-off ends the pass", () => {
    const rs = rulesetOf([
      { id: "a", when: { field: "channel", op: "equals", value: "web" }, then: [{ type: "handoff" }] },
      { id: "b", when: { field: "channel", op: "equals", value: "web" }, then: [{ type: "reply", text: "b" }] },
    ]);
    expect(evaluate(rs, facts("x"), 0).actions).toEqual([{ type: "handoff" }]);
  });

  it("later rules see the labels and attributes earlier rules set", () => {
    const rs = rulesetOf([
      {
        id: "tag",
        when: { field: "message.text", op: "containsAny", value: ["broken"] },
        then: [
          { type: "addLabels", value: ["fault"] },
          { type: "setAttribute", name: "topic", value: "fault" },
        ],
      },
      {
        id: "use",
        when: {
          all: [
            { field: "conversation.labels", op: "containsAny", value: ["fault"] },
            { field: "visitor.attributes.topic", op: "equals", value: "fault" },
          ],
        },
      },
    ]);
    expect(evaluate(rs, facts("it is broken"), 0).trace.rules.map((t) => t.matched)).toEqual([true, true]);
    expect(evaluate(rs, facts("all fine"), 0).trace.rules.map((t) => t.matched)).toEqual([false, false]);
  });

  it("explains each rule: matched or not, and which conditions held, in words", () => {
    const rs = rulesetOf([
      {
        id: "complaint-severe",
        when: {
          all: [
            { field: "message.text", op: "containsAny", value: ["投诉", "complaint"] },
            { field: "visitor.tier", op: "equals", value: "vip" },
          ],
        },
      },
    ]);
    const hit = evaluate(rs, facts("我要投诉", { visitor: { tier: "vip" } }), 0).trace.rules[0]!;
    expect(hit.matched).toBe(true);
    expect(hit.conditions).toEqual(["text contains 投诉", "visitor.tier = vip"]);
    expect(hit.hits).toEqual([
      { field: "message.text", op: "containsAny", value: ["投诉", "complaint"], found: ["投诉"] },
      { field: "visitor.tier", op: "equals", value: "vip" },
    ]);
    const partial = evaluate(rs, facts("我要投诉"), 0).trace.rules[0]!;
    expect(partial.matched).toBe(false);
    expect(partial.conditions).toEqual(["text contains 投诉"]); // what held, even though the rule did not match
    const negated = evaluate(rulesetOf([{ when: { not: { field: "visitor.tier", op: "equals", value: "vip" } } }]), facts("x"), 0).trace.rules[0]!;
    expect(negated.conditions).toEqual(["not (visitor.tier = vip)"]);
  });
});
