// Reads the visitor's answer to a question the bot asked (askField): validates it and picks the value
// out of a sentence ("my order is A12345", "我的订单号是A12345"). Pure.

/** Built-in checks for contact fields when the rule gives no `validate` pattern. */
const BUILT_IN: Record<string, { find: RegExp; clean: (s: string) => string }> = {
  email: { find: /[^\s@<>(),;:"'，。：；]+@[^\s@<>(),;:"'，。：；]+\.[a-z]{2,}/iu, clean: (s) => s.toLowerCase() },
  phone: { find: /\+?\d[\d\s().-]{5,18}\d/u, clean: (s) => s.replace(/[^\d+]/g, "") },
};

const MAX_ANSWER = 500;

/** True for fields with a built-in check (email, phone). */
export function hasBuiltInCheck(field: string): boolean {
  return field in BUILT_IN;
}

/** The rule's pattern without its `^…$` anchors, wrapped so it only matches whole words. */
function unanchored(pattern: string): RegExp | null {
  const inner = pattern.replace(/^\^/, "").replace(/(?<!\\)\$$/, "");
  if (inner === pattern) return null;
  try {
    return new RegExp(`(?<![\\p{Script=Latin}\\p{Nd}])(?:${inner})(?![\\p{Script=Latin}\\p{Nd}])`, "u");
  } catch {
    return null;
  }
}

/**
 * The value to store for an answer, or null when it does not validate. With a `validate` pattern, the
 * whole answer must match, or (for an anchored pattern) one whole word in it must; for `email` and
 * `phone` without a pattern, the first email address / phone number in the answer is taken; any
 * other field takes the non-empty answer as it is.
 */
export function readAnswer(field: string, validate: string | undefined, raw: string): string | null {
  const text = raw.normalize("NFKC").trim();
  if (!text || text.length > MAX_ANSWER) return null;
  if (validate) {
    let re: RegExp;
    try {
      re = new RegExp(validate, "u");
    } catch {
      return null;
    }
    if (re.test(text)) return text;
    const m = unanchored(validate)?.exec(text);
    return m ? m[0] : null;
  }
  const builtIn = BUILT_IN[field];
  if (!builtIn) return text;
  const m = builtIn.find.exec(text);
  return m ? builtIn.clean(m[0]) : null;
}
