// Unit tests of the bot's plan: askField (ask, validate, re-ask twice, store, continue), hand-off
// teams, the honest hand-off notice and the email question after a hand-off.

import { describe, expect, it } from "vitest";
import { compileRuleset } from "../triage/compile.ts";
import { STARTER_RULESET } from "../triage/starter-ruleset.ts";
import { facts, rulesetOf } from "../triage/test-helpers.ts";
import { readAnswer } from "./answers.ts";
import { addHandoffNotice, MAX_REASKS, planBotTurn, planQueuedAnswer } from "./bot.ts";
import { handoffNotice, nextOpening } from "./handoff-notice.ts";
import { initialState, type ConversationState } from "./lifecycle.ts";

const starter = compileRuleset(STARTER_RULESET, 1);

function state(over: Partial<ConversationState> = {}): ConversationState {
  return { ...initialState({ id: "c1", siteId: "s", contactId: "ct", visitorId: "v", channel: "web", locale: "en" }, 0), ...over };
}

describe("askField", () => {
  it("asks, re-asks a bad answer at most twice, then triages the message like any other", () => {
    let s = state();
    const ask = planBotTurn(starter, facts("where is my order?"), s, 0);
    expect(ask.replies.map((r) => r.text)).toEqual(["Sure. What is your order number? (It looks like A12345.)"]);
    expect(ask.pendingField).toMatchObject({ field: "orderNumber", attempts: 0 });
    s = state({ pendingField: ask.pendingField });
    for (let i = 1; i <= MAX_REASKS; i++) {
      const again = planBotTurn(starter, facts("no idea"), s, 0);
      expect(again.replies[0]!.text).toContain("letter and five digits");
      expect(again.pendingField?.attempts).toBe(i);
      expect(again.trace.builtin?.kind).toBe("answer-rejected");
      s = state({ pendingField: again.pendingField });
    }
    const givenUp = planBotTurn(starter, facts("no idea"), s, 0);
    expect(givenUp.pendingField).toBeNull();
    expect(givenUp.missed).toBe(true);
    expect(givenUp.replies[0]!.text).toContain("I didn't catch that");
  });

  it("stores a valid answer on the contact and continues with the rule's other actions", () => {
    const ask = planBotTurn(starter, facts("where is my order?"), state(), 0);
    const done = planBotTurn(starter, facts("it's a12345 I think"), state({ pendingField: ask.pendingField }), 0);
    expect(done.attributes).toEqual([{ name: "orderNumber", value: "a12345" }]);
    expect(done.pendingField).toBeNull();
    expect(done.replies[0]!.text).toContain("You can follow order **a12345**");
    expect(done.events).toContainEqual({ type: "addLabels", labels: ["order"] });
    expect(done.trace.builtin).toMatchObject({ kind: "answer" });
  });

  it("does not ask for what the message already says", () => {
    const plan = planBotTurn(starter, facts("我的订单号是A12345，到哪了"), state({ locale: "zh-CN" }), 0);
    expect(plan.pendingField).toBeNull();
    expect(plan.attributes).toEqual([{ name: "orderNumber", value: "A12345" }]);
    expect(plan.replies.map((r) => r.text).join()).toContain("订单 **A12345**");
  });

  it("lets the visitor change topic, or ask for a person, instead of answering", () => {
    const ask = planBotTurn(starter, facts("where is my order?"), state(), 0);
    const topic = planBotTurn(starter, facts("actually, how much is shipping?"), state({ pendingField: ask.pendingField }), 0);
    expect(topic.pendingField).toBeNull();
    expect(topic.replies[0]!.text).toContain("Orders ship within 24 hours");
    const person = planBotTurn(starter, facts("let me talk to a human"), state({ pendingField: ask.pendingField }), 0);
    expect(person.handoff).toEqual({ team: "support", reason: "keyword" });
    const button = planBotTurn(starter, facts("Talk to a person", { message: { payload: "__handoff" } }), state({ pendingField: ask.pendingField }), 0);
    expect(button.handoff?.reason).toBe("button");
  });

  it("validates emails and phone numbers without a pattern, and takes the value out of a sentence", () => {
    expect(readAnswer("email", undefined, "sure, it's Bob.Smith@Example.COM thanks")).toBe("bob.smith@example.com");
    expect(readAnswer("email", undefined, "我的邮箱是 li@example.cn。")).toBe("li@example.cn");
    expect(readAnswer("email", undefined, "no")).toBeNull();
    expect(readAnswer("phone", undefined, "call me on +86 138 0013 8000")).toBe("+8613800138000");
    expect(readAnswer("phone", undefined, "12")).toBeNull();
    expect(readAnswer("company", undefined, "  Acme Ltd ")).toBe("Acme Ltd");
    expect(readAnswer("orderNumber", "^[A-Za-z]\\d{5}$", "A123456")).toBeNull(); // not a whole word
    expect(readAnswer("orderNumber", "^[A-Za-z]\\d{5}$", "x".repeat(501))).toBeNull();
  });

  it("skips asking for an email the contact already has", () => {
    const rs = rulesetOf([
      {
        when: { field: "channel", op: "exists" },
        then: [
          { type: "askField", field: "email", prompt: "Email?" },
          { type: "reply", text: "Noted {{visitor.email}}" },
        ],
      },
    ]);
    const plan = planBotTurn(rs, facts("hello", { visitor: { email: "a@b.co" } }), state(), 0);
    expect(plan.replies.map((r) => r.text)).toEqual(["Noted a@b.co"]);
  });
});

describe("hand-off", () => {
  it("goes to the team a rule routed to, else the ruleset's default team", () => {
    const rs = rulesetOf(
      [
        {
          when: { field: "message.text", op: "containsAny", value: ["invoice"] },
          then: [
            { type: "route", team: "billing" },
            { type: "reply", text: "ok" },
          ],
        },
      ],
      { defaultTeam: "support" },
    );
    expect(planBotTurn(rs, facts("invoice, human please"), state(), 0).handoff?.team).toBe("billing");
    expect(planBotTurn(rs, facts("human please"), state(), 0).handoff?.team).toBe("support");
    expect(planBotTurn(rs, facts("human please"), state({ team: "sales" }), 0).handoff?.team).toBe("sales");
  });

  it("carries the rule's note for the agents", () => {
    expect(planBotTurn(starter, facts("I'm calling my lawyer"), state(), 0).handoff).toEqual({
      team: "complaints",
      reason: "rule",
      note: "Severe complaint: answer first.",
    });
  });
});

describe("hand-off notice", () => {
  const settings = STARTER_RULESET.settings;
  const base = { settings, locale: "en", channel: "web", email: null, opening: "Monday 09:00" };

  it("promises a person now only when one is online", () => {
    const n = handoffNotice({ ...base, availability: { online: 1, businessHours: true } });
    expect(n).toEqual({ kind: "online", texts: ["A person will join this chat in a moment."], askEmail: false });
  });

  it("in hours with nobody free: the queue, and an email to answer at", () => {
    const n = handoffNotice({ ...base, availability: { online: 0, businessHours: true } });
    expect(n.kind).toBe("busy");
    expect(n.texts[0]).toContain("You're in the queue");
    expect(n.texts[1]).toBe("What email address should we answer at?");
    expect(n.askEmail).toBe(true);
  });

  it("agents online but every one at capacity: the queue, never 'a person will join in a moment'", () => {
    const full = handoffNotice({ ...base, availability: { online: 2, free: 0, businessHours: true } });
    expect(full.kind).toBe("busy");
    expect(full.texts[0]).toContain("You're in the queue");
    // Someone online out of hours with no room is still someone who will answer here.
    expect(handoffNotice({ ...base, availability: { online: 1, free: 0, businessHours: false } }).kind).toBe("busy");
    expect(handoffNotice({ ...base, availability: { online: 2, free: 1, businessHours: true } }).kind).toBe("online");
  });

  it("outside hours: a person will answer by email when the team is back", () => {
    const n = handoffNotice({ ...base, email: "ann@example.com", availability: { online: 0, businessHours: false } });
    expect(n.texts).toEqual([
      "Our team is offline right now. A person will answer by email when we're back (Monday 09:00).",
      "We'll write to ann@example.com.",
    ]);
    expect(n.askEmail).toBe(false);
    const zh = handoffNotice({ ...base, locale: "zh-CN", opening: "周一 09:00", availability: { online: 0, businessHours: false } });
    expect(zh.texts[0]).toBe("现在是非工作时间，人工客服不在线。我们上班后（周一 09:00）会有客服通过邮件回复您。");
  });

  it("on other channels answers where the visitor wrote, without asking for an email", () => {
    const n = handoffNotice({ ...base, channel: "telegram", availability: { online: 0, businessHours: false } });
    expect(n.texts).toEqual(["Our team is offline right now. A person will answer here when we're back (Monday 09:00)."]);
    expect(n.askEmail).toBe(false);
  });

  it("uses the site's own words when the ruleset has them", () => {
    const custom = { ...settings, handoffNotice: { closed: "Closed! Back {opening}." } };
    expect(handoffNotice({ ...base, settings: custom, availability: { online: 0, businessHours: false } }).texts[0]).toBe("Closed! Back Monday 09:00.");
  });

  it("waits for the email after the hand-off and stores it when given", () => {
    const plan = planBotTurn(starter, facts("human"), state(), 0);
    addHandoffNotice(plan, handoffNotice({ ...base, availability: { online: 0, businessHours: false } }));
    expect(plan.notices).toHaveLength(2);
    expect(plan.afterHandoff).toMatchObject({ field: "email", kind: "handoff-email" });
    const queued = state({ status: "queued", pendingField: plan.afterHandoff });
    const given = planQueuedAnswer(queued, "ok it's ann@example.com", 0);
    expect(given.attributes).toEqual([{ name: "email", value: "ann@example.com" }]);
    expect(given.replies[0]!.text).toBe("Thank you. We'll answer at ann@example.com.");
    expect(planQueuedAnswer(queued, "why is nobody there?", 0).replies).toEqual([]); // no nagging
  });
});

describe("nextOpening", () => {
  const hours = {
    weekly: { 1: [["09:00", "18:00"]], 2: [["09:00", "18:00"]], 5: [["09:00", "12:00"]] } as Record<string, [string, string][]>,
    holidays: ["2026-11-03"],
  };
  const at = (iso: string) => Date.parse(iso);
  it("names the next opening in the site's zone", () => {
    expect(nextOpening(at("2026-11-06T12:00:00Z"), "Asia/Shanghai", hours, "en")).toBe("Monday 09:00"); // Fri 20:00 in Shanghai
    expect(nextOpening(at("2026-11-08T23:00:00Z"), "Asia/Shanghai", hours, "en")).toBe("today 09:00"); // Mon 07:00
    expect(nextOpening(at("2026-11-02T11:00:00Z"), "Asia/Shanghai", hours, "zh-CN")).toBe("周五 09:00"); // Mon 19:00; Tue 3rd is a holiday
    expect(nextOpening(at("2026-11-09T11:00:00Z"), "Asia/Shanghai", hours, "zh-CN")).toBe("明天 09:00"); // Mon 19:00
    expect(nextOpening(0, "UTC", {}, "en")).toBeNull();
  });
});
