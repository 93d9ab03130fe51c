// Leaf conditions: one operator applied to one fact, recording what matched for the trace.

import type { ConditionHit, TraceValue } from "../../../protocol/src/types.ts";
import { canon, type CompiledLeaf } from "./compile.ts";
import type { Facts } from "./evaluate.ts";
import type { KeywordMatcher } from "./keyword-matcher.ts";
import { foldText } from "./text.ts";

/** The state of one evaluation: the facts, the facts rules changed so far, and cached text scans. */
export interface Run {
  facts: Facts;
  matcher: KeywordMatcher;
  steps: number;
  budget: number;
  labels: string[];
  attributes: Record<string, unknown>;
  /** Keyword ids found per text field, scanned once per evaluation. */
  scans: Map<string, Set<number>>;
  /** Normalised scalar values per field, computed once per evaluation. */
  canons: Map<string, string | undefined>;
}

/** A trace hit for a leaf (a validated rule's value is always a plain value or a list of them). */
export function hitOf(leaf: CompiledLeaf, extra: { found?: unknown; negated?: true } = {}): ConditionHit {
  const hit: ConditionHit = { field: leaf.field, op: leaf.op };
  if (leaf.source.value !== undefined) hit.value = leaf.source.value as TraceValue;
  if (extra.found !== undefined) hit.found = extra.found as TraceValue;
  if (extra.negated) hit.negated = true;
  return hit;
}

function lookup(leaf: CompiledLeaf, run: Run): unknown {
  const p = leaf.path;
  if (p[0] === "conversation" && p[1] === "labels") return run.labels;
  if (p[0] === "visitor" && p[1] === "attributes") return p.length === 3 ? run.attributes[p[2]!] : undefined;
  let cur: unknown = run.facts;
  for (const part of p) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function toNumber(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "") return Number(v);
  return NaN;
}

function scan(leaf: CompiledLeaf, text: string, run: Run): Set<number> {
  let found = run.scans.get(leaf.field);
  if (!found) {
    found = run.matcher.found(foldText(text));
    run.scans.set(leaf.field, found);
  }
  return found;
}

/** Tests one leaf; a leaf that holds adds a hit (what was found) to `hits`. */
export function testLeaf(leaf: CompiledLeaf, run: Run, hits: ConditionHit[]): boolean {
  const raw = lookup(leaf, run);
  const list = Array.isArray(raw) ? raw.map(canon) : null;
  // Normalising a long message for every leaf would dominate the cost: do it once per field, on demand.
  const scalar = (): string | undefined => {
    if (list) return undefined;
    if (!run.canons.has(leaf.field)) run.canons.set(leaf.field, canon(raw));
    return run.canons.get(leaf.field);
  };
  const want = leaf.want;
  let ok = false;
  let found: unknown;
  switch (leaf.op) {
    case "exists": {
      const value = scalar();
      const present = list ? list.length > 0 : value !== undefined && value !== "";
      ok = present === want;
      break;
    }
    case "equals":
      ok = list ? list.includes(want as string) : scalar() === want;
      if (ok && list) found = raw;
      break;
    case "notEquals":
      ok = list ? !list.includes(want as string) : scalar() !== want;
      break;
    case "in": {
      const options = want as (string | undefined)[];
      const value = scalar();
      const hit = list ? list.filter((x) => options.includes(x)) : value !== undefined && options.includes(value) ? [value] : [];
      ok = hit.length > 0;
      found = list ? hit : raw;
      break;
    }
    case "containsAny":
    case "containsAll": {
      const all = leaf.op === "containsAll";
      const words = want as string[];
      if (list) {
        const hit = words.filter((w) => list.includes(w));
        ok = all ? hit.length === words.length : hit.length > 0;
        found = hit;
      } else if (raw !== undefined && raw !== null && typeof raw !== "object") {
        const text = typeof raw === "string" ? raw : String(raw);
        const seen = scan(leaf, text, run);
        const ids = leaf.keywordIds ?? [];
        const hit = ids.filter((id) => seen.has(id));
        ok = all ? hit.length === ids.length && ids.length > 0 : hit.length > 0;
        found = hit.map((id) => run.matcher.keywords[id]);
      }
      break;
    }
    case "matches":
      ok = (typeof raw === "string" || typeof raw === "number") && leaf.regex!.test(String(raw).normalize("NFKC"));
      break;
    case "startsWith": {
      const value = scalar();
      ok = list ? list.some((x) => x?.startsWith(want as string)) : value !== undefined && value.startsWith(want as string);
      break;
    }
    case "gt":
      ok = toNumber(raw) > (want as number);
      found = raw;
      break;
    case "gte":
      ok = toNumber(raw) >= (want as number);
      found = raw;
      break;
    case "lt":
      ok = toNumber(raw) < (want as number);
      found = raw;
      break;
    case "lte":
      ok = toNumber(raw) <= (want as number);
      found = raw;
      break;
  }
  if (ok) hits.push(hitOf(leaf, { found }));
  return ok;
}
