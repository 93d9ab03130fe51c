// Fixtures for the triage unit tests: facts of a fresh web conversation and one-rule rulesets.

import type { Action, Condition, Rule, Ruleset } from "../../../protocol/src/ruleset.ts";
import { compileRuleset, type CompiledRuleset } from "./compile.ts";
import { evaluate, type Facts } from "./evaluate.ts";
import { validateRuleset } from "./validate.ts";

/** Facts of a fresh web conversation in business hours (a Tuesday, 10:00), overridable in parts. */
export function facts(text: string, over: { [K in keyof Facts]?: Partial<Facts[K]> } = {}): Facts {
  return {
    message: { text, ...over.message },
    channel: over.channel ? String(over.channel) : "web",
    page: { ...over.page },
    visitor: { tier: "regular", attributes: {}, ...over.visitor },
    conversation: { botTurns: 0, missedTurns: 0, labels: [], ...over.conversation },
    time: { businessHours: true, weekday: 2, hour: 10, ...over.time },
  };
}

const REPLY: Action = { type: "reply", text: "ok" };

/** A validated, compiled ruleset of the given rules (throws on a validation error, naming it). */
export function rulesetOf(rules: Partial<Rule>[], settings: Partial<Ruleset["settings"]> = {}): CompiledRuleset {
  const ruleset = {
    settings: { handoffKeywords: ["human", "人工"], maxBotTurns: 3, fallbackReply: "fallback", ...settings },
    rules: rules.map((r, i) => ({ id: `r${i + 1}`, then: [REPLY], ...r })),
  };
  const v = validateRuleset(ruleset);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return compileRuleset(v.ruleset, 1);
}

/** Whether a single condition holds for the facts. */
export function holds(when: Condition, f: Facts): boolean {
  const r = evaluate(rulesetOf([{ when }]), f, 0);
  return r.trace.rules[0]!.matched;
}
