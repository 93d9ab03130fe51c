// Static check that a rule's regular expression cannot backtrack catastrophically on a visitor message.
// JavaScript regexes backtrack; a pattern like `(a+)+$` takes exponential time on "aaaa…!", and a
// Worker cannot interrupt a running regex, so dangerous shapes are refused when a ruleset is validated.
// Written by hand: the npm checkers are either too coarse (safe-regex: star height only) or too large to
// ship to the browser (recheck), and this one says *why* a pattern is refused.

import { LARGE, NONE, overlap, Parser, union, type CharSet, type Node } from "./regex-parse.ts";

function nullable(n: Node): boolean {
  if (n.k === "char") return false;
  if (n.k === "seq") return n.items.every(nullable);
  if (n.k === "alt") return n.branches.some(nullable);
  if (n.k === "quant") return n.min === 0 || nullable(n.node);
  return true;
}

/** Characters a node can start with. */
function firstSet(n: Node): CharSet {
  if (n.k === "char") return n.set;
  if (n.k === "quant") return firstSet(n.node);
  if (n.k === "alt") return n.branches.reduce((acc, b) => union(acc, firstSet(b)), NONE);
  if (n.k !== "seq") return NONE;
  let acc = NONE;
  for (const item of n.items) {
    acc = union(acc, firstSet(item));
    if (!nullable(item)) break;
  }
  return acc;
}

/** Every character a node can match anywhere. */
function allChars(n: Node): CharSet {
  if (n.k === "char") return n.set;
  if (n.k === "quant") return allChars(n.node);
  if (n.k === "alt") return n.branches.reduce((acc, b) => union(acc, allChars(b)), NONE);
  if (n.k === "seq") return n.items.reduce((acc, i) => union(acc, allChars(i)), NONE);
  return NONE;
}

function hasLargeQuantifier(n: Node): boolean {
  if (n.k === "seq") return n.items.some(hasLargeQuantifier);
  if (n.k === "alt") return n.branches.some(hasLargeQuantifier);
  if (n.k === "quant") return n.max > LARGE || hasLargeQuantifier(n.node);
  return false;
}

/**
 * The longest chain of unbounded repeats in one sequence that can share text, with nothing between
 * them that the first could not also take (`\d+\d+`, `.*a.*b`): every split between them is tried,
 * so k chained repeats cost O(n^k) per start position.
 */
function repeatChain(items: Node[]): number {
  let longest = 0;
  for (let a = 0; a < items.length; a++) {
    const qa = items[a]!;
    if (qa.k !== "quant" || qa.max <= LARGE) continue;
    const set = allChars(qa.node);
    let chain = 1;
    for (let b = a + 1; b < items.length; b++) {
      const qb = items[b]!;
      if (qb.k === "quant" && qb.max > LARGE && overlap(set, allChars(qb.node))) chain++;
      else if (qb.k !== "zero" && !nullable(qb) && !overlap(set, allChars(qb))) break;
    }
    longest = Math.max(longest, chain);
  }
  return longest;
}

/** `maxChain`: how many chained repeats are tolerable (2 when the pattern is anchored at the start, else 1). */
function check(n: Node, maxChain: number): string | null {
  if (n.k === "backref") return "back-references are not allowed (they can make matching take exponential time)";
  if (n.k === "alt") {
    for (const b of n.branches) {
      const bad = check(b, maxChain);
      if (bad) return bad;
    }
    return null;
  }
  if (n.k === "seq") {
    for (const item of n.items) {
      const bad = check(item, maxChain);
      if (bad) return bad;
    }
    return repeatChain(n.items) > maxChain ? "two repeats next to each other can match the same text (like `\\d+\\d+` or `.*a.*b`)" : null;
  }
  if (n.k !== "quant") return null;
  const bad = check(n.node, maxChain);
  if (bad) return bad;
  if (n.max > 10 && hasLargeQuantifier(n.node)) return "a repeated group contains another repeat (nested quantifiers like `(a+)+`)";
  if (n.max <= LARGE) return null;
  if (nullable(n.node)) return "a repeated group can match the empty string (like `(a?)*`)";
  const inner = n.node.k === "seq" && n.node.items.length === 1 ? n.node.items[0]! : n.node;
  if (inner.k === "alt") {
    const firsts = inner.branches.map(firstSet);
    for (let i = 0; i < firsts.length; i++)
      for (let j = i + 1; j < firsts.length; j++)
        if (overlap(firsts[i]!, firsts[j]!)) return "a repeated alternation has branches that can match the same text (like `(a|ab)*`)";
  }
  return null;
}

/**
 * Why a syntactically valid regular expression could backtrack catastrophically, or null when it is
 * safe. Refused: back-references; nested unbounded quantifiers (`(a+)+`); a repeated alternation whose
 * branches overlap (`(a|ab)*`); a repeated group that can match nothing; unbounded repeats next to each
 * other that can share text (`\d+\d+`, `.*a.*b`) beyond quadratic cost (two are tolerated when the
 * pattern is anchored with `^`). Conservative: it may refuse a harmless pattern.
 */
export function regexHazard(source: string, flags = ""): string | null {
  if (source.length > 500) return "regular expressions are limited to 500 characters";
  const parser = new Parser(source, flags.includes("i"));
  let root: Node;
  try {
    root = parser.alt();
  } catch {
    return "this regular expression could not be analysed";
  }
  // Anchored at the start, a pattern is tried from one position only, which allows one more repeat.
  const anchored = root.k === "seq" && source.startsWith("^");
  for (const n of [root, ...parser.lookarounds]) {
    const bad = check(n, anchored ? 2 : 1);
    if (bad) return bad;
  }
  return null;
}
