// A short excerpt of a message around the first place a search matched, for result lists.

import { normalizeText } from "../../../protocol/src/text-fold.ts";

/** At most about `width` characters of `text` around the first term found (the start when none is). */
export function snippet(text: string, terms: string[], width = 160): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= width) return flat;
  const folded = normalizeText(flat);
  // Width folding keeps positions only where it keeps lengths; otherwise the excerpt starts at the top.
  const at = folded.length === flat.length ? Math.min(...terms.map((t) => folded.indexOf(t)).filter((i) => i >= 0)) : Infinity;
  const start = Number.isFinite(at) ? Math.max(0, at - Math.floor(width / 3)) : 0;
  const end = Math.min(flat.length, start + width);
  return `${start > 0 ? "…" : ""}${flat.slice(start, end).trim()}${end < flat.length ? "…" : ""}`;
}
