// The triage engine: a pure, synchronous function from (compiled ruleset, facts, now) to actions + trace.

import type { Action } from "../../../protocol/src/ruleset.ts";
import { HANDOFF_PAYLOAD } from "../../../protocol/src/ruleset.ts";
import { describeHit } from "../../../protocol/src/trace-words.ts";
import type { ConditionHit, RuleTrace, TriageTrace } from "../../../protocol/src/types.ts";
import type { CompiledCondition, CompiledRuleset } from "./compile.ts";
import { hitOf, leafHits, testLeaf, type Run } from "./leaf.ts";
import { foldText } from "./text.ts";

/** What the engine knows about one visitor message (CONTRACT.md §5 condition fields). */
export interface Facts {
  message: { text: string; payload?: string; language?: string };
  channel: string;
  page?: { url?: string };
  visitor: { tier: string; email?: string; attributes: Record<string, unknown> };
  /** `missedTurns`: earlier messages no rule helped with (counts toward `maxBotTurns`). */
  conversation: { botTurns: number; missedTurns: number; labels: string[] };
  time: { businessHours: boolean; weekday: number; hour: number };
}

export interface Evaluation {
  actions: Action[];
  trace: TriageTrace;
  /** True when no rule helped (no reply, question, hand-off or resolve): counts toward maxBotTurns. */
  missed: boolean;
}

const HELPFUL = new Set<Action["type"]>(["reply", "askField", "handoff", "resolve"]);

class StepBudgetExceeded extends Error {}

function describeCondition(c: CompiledCondition): string {
  if (c.kind === "leaf") return describeHit(hitOf(c));
  if (c.kind === "not") return `not (${describeCondition(c.item)})`;
  return c.items.map(describeCondition).join(c.kind === "all" ? " and " : " or ");
}

const NO_CONDITIONS: string[] = [];

function test(c: CompiledCondition, run: Run, hits: ConditionHit[]): boolean {
  if (++run.steps > run.budget) throw new StepBudgetExceeded();
  switch (c.kind) {
    case "all":
      for (const i of c.items) if (!test(i, run, hits)) return false;
      return true;
    case "any":
      for (const i of c.items) if (test(i, run, hits)) return true;
      return false;
    case "not": {
      const inner: ConditionHit[] = [];
      if (test(c.item, run, inner)) return false;
      if (c.item.kind === "leaf") hits.push(hitOf(c.item, { negated: true }));
      else hits.push({ field: "", op: "not", value: describeCondition(c.item) });
      return true;
    }
    case "leaf":
      return testLeaf(c, run, hits);
  }
}

/** Applies an action's effect on the facts later rules in the same pass see (labels, attributes). */
function applyToFacts(a: Action, run: Run): void {
  if (a.type === "addLabels") run.labels = [...new Set([...run.labels, ...a.value])];
  else if (a.type === "setAttribute") {
    run.attributes = { ...run.attributes, [a.name]: a.value };
    run.scans.delete(`visitor.attributes.${a.name}`);
    run.canons.delete(`visitor.attributes.${a.name}`);
  }
}

/**
 * Decides what the bot does with one visitor message. Enabled rules are tried in order; every rule
 * that matches runs its actions (later rules see labels and attributes earlier ones set); `stop: true`
 * or a hand-off ends the pass. Then the built-in guarantees, which no ruleset can switch off: the
 * hand-off button and keywords always hand off; the `maxBotTurns`-th message no rule helped with hands
 * off; running out of the step budget hands off. Otherwise an unhelped message gets the fallback reply.
 * `now` is recorded in the trace; time facts come in `facts.time`, computed in the site's zone.
 */
export function evaluate(ruleset: CompiledRuleset, facts: Facts, now: number): Evaluation {
  const actions: Action[] = [];
  const rules: RuleTrace[] = [];
  const trace: TriageTrace = { rulesetVersion: ruleset.version, rules, at: now };
  const inText = new Set<number>();
  const run: Run = {
    facts,
    ruleset,
    steps: 0,
    budget: ruleset.stepBudget,
    labels: facts.conversation.labels,
    attributes: facts.visitor.attributes,
    scans: new Map([["message.text", leafHits(ruleset, facts.message.text, inText)]]),
    canons: new Map(),
  };
  let exhausted = false;
  try {
    for (const rule of ruleset.rules) {
      const hits: ConditionHit[] = [];
      const matched = test(rule.when, run, hits);
      const entry: RuleTrace = { id: rule.id, matched, conditions: hits.length ? hits.map((h) => describeHit(h)) : NO_CONDITIONS };
      if (rule.name) entry.name = rule.name;
      if (hits.length) entry.hits = hits;
      rules.push(entry);
      if (!matched) continue;
      for (const a of rule.then) {
        actions.push(a);
        applyToFacts(a, run);
      }
      if (rule.stop || rule.then.some((a) => a.type === "handoff")) break;
    }
  } catch (e) {
    if (!(e instanceof StepBudgetExceeded)) throw e;
    exhausted = true;
  }

  let builtin: Action | null = null;
  if (!actions.some((a) => a.type === "handoff")) {
    const found = ruleset.handoffKeywordIds.filter((id) => inText.has(id)).map((id) => ruleset.matcher.keywords[id]!);
    if (facts.message.payload === HANDOFF_PAYLOAD) {
      builtin = { type: "handoff", reason: "button" };
      trace.builtin = { kind: "handoff-button", detail: "the visitor pressed “talk to a person”" };
    } else if (found.length) {
      builtin = { type: "handoff", reason: "keyword" };
      trace.builtin = { kind: "handoff-keyword", detail: `message contains ${found.join(", ")}` };
    } else if (exhausted) {
      builtin = { type: "handoff", reason: "step-budget" };
      trace.builtin = { kind: "step-budget", detail: `stopped after ${ruleset.stepBudget} condition steps; a person takes over` };
    }
  }
  // A person is coming: nothing may resolve the conversation, and a built-in hand-off is not held
  // back behind a rule's question.
  const handsOff = builtin !== null || actions.some((a) => a.type === "handoff");
  const kept = handsOff ? actions.filter((a) => a.type !== "resolve" && (builtin === null || a.type !== "askField")) : actions;
  const final = builtin ? [...kept, builtin] : kept;
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

/** The hand-off keywords found in a message (the built-in that always hands off). */
export function handoffKeywordsIn(ruleset: CompiledRuleset, text: string): string[] {
  if (ruleset.handoffKeywordIds.length === 0) return [];
  const found = ruleset.matcher.found(foldText(text));
  return ruleset.handoffKeywordIds.filter((id) => found.has(id)).map((id) => ruleset.matcher.keywords[id]!);
}
