// Words for explaining triage traces to agents, in English and Simplified Chinese.

import { ENGLISH_TRACE_WORDS, type TraceWords } from "../../../protocol/src/trace-words.ts";
import { defineStrings, lang } from "../i18n.ts";

const CHINESE_TRACE_WORDS: TraceWords = {
  text: "消息",
  containsAny: "{f} 包含 {x}",
  containsAll: "{f} 同时包含 {x}",
  equals: "{f} = {v}",
  has: "{f} 含有 {v}",
  notEquals: "{f} ≠ {v}",
  in: "{f} 为 {x}（{v} 之一）",
  matches: "{f} 匹配 /{v}/",
  startsWith: "{f} 以 {v} 开头",
  gt: "{f} > {v}（实际为 {x}）",
  gte: "{f} ≥ {v}（实际为 {x}）",
  lt: "{f} < {v}（实际为 {x}）",
  lte: "{f} ≤ {v}（实际为 {x}）",
  exists: "{f} 已填写",
  missing: "{f} 未填写",
  not: "非（{c}）",
};

/** The phrase table for the console's current language. */
export function traceWords(): TraceWords {
  return lang.value === "zh-CN" ? CHINESE_TRACE_WORDS : ENGLISH_TRACE_WORDS;
}

export const t = defineStrings(
  {
    why: "Why?",
    ruleMatched: "rule {id} matched",
    partly: "matched in part",
    otherRules: "{n} other rules tried, not matched",
    version: "ruleset v{version}",
    noRule: "no rule matched",
    "builtin_handoff-keyword": "hand-off keyword (always hands off)",
    "builtin_handoff-button": "“talk to a person” button (always hands off)",
    "builtin_max-bot-turns": "too many messages the bot could not help with",
    builtin_fallback: "fallback reply",
    "builtin_step-budget": "step budget used up",
    builtin_answer: "answer to the bot's question",
    "builtin_answer-rejected": "answer did not validate",
  },
  {
    why: "原因",
    ruleMatched: "命中规则 {id}",
    partly: "部分命中",
    otherRules: "另有 {n} 条规则未命中",
    version: "规则版本 v{version}",
    noRule: "没有规则命中",
    "builtin_handoff-keyword": "转人工关键词（总是转人工）",
    "builtin_handoff-button": "“转人工”按钮（总是转人工）",
    "builtin_max-bot-turns": "机器人多次未能解答",
    builtin_fallback: "默认回复",
    "builtin_step-budget": "计算步数用尽",
    builtin_answer: "回答机器人的提问",
    "builtin_answer-rejected": "回答格式不对",
  },
);
