// Compiles a validated ruleset once per version: every keyword of every rule into one multi-pattern
// matcher, regexes pre-built, values pre-normalised, field look-ups pre-resolved.

import type { Action, Condition, LeafCondition, Operator, Ruleset } from "../../../protocol/src/ruleset.ts";
import { RULESET_LIMITS } from "../../../protocol/src/ruleset.ts";
import { KeywordMatcher } from "./keyword-matcher.ts";
import { normalizeText } from "./text.ts";

/** A compiled condition tree. */
export type CompiledCondition =
  { kind: "all"; items: CompiledCondition[] } | { kind: "any"; items: CompiledCondition[] } | { kind: "not"; item: CompiledCondition } | CompiledLeaf;

export interface CompiledLeaf {
  kind: "leaf";
  source: LeafCondition;
  field: string;
  /** The field split at dots (`visitor.attributes.plan` → ["visitor", "attributes", "plan"]). */
  path: string[];
  op: Operator;
  /** The rule's value in comparable form (strings normalised; lists mapped). */
  want: unknown;
  /** containsAny / containsAll: ids of the leaf's keywords in the ruleset's matcher. */
  keywordIds?: number[];
  /** containsAny / containsAll: the leaf's number in the keyword → leaf postings. */
  slot?: number;
  /** containsAny / containsAll: where the leaf's keywords start in the matcher's input list. */
  offset?: number;
  regex?: RegExp;
}

export interface CompiledRule {
  id: string;
  name?: string;
  index: number;
  when: CompiledCondition;
  then: Action[];
  stop: boolean;
}

export interface CompiledRuleset {
  version: number;
  source: Ruleset;
  rules: CompiledRule[];
  /** Every keyword of the ruleset (rules and hand-off keywords) in one Aho-Corasick automaton. */
  matcher: KeywordMatcher;
  handoffKeywordIds: number[];
  /** Postings (CSR): the keyword leaves of keyword id k are postingLeaf[postingStart[k] … postingStart[k+1]). */
  postingStart: Int32Array;
  postingLeaf: Int32Array;
  maxBotTurns: number;
  defaultTeam: string | null;
  /** Condition steps one message may take before the engine gives up and hands off. */
  stepBudget: number;
}

/** A value in the form comparisons use: strings, numbers and booleans as normalised text. */
export function canon(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string") return normalizeText(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return undefined;
}

function keywordList(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).map(String);
}

function compileCondition(c: Condition, matcherKeywords: string[], leaves: CompiledLeaf[]): CompiledCondition {
  if ("all" in c) return { kind: "all", items: c.all.map((i) => compileCondition(i, matcherKeywords, leaves)) };
  if ("any" in c) return { kind: "any", items: c.any.map((i) => compileCondition(i, matcherKeywords, leaves)) };
  if ("not" in c) return { kind: "not", item: compileCondition(c.not, matcherKeywords, leaves) };
  const leaf: CompiledLeaf = { kind: "leaf", source: c, field: c.field, path: c.field.split("."), op: c.op, want: undefined };
  switch (c.op) {
    case "containsAny":
    case "containsAll": {
      const list = keywordList(c.value);
      leaf.offset = matcherKeywords.length;
      matcherKeywords.push(...list);
      // Only list fields (labels, attributes) compare keywords with elements; text fields use the matcher.
      if (c.field === "conversation.labels" || c.field.startsWith("visitor.attributes.")) leaf.want = list.map((k) => normalizeText(k).trim());
      break;
    }
    case "in":
      leaf.want = (Array.isArray(c.value) ? c.value : [c.value]).map(canon);
      break;
    case "matches": {
      const flags = (c.flags ?? "i").replace(/[^ims]/g, "");
      leaf.regex = new RegExp(String(c.value), `${flags}u`);
      break;
    }
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      leaf.want = Number(c.value);
      break;
    case "exists":
      leaf.want = c.value !== false;
      break;
    default:
      leaf.want = canon(c.value);
  }
  leaves.push(leaf);
  return leaf;
}

/**
 * Compiles a ruleset that has passed validation. Disabled rules are dropped, so evaluation only sees
 * rules that can run. Cost is linear in the size of the ruleset (see `npm run bench:triage`).
 */
export function compileRuleset(ruleset: Ruleset, version: number, opts: { stepBudget?: number } = {}): CompiledRuleset {
  const keywords: string[] = [...ruleset.settings.handoffKeywords];
  const leaves: CompiledLeaf[] = [];
  const rules: CompiledRule[] = [];
  ruleset.rules.forEach((r, index) => {
    if (r.enabled === false) return;
    rules.push({ id: r.id, ...(r.name ? { name: r.name } : {}), index, when: compileCondition(r.when, keywords, leaves), then: r.then, stop: r.stop === true });
  });
  const matcher = new KeywordMatcher(keywords);
  // Postings from each keyword to the leaves listing it: a message's few found keywords then mark
  // the leaves they satisfy, instead of every leaf checking every one of its keywords.
  const counts = new Int32Array(matcher.keywords.length + 1);
  let slot = 0;
  for (const leaf of leaves) {
    if (leaf.op !== "containsAny" && leaf.op !== "containsAll") continue;
    const count = Array.isArray(leaf.source.value) ? leaf.source.value.length : 1;
    leaf.keywordIds = [...new Set(matcher.inputIds.subarray(leaf.offset!, leaf.offset! + count))].filter((id) => id >= 0);
    leaf.slot = slot++;
    for (const id of leaf.keywordIds) counts[id + 1]!++;
  }
  for (let k = 1; k < counts.length; k++) counts[k]! += counts[k - 1]!;
  const postingStart = Int32Array.from(counts);
  const postingLeaf = new Int32Array(counts[counts.length - 1]!);
  const fill = counts.slice(0, -1);
  for (const leaf of leaves) if (leaf.slot !== undefined) for (const id of leaf.keywordIds!) postingLeaf[fill[id]!++] = leaf.slot;
  return {
    version,
    source: ruleset,
    rules,
    matcher,
    handoffKeywordIds: [...new Set(matcher.inputIds.subarray(0, ruleset.settings.handoffKeywords.length))].filter((id) => id >= 0),
    postingStart,
    postingLeaf,
    maxBotTurns: ruleset.settings.maxBotTurns,
    defaultTeam: ruleset.settings.defaultTeam ?? null,
    stepBudget: opts.stepBudget ?? RULESET_LIMITS.conditionNodes,
  };
}
