// A multi-pattern keyword matcher (Aho-Corasick) over folded text: one pass over a message finds every
// keyword of a whole ruleset, however many rules and keywords it has. Written by hand because the npm
// implementations neither take word boundaries into account nor build fast enough from 10,000
// keywords (they allocate an object per trie node); this one keeps the trie in flat typed arrays.

import { foldKeyword, isWordChar } from "../../../protocol/src/text-fold.ts";

/**
 * Keywords are folded (`foldKeyword`) and deduplicated; each gets an id (its index in `keywords`).
 * An edge of a keyword that is a Latin letter or digit must sit at a word boundary in the text, so
 * Latin keywords match whole words ("hi" is not found in "this", "refund" is in "我想refund一下"),
 * and CJK keywords match anywhere (Chinese has no spaces).
 */
export class KeywordMatcher {
  /** Distinct folded keywords; a keyword's id is its index here. */
  readonly keywords: readonly string[];
  /** The id of each keyword given to the constructor, in the order given (-1 for one with no letters). */
  readonly inputIds: Int32Array;
  private readonly ids = new Map<string, number>();
  /** Trie edges in an open-addressing hash table keyed by (state, char code): flat, no allocation. */
  private edgeState: Int32Array = new Int32Array(1);
  private edgeChar: Int32Array = new Int32Array(1);
  private edgeNext: Int32Array = new Int32Array(1);
  private mask = 0;
  private fail: Int32Array = new Int32Array(1);
  /** The keyword that ends at a state (-1: none). */
  private own: Int32Array = new Int32Array(1);
  /** The nearest state on the fail chain where a keyword ends (-1: none). */
  private dict: Int32Array = new Int32Array(1);
  private readonly wordStart: Uint8Array;
  private readonly wordEnd: Uint8Array;

  constructor(keywords: readonly string[]) {
    const list: string[] = [];
    this.inputIds = new Int32Array(keywords.length);
    keywords.forEach((raw, i) => {
      const k = foldKeyword(raw);
      let id = k ? this.ids.get(k) : -1;
      if (id === undefined) {
        id = list.length;
        this.ids.set(k, id);
        list.push(k);
      }
      this.inputIds[i] = id;
    });
    this.keywords = list;
    this.wordStart = new Uint8Array(list.length);
    this.wordEnd = new Uint8Array(list.length);
    list.forEach((k, i) => {
      this.wordStart[i] = isWordChar(k[0]) ? 1 : 0;
      this.wordEnd[i] = isWordChar(k[k.length - 1]) ? 1 : 0;
    });
    this.build(list);
  }

  /** Approximate memory held by the automaton, for caches that must stay within an isolate's limit. */
  get approxBytes(): number {
    return (this.edgeState.length * 3 + this.fail.length * 3) * 4 + this.keywords.reduce((n, k) => n + 2 * k.length + 40, 0);
  }

  /** The id of a keyword (folded the same way), or -1 when it is not in this matcher. */
  idOf(keyword: string): number {
    return this.ids.get(foldKeyword(keyword)) ?? -1;
  }

  /** The state reached from `state` on char code `c`, or -1. */
  private next(state: number, c: number): number {
    let h = (Math.imul(state, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b)) & this.mask;
    for (;;) {
      const s = this.edgeState[h]!;
      if (s === -1) return -1;
      if (s === state && this.edgeChar[h] === c) return this.edgeNext[h]!;
      h = (h + 1) & this.mask;
    }
  }

  /** The state reached from `state` on `c`, creating it as state `fresh` when there is none (one probe). */
  private nextOrAdd(state: number, c: number, fresh: number): number {
    let h = (Math.imul(state, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b)) & this.mask;
    for (;;) {
      const s = this.edgeState[h]!;
      if (s === -1) {
        this.edgeState[h] = state;
        this.edgeChar[h] = c;
        this.edgeNext[h] = fresh;
        return fresh;
      }
      if (s === state && this.edgeChar[h] === c) return this.edgeNext[h]!;
      h = (h + 1) & this.mask;
    }
  }

  private build(list: string[]): void {
    let chars = 0;
    for (const k of list) chars += k.length;
    let size = 16;
    while (size < chars * 2) size *= 2;
    this.mask = size - 1;
    this.edgeState = new Int32Array(size).fill(-1);
    this.edgeChar = new Int32Array(size);
    this.edgeNext = new Int32Array(size);
    // One state per keyword character at most: preallocate flat arrays instead of growing JS arrays.
    const parent = new Int32Array(chars + 1);
    const char = new Int32Array(chars + 1);
    const depth = new Int32Array(chars + 1);
    const own = new Int32Array(chars + 1).fill(-1);
    let n = 1;
    for (let id = 0; id < list.length; id++) {
      const k = list[id]!;
      let state = 0;
      for (let i = 0; i < k.length; i++) {
        const c = k.charCodeAt(i);
        const next = this.nextOrAdd(state, c, n);
        if (next === n) {
          n++;
          parent[next] = state;
          char[next] = c;
          depth[next] = i + 1;
        }
        state = next;
      }
      own[state] = id;
    }
    // States in breadth-first order (a counting sort by depth): a fail link points to a shallower state.
    let maxDepth = 0;
    for (let st = 0; st < n; st++) if (depth[st]! > maxDepth) maxDepth = depth[st]!;
    const starts = new Int32Array(maxDepth + 2);
    for (let st = 0; st < n; st++) starts[depth[st]! + 1]!++;
    for (let d = 1; d < starts.length; d++) starts[d]! += starts[d - 1]!;
    const byDepth = new Int32Array(n);
    for (let s = 0; s < n; s++) byDepth[starts[depth[s]!]!++] = s;
    const fail = new Int32Array(n);
    const dict = new Int32Array(n).fill(-1);
    for (const s of byDepth) {
      if (s === 0) continue;
      const p = parent[s]!;
      const c = char[s]!;
      let f = 0;
      if (p !== 0) {
        let q = fail[p]!;
        for (;;) {
          const t = this.next(q, c);
          if (t >= 0) {
            f = t;
            break;
          }
          if (q === 0) break;
          q = fail[q]!;
        }
      }
      fail[s] = f;
      dict[s] = own[f]! >= 0 ? f : dict[f]!;
    }
    this.fail = fail;
    this.dict = dict;
    this.own = own.slice(0, n);
  }

  /**
   * Ids of the keywords found in `folded` (text already passed through `foldText`), respecting word
   * boundaries. Calls `onFound` once per keyword id in the order first found.
   */
  scan(folded: string, onFound: (id: number) => void): void {
    const seen = new Set<number>();
    let state = 0;
    for (let i = 0; i < folded.length; i++) {
      const c = folded.charCodeAt(i);
      for (;;) {
        const t = this.next(state, c);
        if (t >= 0) {
          state = t;
          break;
        }
        if (state === 0) break;
        state = this.fail[state]!;
      }
      for (let s = this.own[state]! >= 0 ? state : this.dict[state]!; s >= 0; s = this.dict[s]!) {
        const id = this.own[s]!;
        if (seen.has(id)) continue;
        const start = i + 1 - this.keywords[id]!.length;
        if (this.wordStart[id] && isWordChar(folded[start - 1])) continue;
        if (this.wordEnd[id] && isWordChar(folded[i + 1])) continue;
        seen.add(id);
        onFound(id);
      }
    }
  }

  /** The set of keyword ids found in folded text. */
  found(folded: string): Set<number> {
    const out = new Set<number>();
    this.scan(folded, (id) => out.add(id));
    return out;
  }
}
