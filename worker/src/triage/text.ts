// Text matching for triage: folding (NFKC width, case, separators), language detection, keyword sets.

import { foldText } from "../../../protocol/src/text-fold.ts";
import { KeywordMatcher } from "./keyword-matcher.ts";

export { foldKeyword, foldText, hasCjk, isWordChar, normalizeText } from "../../../protocol/src/text-fold.ts";

/** A best-effort language tag for a message: `zh` when it contains Han script, else `en`. */
export function detectLanguage(text: string): string {
  if (/\p{Script=Han}/u.test(text)) return "zh";
  if (/\p{Script=Hangul}/u.test(text)) return "ko";
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)) return "ja";
  return "en";
}

/**
 * One keyword list (e.g. the hand-off keywords) with the contract's matching rules: case- and
 * width-insensitive; Latin keywords as whole words; CJK keywords as substrings; multi-word keywords
 * as words in sequence. Accepts raw or already folded text.
 */
export class KeywordSet {
  private readonly matcher: KeywordMatcher;

  constructor(keywords: readonly string[]) {
    this.matcher = new KeywordMatcher(keywords);
  }

  /** The keywords (folded) found in the text, in the order they were found. */
  find(text: string): string[] {
    const out: string[] = [];
    this.matcher.scan(foldText(text), (id) => out.push(this.matcher.keywords[id]!));
    return out;
  }

  /** True when any keyword occurs in the text. */
  test(text: string): boolean {
    return this.find(text).length > 0;
  }
}
