// Compiles a ruleset once per version: keyword lists into matchers and regexes into RegExp objects.

import type { Action, Condition, LeafCondition, Ruleset } from "../../../protocol/src/ruleset.ts";
import { KeywordSet, normalizeText } from "./text.ts";

/** A compiled condition: a predicate over facts that also reports which leaves matched. */
export type CompiledCondition =
  { kind: "all"; items: CompiledCondition[] } | { kind: "any"; items: CompiledCondition[] } | { kind: "not"; item: CompiledCondition } | CompiledLeaf;

export interface CompiledLeaf {
  kind: "leaf";
  source: LeafCondition;
  /** Pre-built matchers, depending on the operator. */
  keywords?: KeywordSet;
  keywordEach?: KeywordSet[];
  regex?: RegExp;
  normalizedValue?: unknown;
}

export interface CompiledRule {
  id: string;
  name?: string;
  when: CompiledCondition;
  then: Action[];
  stop: boolean;
}

export interface CompiledRuleset {
  version: number;
  source: Ruleset;
  rules: CompiledRule[];
  handoffKeywords: KeywordSet;
  maxBotTurns: number;
}

function normalizeValue(v: unknown): unknown {
  if (typeof v === "string") return normalizeText(v);
  if (Array.isArray(v)) return v.map(normalizeValue);
  return v;
}

function compileCondition(c: Condition): CompiledCondition {
  if ("all" in c) return { kind: "all", items: c.all.map(compileCondition) };
  if ("any" in c) return { kind: "any", items: c.any.map(compileCondition) };
  if ("not" in c) return { kind: "not", item: compileCondition(c.not) };
  const leaf: CompiledLeaf = { kind: "leaf", source: c, normalizedValue: normalizeValue(c.value) };
  if (c.op === "containsAny" || c.op === "containsAll") {
    const list = Array.isArray(c.value) ? c.value.map(String) : [String(c.value)];
    if (c.op === "containsAny") leaf.keywords = new KeywordSet(list);
    else leaf.keywordEach = list.map((k) => new KeywordSet([k]));
  } else if (c.op === "matches") {
    const flags = (c.flags ?? "i").replace(/[gy]/g, "");
    leaf.regex = new RegExp(String(c.value), flags.includes("u") ? flags : `${flags}u`);
  }
  return leaf;
}

/**
 * Compiles a ruleset that has already passed validation. Disabled rules are dropped here so the
 * evaluation loop only sees rules that can run.
 */
export function compileRuleset(ruleset: Ruleset, version: number): CompiledRuleset {
  return {
    version,
    source: ruleset,
    rules: ruleset.rules
      .filter((r) => r.enabled !== false)
      .map((r) => ({ id: r.id, ...(r.name ? { name: r.name } : {}), when: compileCondition(r.when), then: r.then, stop: r.stop === true })),
    handoffKeywords: new KeywordSet(ruleset.settings.handoffKeywords),
    maxBotTurns: ruleset.settings.maxBotTurns,
  };
}
