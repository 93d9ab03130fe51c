// The triage engine: a pure, synchronous function from (compiled ruleset, facts, now) to actions + trace.

import type { Action } from "../../../protocol/src/ruleset.ts";
import { HANDOFF_PAYLOAD } from "../../../protocol/src/ruleset.ts";
import type { RuleTrace, TriageTrace } from "../../../protocol/src/types.ts";
import type { CompiledCondition, CompiledLeaf, CompiledRuleset } from "./compile.ts";
import { normalizeText } from "./text.ts";

/** What the engine knows about one visitor message (CONTRACT.md §5 condition fields). */
export interface Facts {
  message: { text: string; payload?: string; language?: string };
  channel: string;
  page?: { url?: string };
  visitor: { tier: string; email?: string; attributes: Record<string, unknown> };
  conversation: { botTurns: number; missedTurns: number; labels: string[] };
  time: { businessHours: boolean; weekday: number; hour: number };
}

export interface Evaluation {
  actions: Action[];
  trace: TriageTrace;
  /** True when no rule helped (no reply, question, hand-off or resolve): counts toward maxBotTurns. */
  missed: boolean;
}

/** Most leaf conditions one message may evaluate; a pathological ruleset stops here, not in a hang. */
export const STEP_BUDGET = 100_000;

const HELPFUL = new Set<Action["type"]>(["reply", "askField", "handoff", "resolve"]);

function lookup(facts: Facts, field: string): unknown {
  let cur: unknown = facts;
  for (const part of field.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function describe(leaf: CompiledLeaf, detail?: string): string {
  const v = leaf.source.value === undefined ? "" : ` ${JSON.stringify(leaf.source.value)}`;
  return `${leaf.source.field} ${leaf.source.op}${detail ? ` ${detail}` : v}`;
}

interface Run {
  steps: number;
  matched: string[];
}

function testLeaf(leaf: CompiledLeaf, facts: Facts, run: Run): boolean {
  const raw = lookup(facts, leaf.source.field);
  const value = typeof raw === "string" ? normalizeText(raw) : raw;
  const want = leaf.normalizedValue;
  switch (leaf.source.op) {
    case "exists": {
      const present = value !== undefined && value !== null && value !== "";
      return want === false ? !present : present;
    }
    case "equals":
      return value === want;
    case "notEquals":
      return value !== want;
    case "in":
      return Array.isArray(want) && want.includes(value);
    case "containsAny": {
      if (Array.isArray(value)) {
        const list = Array.isArray(want) ? want : [want];
        const hits = list.filter((w) => value.map((x) => (typeof x === "string" ? normalizeText(x) : x)).includes(w));
        if (hits.length) run.matched.push(describe(leaf, `(${hits.map((h) => JSON.stringify(h)).join(", ")})`));
        return hits.length > 0;
      }
      if (typeof value !== "string" || !leaf.keywords) return false;
      const found = leaf.keywords.find(value);
      if (found.length) run.matched.push(describe(leaf, `(found ${found.map((f) => JSON.stringify(f)).join(", ")})`));
      return found.length > 0;
    }
    case "containsAll": {
      if (Array.isArray(value)) {
        const list = Array.isArray(want) ? want : [want];
        const norm = value.map((x) => (typeof x === "string" ? normalizeText(x) : x));
        return list.every((w) => norm.includes(w));
      }
      return typeof value === "string" && !!leaf.keywordEach && leaf.keywordEach.every((k) => k.test(value));
    }
    case "matches":
      return typeof raw === "string" && !!leaf.regex && leaf.regex.test(raw.normalize("NFKC"));
    case "startsWith":
      return typeof value === "string" && typeof want === "string" && value.startsWith(want);
    case "gt":
      return typeof value === "number" && typeof want === "number" && value > want;
    case "gte":
      return typeof value === "number" && typeof want === "number" && value >= want;
    case "lt":
      return typeof value === "number" && typeof want === "number" && value < want;
    case "lte":
      return typeof value === "number" && typeof want === "number" && value <= want;
  }
}

function test(c: CompiledCondition, facts: Facts, run: Run): boolean {
  if (++run.steps > STEP_BUDGET) throw new StepBudgetExceeded();
  switch (c.kind) {
    case "all":
      return c.items.every((i) => test(i, facts, run));
    case "any":
      return c.items.some((i) => test(i, facts, run));
    case "not": {
      const inner: Run = { steps: run.steps, matched: [] };
      const result = !test(c.item, facts, inner);
      run.steps = inner.steps;
      return result;
    }
    case "leaf": {
      const ok = testLeaf(c, facts, run);
      if (ok && !["containsAny"].includes(c.source.op)) run.matched.push(describe(c));
      return ok;
    }
  }
}

class StepBudgetExceeded extends Error {}

/**
 * Decides what the bot does with one visitor message. Rules run in order; every matching rule's
 * actions are collected; `stop` ends the pass. Built-in guarantees are applied last and cannot be
 * switched off: the hand-off button and keywords always hand off, and so does the visitor's
 * `maxBotTurns`-th message that no rule helped with. `now` is the evaluation time (ms).
 */
export function evaluate(ruleset: CompiledRuleset, facts: Facts, now: number): Evaluation {
  void now;
  const actions: Action[] = [];
  const rules: RuleTrace[] = [];
  const trace: TriageTrace = { rulesetVersion: ruleset.version, rules };
  const run: Run = { steps: 0, matched: [] };
  try {
    for (const rule of ruleset.rules) {
      run.matched = [];
      const matched = test(rule.when, facts, run);
      rules.push({ id: rule.id, ...(rule.name ? { name: rule.name } : {}), matched, conditions: matched ? run.matched : [] });
      if (!matched) continue;
      actions.push(...rule.then);
      if (rule.stop || rule.then.some((a) => a.type === "handoff")) break;
    }
  } catch (e) {
    if (!(e instanceof StepBudgetExceeded)) throw e;
    trace.builtin = { kind: "step-budget", detail: `stopped after ${STEP_BUDGET} condition steps` };
  }

  const handsOff = actions.some((a) => a.type === "handoff");
  const text = normalizeText(facts.message.text);
  if (!handsOff) {
    if (facts.message.payload === HANDOFF_PAYLOAD) {
      actions.push({ type: "handoff", reason: "button" });
      trace.builtin = { kind: "handoff-button", detail: "the visitor pressed “talk to a person”" };
    } else {
      const found = ruleset.handoffKeywords.find(text);
      if (found.length) {
        actions.push({ type: "handoff", reason: "keyword" });
        trace.builtin = { kind: "handoff-keyword", detail: `message contains ${found.map((f) => JSON.stringify(f)).join(", ")}` };
      }
    }
  }
  const final = actions.some((a) => a.type === "handoff") ? actions.filter((a) => a.type !== "resolve") : actions;
  const missed = !final.some((a) => HELPFUL.has(a.type));
  if (missed) {
    if (facts.conversation.missedTurns + 1 >= ruleset.maxBotTurns) {
      final.push({ type: "handoff", reason: "max-bot-turns" });
      trace.builtin = { kind: "max-bot-turns", detail: `${ruleset.maxBotTurns} messages the bot could not help with` };
    } else if (ruleset.source.settings.fallbackReply) {
      final.push({ type: "reply", text: ruleset.source.settings.fallbackReply });
      trace.builtin = { kind: "fallback", detail: "no rule matched" };
    }
  }
  return { actions: final, trace, missed };
}
