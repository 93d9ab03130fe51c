// Reads a JavaScript (`u`-mode) regular expression into a small tree of character sets, sequences,
// alternations and repeats: just what regex-safety.ts needs to judge backtracking.

/** A set of code points: the listed ranges, or (`neg`) everything except them. */
export interface CharSet {
  neg: boolean;
  ranges: [number, number][];
}

/** A parsed regular expression. */
export type Node =
  | { k: "char"; set: CharSet }
  | { k: "seq"; items: Node[] }
  | { k: "alt"; branches: Node[] }
  | { k: "quant"; node: Node; min: number; max: number }
  | { k: "zero" } // anchors and lookarounds: match no characters (lookaround bodies are checked apart)
  | { k: "backref" };

/** Repetition counts above this behave like `*` for backtracking purposes. */
export const LARGE = 100;
const ANY: CharSet = { neg: true, ranges: [] };
export const NONE: CharSet = { neg: false, ranges: [] };
const DIGIT: [number, number][] = [[48, 57]];
const WORD: [number, number][] = [
  [48, 57],
  [65, 90],
  [95, 95],
  [97, 122],
];
const SPACE: [number, number][] = [
  [9, 13],
  [32, 32],
  [160, 160],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
const LETTERS: [number, number][] = [
  [65, 90],
  [97, 122],
];

const pos = (ranges: [number, number][]): CharSet => ({ neg: false, ranges });
const neg = (ranges: [number, number][]): CharSet => ({ neg: true, ranges });

/** True when every code point of `inner` (listed ranges) lies in `outer` (listed ranges). */
function covered(inner: [number, number][], outer: [number, number][]): boolean {
  const sorted = [...outer].sort((a, b) => a[0] - b[0]);
  return inner.every(([lo, hi]) => {
    let from = lo;
    for (const [olo, ohi] of sorted) {
      if (olo > from) break;
      if (ohi >= from) from = ohi + 1;
      if (from > hi) return true;
    }
    return from > hi;
  });
}

function intersects(a: [number, number][], b: [number, number][]): boolean {
  return a.some(([alo, ahi]) => b.some(([blo, bhi]) => alo <= bhi && blo <= ahi));
}

/** True when two sets share a code point. */
export function overlap(a: CharSet, b: CharSet): boolean {
  if (a.neg && b.neg) return true;
  if (!a.neg && !b.neg) return intersects(a.ranges, b.ranges);
  const [n, p] = a.neg ? [a, b] : [b, a];
  return p.ranges.length > 0 && !covered(p.ranges, n.ranges);
}

/** A superset of a ∪ b (exact for listed sets; conservative once a complement is involved). */
export function union(a: CharSet, b: CharSet): CharSet {
  if (!a.neg && !b.neg) return pos([...a.ranges, ...b.ranges]);
  if (a.neg && b.neg) return ANY;
  const [n, p] = a.neg ? [a, b] : [b, a];
  return neg(n.ranges.filter((r) => !intersects([r], p.ranges)));
}

/** A recursive-descent reader of (already syntax-checked) `u`-mode regular expressions. */
export class Parser {
  i = 0;
  readonly lookarounds: Node[] = [];
  private readonly src: string;
  private readonly ignoreCase: boolean;

  constructor(src: string, ignoreCase: boolean) {
    this.src = src;
    this.ignoreCase = ignoreCase;
  }

  alt(): Node {
    const branches = [this.seq()];
    while (this.src[this.i] === "|") {
      this.i++;
      branches.push(this.seq());
    }
    return branches.length === 1 ? branches[0]! : { k: "alt", branches };
  }

  private seq(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== "|" && this.src[this.i] !== ")") items.push(this.quantifier(this.atom()));
    return { k: "seq", items };
  }

  private quantifier(node: Node): Node {
    const s = this.src;
    let min: number;
    let max: number;
    const c = s[this.i];
    if (c === "*") [min, max] = [0, Infinity];
    else if (c === "+") [min, max] = [1, Infinity];
    else if (c === "?") [min, max] = [0, 1];
    else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(this.i));
      if (!m) return node;
      min = Number(m[1]);
      max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : min;
      this.i += m[0].length - 1;
    } else return node;
    this.i++;
    if (s[this.i] === "?") this.i++; // a lazy quantifier backtracks just the same
    return { k: "quant", node, min, max };
  }

  private atom(): Node {
    const s = this.src;
    const c = s[this.i++]!;
    if (c === "^" || c === "$") return { k: "zero" };
    if (c === ".") return { k: "char", set: ANY };
    if (c === "[") return { k: "char", set: this.klass() };
    if (c === "\\") return this.escape(false);
    if (c === "(") {
      let look = false;
      if (s.startsWith("?:", this.i)) this.i += 2;
      else if (s.startsWith("?=", this.i) || s.startsWith("?!", this.i)) [this.i, look] = [this.i + 2, true];
      else if (s.startsWith("?<=", this.i) || s.startsWith("?<!", this.i)) [this.i, look] = [this.i + 3, true];
      else if (s.startsWith("?<", this.i)) this.i = s.indexOf(">", this.i) + 1;
      const body = this.alt();
      this.i++; // ")"
      if (!look) return body;
      this.lookarounds.push(body);
      return { k: "zero" };
    }
    const cp = s.codePointAt(this.i - 1)!;
    if (cp > 0xffff) this.i++;
    return { k: "char", set: this.literal(cp) };
  }

  private literal(cp: number): CharSet {
    if (!this.ignoreCase) return pos([[cp, cp]]);
    const ch = String.fromCodePoint(cp);
    return pos([...new Set([cp, ch.toLowerCase().codePointAt(0)!, ch.toUpperCase().codePointAt(0)!])].map((x): [number, number] => [x, x]));
  }

  /** The escape after a backslash. */
  private escape(inClass: boolean): Node {
    const s = this.src;
    const c = s[this.i++]!;
    const simple: Record<string, CharSet> = {
      d: pos(DIGIT),
      w: pos(WORD),
      s: pos(SPACE),
      D: neg(DIGIT),
      W: neg(WORD),
      S: neg(SPACE),
      n: pos([[10, 10]]),
      r: pos([[13, 13]]),
      t: pos([[9, 9]]),
      f: pos([[12, 12]]),
      v: pos([[11, 11]]),
      0: pos([[0, 0]]),
    };
    if (simple[c]) return { k: "char", set: simple[c]! };
    if (c === "b" || c === "B") return inClass ? { k: "char", set: pos([[8, 8]]) } : { k: "zero" };
    if (c === "p" || c === "P") {
      this.i = s.indexOf("}", this.i) + 1;
      return { k: "char", set: ANY }; // a Unicode property: assume it overlaps with anything
    }
    if (c === "k") {
      this.i = s.indexOf(">", this.i) + 1;
      return { k: "backref" };
    }
    if (c === "u" || c === "x") {
      const m = c === "x" ? /^[0-9a-fA-F]{2}/.exec(s.slice(this.i)) : /^\{([0-9a-fA-F]+)\}|^[0-9a-fA-F]{4}/.exec(s.slice(this.i));
      if (m) {
        this.i += m[0].length;
        return { k: "char", set: this.literal(parseInt(m[1] ?? m[0], 16)) };
      }
    }
    if (c === "c") {
      this.i++;
      return { k: "char", set: ANY };
    }
    if (/[1-9]/.test(c)) {
      while (/\d/.test(s[this.i] ?? "")) this.i++;
      return { k: "backref" };
    }
    const cp = s.codePointAt(this.i - 1)!;
    if (cp > 0xffff) this.i++;
    return { k: "char", set: this.literal(cp) };
  }

  /** A character class after `[`. */
  private klass(): CharSet {
    const s = this.src;
    const negated = s[this.i] === "^";
    if (negated) this.i++;
    let set: CharSet = NONE;
    while (this.i < s.length && s[this.i] !== "]") {
      let item: CharSet;
      let start = -1;
      if (s[this.i] === "\\") {
        this.i++;
        const n = this.escape(true);
        item = n.k === "char" ? n.set : ANY;
      } else {
        start = s.codePointAt(this.i)!;
        this.i += start > 0xffff ? 2 : 1;
        item = this.literal(start);
      }
      if (s[this.i] === "-" && s[this.i + 1] !== "]" && !item.neg && item.ranges.length > 0) {
        this.i++;
        let hi = 0x10ffff;
        if (s[this.i] === "\\") {
          this.i++;
          const n = this.escape(true);
          if (n.k === "char" && !n.set.neg && n.set.ranges[0]) hi = n.set.ranges[0][0];
        } else {
          hi = s.codePointAt(this.i)!;
          this.i += hi > 0xffff ? 2 : 1;
        }
        item = pos([[start >= 0 ? start : item.ranges[0]![0], hi], ...(this.ignoreCase ? LETTERS : [])]);
      }
      set = union(set, item);
    }
    this.i++; // "]"
    if (!negated) return set;
    return set.neg ? ANY : neg(set.ranges);
  }
}
