// Text folding for triage matching (CONTRACT.md §5), shared by the engine and the admin's validator.

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD_CHAR = /[\p{Script=Latin}\p{Nd}]/u;
const SEPARATORS = /[\s\p{P}\p{S}]+/gu;

/** Folds full-width forms (NFKC) and case, so `ＲＥＦＵＮＤ` and `refund` compare equal. */
export function normalizeText(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

/**
 * The form keyword matching works on: normalised, with every run of spaces, punctuation and symbols
 * turned into one space. Multi-word keywords then match their words in sequence whatever separates
 * them ("not working", "not-working", "not… working"), and word boundaries are unchanged.
 */
export function foldText(text: string): string {
  return normalizeText(text).replace(SEPARATORS, " ");
}

/** A keyword as matching sees it: folded and trimmed ("" when it has no letters or digits at all). */
export function foldKeyword(keyword: string): string {
  return foldText(keyword).trim();
}

/** True for the characters that make up a word: Latin letters and digits (a word ends at anything else). */
export function isWordChar(ch: string | undefined): boolean {
  if (ch === undefined || ch === "") return false;
  const c = ch.charCodeAt(0);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return WORD_CHAR.test(ch);
}

/** True when the text contains Chinese, Japanese or Korean script. */
export function hasCjk(text: string): boolean {
  return CJK.test(text);
}
