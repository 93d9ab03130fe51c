// Leaf conditions: one operator applied to one fact, recording what matched for the trace.

import type { ConditionHit, TraceValue } from "../../../protocol/src/types.ts";
import { canon, type CompiledLeaf, type CompiledRuleset } from "./compile.ts";
import type { Facts } from "./evaluate.ts";
import { foldText } from "./text.ts";

/** Keyword leaves satisfied in one text field: leaf slot → the keyword ids found for it. */
export type LeafHits = Map<number, number[]>;

/** The state of one evaluation: the facts, the facts rules changed so far, and cached text scans. */
export interface Run {
  facts: Facts;
  ruleset: CompiledRuleset;
  steps: number;
  budget: number;
  labels: string[];
  attributes: Record<string, unknown>;
  /** Keyword ids found per text field (scanned once per evaluation), as satisfied leaves. */
  scans: Map<string, LeafHits>;
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

/**
 * Scans text once with the ruleset's matcher and maps found keywords to the leaves they satisfy;
 * every keyword id found is also added to `found`, when given.
 */
export function leafHits(ruleset: CompiledRuleset, text: string, found?: Set<number>): LeafHits {
  const hits: LeafHits = new Map();
  const { postingStart, postingLeaf } = ruleset;
  ruleset.matcher.scan(foldText(text), (id) => {
    found?.add(id);
    for (let p = postingStart[id]!; p < postingStart[id + 1]!; p++) {
      const slot = postingLeaf[p]!;
      const list = hits.get(slot);
      if (list) list.push(id);
      else hits.set(slot, [id]);
    }
  });
  return hits;
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

/** The field's value, normalised, once per evaluation (normalising a long message per leaf would dominate). */
function scalar(leaf: CompiledLeaf, raw: unknown, run: Run): string | undefined {
  if (!run.canons.has(leaf.field)) run.canons.set(leaf.field, canon(raw));
  return run.canons.get(leaf.field);
}

function keywordTest(leaf: CompiledLeaf, raw: unknown, list: (string | undefined)[] | null, run: Run): { ok: boolean; found?: unknown } {
  const all = leaf.op === "containsAll";
  if (list) {
    const words = leaf.want as string[];
    const hit = words.filter((w) => list.includes(w));
    return { ok: all ? hit.length === words.length : hit.length > 0, found: hit };
  }
  if (raw === undefined || raw === null || typeof raw === "object") return { ok: false };
  let hits = run.scans.get(leaf.field);
  if (!hits) {
    hits = leafHits(run.ruleset, String(raw));
    run.scans.set(leaf.field, hits);
  }
  const ids = hits.get(leaf.slot!);
  if (!ids) return { ok: false };
  const ok = all ? ids.length === leaf.keywordIds!.length : true;
  return { ok, found: ok ? ids.map((id) => run.ruleset.matcher.keywords[id]) : undefined };
}

/** Tests one leaf; a leaf that holds adds a hit (what was found) to `hits`. */
export function testLeaf(leaf: CompiledLeaf, run: Run, hits: ConditionHit[]): boolean {
  const raw = lookup(leaf, run);
  const list = Array.isArray(raw) ? raw.map(canon) : null;
  const want = leaf.want;
  let ok = false;
  let found: unknown;
  switch (leaf.op) {
    case "exists": {
      const value = list ? undefined : scalar(leaf, raw, run);
      ok = (list ? list.length > 0 : value !== undefined && value !== "") === want;
      break;
    }
    case "equals":
      ok = list ? list.includes(want as string) : scalar(leaf, raw, run) === want;
      if (ok && list) found = raw;
      break;
    case "notEquals":
      ok = list ? !list.includes(want as string) : scalar(leaf, raw, run) !== want;
      break;
    case "in": {
      const options = want as (string | undefined)[];
      const value = list ? undefined : scalar(leaf, raw, run);
      const hit = list ? list.filter((x) => options.includes(x)) : value !== undefined && options.includes(value) ? [value] : [];
      ok = hit.length > 0;
      found = list ? hit : raw;
      break;
    }
    case "containsAny":
    case "containsAll":
      ({ ok, found } = keywordTest(leaf, raw, list, run));
      break;
    case "matches":
      ok = (typeof raw === "string" || typeof raw === "number") && leaf.regex!.test(String(raw).normalize("NFKC"));
      break;
    case "startsWith": {
      const value = list ? undefined : scalar(leaf, raw, run);
      ok = list ? list.some((x) => x?.startsWith(want as string)) : value !== undefined && value.startsWith(want as string);
      break;
    }
    case "gt":
    case "gte":
    case "lt":
    case "lte": {
      const n = toNumber(raw);
      const w = want as number;
      ok = leaf.op === "gt" ? n > w : leaf.op === "gte" ? n >= w : leaf.op === "lt" ? n < w : n <= w;
      found = raw;
      break;
    }
  }
  if (ok) hits.push(hitOf(leaf, { found }));
  return ok;
}
