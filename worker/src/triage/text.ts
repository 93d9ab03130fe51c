// Text matching for triage: NFKC width folding, case folding, Latin whole words, CJK substrings.

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const LATIN_WORD_CHAR = "\\p{Script=Latin}\\p{Nd}";

/** Folds full-width forms and case so `ＲＥＦＵＮＤ` and `refund` compare equal. */
export function normalizeText(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

/** True when the text contains Chinese, Japanese or Korean script. */
export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

/** A best-effort language tag for a message: `zh` when it contains Han script, else `en`. */
export function detectLanguage(text: string): string {
  if (/\p{Script=Han}/u.test(text)) return "zh";
  if (/\p{Script=Hangul}/u.test(text)) return "ko";
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)) return "ja";
  return "en";
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A compiled keyword list. CJK keywords match as substrings (Chinese has no spaces); Latin keywords
 * match whole words, where a word ends at any character that is not a Latin letter or digit, so
 * `refund` matches in `我想refund一下` but `hi` does not match `this`. Multi-word keywords match
 * their words in sequence, separated by spaces or punctuation.
 */
export class KeywordSet {
  readonly keywords: readonly string[];
  private readonly cjk: string[] = [];
  private readonly latin: RegExp | null;

  constructor(keywords: readonly string[]) {
    this.keywords = keywords;
    const latinParts: string[] = [];
    for (const raw of keywords) {
      const k = normalizeText(raw).trim();
      if (!k) continue;
      if (hasCjk(k)) this.cjk.push(k);
      else
        latinParts.push(
          k
            .split(/[\s\p{P}]+/u)
            .filter(Boolean)
            .map(escapeRegExp)
            .join("[\\s\\p{P}]+"),
        );
    }
    this.latin = latinParts.length ? new RegExp(`(?<![${LATIN_WORD_CHAR}])(?:${latinParts.join("|")})(?![${LATIN_WORD_CHAR}])`, "gu") : null;
  }

  /** The keywords (normalised) found in already-normalised text, in keyword order for CJK then text order. */
  find(normalized: string): string[] {
    const found: string[] = [];
    for (const k of this.cjk) if (normalized.includes(k)) found.push(k);
    if (this.latin) {
      this.latin.lastIndex = 0;
      for (const m of normalized.matchAll(this.latin)) found.push(m[0]);
    }
    return found;
  }

  /** True when any keyword occurs in the normalised text. */
  test(normalized: string): boolean {
    for (const k of this.cjk) if (normalized.includes(k)) return true;
    if (!this.latin) return false;
    this.latin.lastIndex = 0;
    return this.latin.test(normalized);
  }
}
