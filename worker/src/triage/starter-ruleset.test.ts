// The starter ruleset against realistic visitor messages in English and Chinese (inquiries, orders,
// faults, complaints of each severity, asks for a person): the outcome a site owner expects.

import { describe, expect, it } from "vitest";
import { compileRuleset } from "./compile.ts";
import { evaluate, type Evaluation } from "./evaluate.ts";
import { STARTER_RULESET } from "./starter-ruleset.ts";
import { facts } from "./test-helpers.ts";

const starter = compileRuleset(STARTER_RULESET, 1);

interface Expect {
  /** Team handed off to (none when absent). */
  handoff?: string;
  priority?: "high" | "urgent";
  /** The field the bot asks for. */
  ask?: string;
  resolve?: true;
  vip?: true;
  closed?: true;
  payload?: string;
  missed?: number;
}

/** What a site owner sees: the rule that decided (or the built-in), hand-off team, priority, question. */
function outcome(r: Evaluation) {
  const decided = r.trace.rules.filter((t) => t.matched && t.id !== "vip-priority").at(-1)?.id ?? `builtin:${r.trace.builtin?.kind}`;
  const handoff = r.actions.find((a) => a.type === "handoff");
  const priority = r.actions.filter((a) => a.type === "setPriority").at(-1);
  const ask = r.actions.find((a) => a.type === "askField");
  return {
    decided,
    handoff: handoff ? (handoff.team ?? STARTER_RULESET.settings.defaultTeam) : undefined,
    priority: priority ? priority.value : "normal",
    ask: ask ? ask.field : undefined,
    resolve: r.actions.some((a) => a.type === "resolve") || undefined,
  };
}

const SEVERE = { handoff: "complaints", priority: "urgent" } as const;
const MILD = { handoff: "complaints", priority: "high" } as const;
const PERSON = { handoff: "support" } as const;
const ORDER = { ask: "orderNumber" } as const;

const TABLE: [string, string, Expect?][] = [
  // Inquiries
  ["How much is shipping to Canada?", "faq-shipping"],
  ["How long does delivery take?", "faq-shipping"],
  ["Do you ship internationally?", "faq-shipping"],
  ["运费多少钱？", "faq-shipping"],
  ["一般几天到？", "faq-shipping"],
  ["满多少包邮", "faq-shipping"],
  ["Can I return a jacket I bought last week?", "faq-returns"],
  ["What's your return policy?", "faq-returns"],
  ["I'd like to exchange these shoes for a bigger size", "faq-returns"],
  ["I want a refund for the headphones", "faq-returns"],
  ["Ｉ ｗａｎｔ ａ ＲＥＦＵＮＤ", "faq-returns"],
  ["怎么退货？", "faq-returns"],
  ["衣服尺码不对，可以换货吗", "faq-returns"],
  ["支持七天无理由退货吗", "faq-returns"],
  ["什么时候能退款", "faq-returns"],
  ["What are your opening hours?", "faq-hours"],
  ["Are you open on Saturday?", "faq-hours"],
  ["你们的营业时间是什么时候", "faq-hours"],
  ["客服几点上班", "faq-hours", PERSON], // 客服 is a hand-off keyword: it always hands off
  ["I forgot my password", "faq-password"],
  ["I can't log in to my account", "faq-password"],
  ["How do I reset my password?", "faq-password"],
  ["忘记密码了怎么办", "faq-password"],
  ["账号登录不上", "faq-password"],
  // Orders
  ["Where is my order?", "order-status", ORDER],
  ["Where is my order A12345?", "order-status", ORDER],
  ["My package hasn't arrived yet", "order-status", ORDER],
  ["I'm still waiting for my parcel", "order-status", ORDER],
  ["Can you track order B55555?", "order-status", ORDER],
  ["我的订单到哪了", "order-status", ORDER],
  ["快递还没到", "order-status", ORDER],
  ["查一下物流", "order-status", ORDER],
  ["订单号 C12345 什么时候发货", "order-status", ORDER],
  ["Where is my order?", "order-status", { ...ORDER, vip: true, priority: "high" }],
  ["Order status", "order-status", { ...ORDER, payload: "faq:order" }],
  // Faults
  ["The app keeps crashing when I open it", "fault"],
  ["I get an error at checkout", "fault"],
  ["Payment failed three times", "fault"],
  ["The website is not working", "fault"],
  ["付款失败了", "fault"],
  ["APP一直闪退", "fault"],
  ["页面打不开", "fault"],
  ["支付的时候报错", "fault"],
  // Complaints, mild
  ["I want to make a complaint about the delivery driver", "complaint-mild", MILD],
  ["Your service is terrible", "complaint-mild", MILD],
  ["I'm really disappointed with the quality", "complaint-mild", MILD],
  ["The staff on the phone was rude to me", "complaint-mild", MILD],
  ["我要投诉你们的快递员", "complaint-mild", MILD],
  ["服务太差了", "complaint-mild", MILD],
  ["质量这么差，很失望", "complaint-mild", MILD],
  ["你们客服态度很差", "complaint-mild", MILD],
  // Complaints, severe: refund, legal, media, regulators, VIP
  ["This is unacceptable, I want my money back now", "complaint-severe", SEVERE],
  ["Terrible service, I demand a refund", "complaint-severe", SEVERE],
  ["I'm going to contact my lawyer", "complaint-severe", SEVERE],
  ["If this isn't fixed I'll post it on social media", "complaint-severe", SEVERE],
  ["I will report you to consumer protection", "complaint-severe", SEVERE],
  ["我要投诉，马上给我退款", "complaint-severe", SEVERE],
  ["再不处理我就找媒体曝光", "complaint-severe", SEVERE],
  ["我已经打12315投诉了", "complaint-severe", SEVERE],
  ["我要找律师起诉你们", "complaint-severe", SEVERE],
  ["I want to complain about my last order", "complaint-severe", { ...SEVERE, vip: true }],
  ["我要投诉", "complaint-severe", { ...SEVERE, vip: true }],
  // Asks for a person
  ["Can I talk to a human?", "builtin:handoff-keyword", PERSON],
  ["agent please", "builtin:handoff-keyword", PERSON],
  ["I'd like to speak to a real person", "builtin:handoff-keyword", PERSON],
  ["转人工", "builtin:handoff-keyword", PERSON],
  ["我要人工客服", "builtin:handoff-keyword", PERSON],
  ["找真人", "builtin:handoff-keyword", PERSON],
  ["Talk to a person", "builtin:handoff-button", { ...PERSON, payload: "__handoff" }],
  // Greetings, thanks, and what the bot does not know
  ["Hi there", "greeting"],
  ["Good morning!", "greeting"],
  ["你好", "greeting"],
  ["在吗？", "greeting"],
  ["hello", "greeting-after-hours", { closed: true }],
  ["您好", "greeting-after-hours", { closed: true }],
  ["This is great, thanks", "thanks", { resolve: true }],
  ["谢谢，再见", "thanks", { resolve: true }],
  ["Do you sell gift cards?", "builtin:fallback"],
  ["我想问一下", "builtin:fallback"],
  ["asdfgh", "builtin:fallback", { missed: 1 }],
  ["qwerty", "builtin:max-bot-turns", { ...PERSON, missed: 2 }],
];

describe("starter ruleset against realistic messages", () => {
  it("has at least 60 cases", () => expect(TABLE.length).toBeGreaterThanOrEqual(60));

  it.each(TABLE)("%s → %s", (text, decided, want = {}) => {
    const f = facts(text, {
      ...(want.payload ? { message: { payload: want.payload } } : {}),
      ...(want.vip ? { visitor: { tier: "vip" } } : {}),
      ...(want.closed ? { time: { businessHours: false, hour: 22 } } : {}),
      ...(want.missed ? { conversation: { missedTurns: want.missed, botTurns: want.missed } } : {}),
    });
    expect(outcome(evaluate(starter, f, 0))).toEqual({
      decided,
      handoff: want.handoff,
      priority: want.priority ?? "normal",
      ask: want.ask,
      resolve: want.resolve,
    });
  });
});
