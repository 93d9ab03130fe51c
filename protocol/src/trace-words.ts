// Phrases a triage trace in words ("text contains 投诉", "visitor.tier = vip"), in English by default;
// the console passes its own word table to phrase the same hits in Chinese.

import type { ConditionHit } from "./types.ts";

/** The words a phrase is made of; `{f}` is the field, `{v}` the value, `{x}` what was found. */
export interface TraceWords {
  text: string;
  containsAny: string;
  containsAll: string;
  equals: string;
  has: string;
  notEquals: string;
  in: string;
  matches: string;
  startsWith: string;
  gt: string;
  gte: string;
  lt: string;
  lte: string;
  exists: string;
  missing: string;
  not: string;
}

export const ENGLISH_TRACE_WORDS: TraceWords = {
  text: "text",
  containsAny: "{f} contains {x}",
  containsAll: "{f} contains all of {x}",
  equals: "{f} = {v}",
  has: "{f} has {v}",
  notEquals: "{f} ≠ {v}",
  in: "{f} is {x} (one of {v})",
  matches: "{f} matches /{v}/",
  startsWith: "{f} starts with {v}",
  gt: "{f} > {v} (it is {x})",
  gte: "{f} ≥ {v} (it is {x})",
  lt: "{f} < {v} (it is {x})",
  lte: "{f} ≤ {v} (it is {x})",
  exists: "{f} is set",
  missing: "{f} is not set",
  not: "not ({c})",
};

function show(v: unknown): string {
  if (Array.isArray(v)) return v.map(show).join(", ");
  if (typeof v === "string") return v;
  return v === undefined ? "" : JSON.stringify(v);
}

/** One hit in words. */
export function describeHit(hit: ConditionHit, words: TraceWords = ENGLISH_TRACE_WORDS): string {
  const f = hit.field === "message.text" ? words.text : hit.field;
  let template: string;
  if (hit.op === "not") return words.not.replace("{c}", show(hit.value));
  if (hit.op === "exists") template = hit.value === false ? words.missing : words.exists;
  else if (hit.op === "equals" && Array.isArray(hit.found)) template = words.has;
  else template = (words as unknown as Record<string, string>)[hit.op] ?? `{f} ${hit.op} {v}`;
  const phrase = template
    .replace("{f}", f)
    .replace("{v}", show(hit.value))
    .replace("{x}", show(hit.found ?? hit.value));
  return hit.negated ? words.not.replace("{c}", phrase) : phrase;
}

/** A rule's matched conditions in one line: `text contains 投诉; visitor.tier = vip`. */
export function describeHits(hits: readonly ConditionHit[], words: TraceWords = ENGLISH_TRACE_WORDS): string {
  return hits.map((h) => describeHit(h, words)).join("; ");
}
