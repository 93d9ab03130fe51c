// Unit tests of the contract's text-matching rules and of the multi-pattern keyword matcher.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KeywordMatcher } from "./keyword-matcher.ts";
import { detectLanguage, foldText, isWordChar, KeywordSet } from "./text.ts";

describe("text matching rules (CONTRACT.md §5)", () => {
  it("is case-insensitive and folds Unicode width (NFKC)", () => {
    const k = new KeywordSet(["refund", "退款"]);
    expect(k.find("ＲＥＦＵＮＤ please")).toEqual(["refund"]);
    expect(k.find("I want a REFUND")).toEqual(["refund"]);
    expect(new KeywordSet(["ＶＩＰ"]).test("vip customer")).toBe(true); // the keyword is folded too
    expect(new KeywordSet(["12315"]).test("我要打１２３１５")).toBe(true); // full-width digits
  });

  it("matches a Latin keyword as a whole word only", () => {
    const k = new KeywordSet(["hi"]);
    expect(k.test("this is fine")).toBe(false);
    expect(k.test("hi there")).toBe(true);
    expect(k.test("oh, hi!")).toBe(true);
    expect(k.test("hi5")).toBe(false); // a digit continues the word
    expect(k.test("chi")).toBe(false);
  });

  it("ends a word at any character that is not a Latin letter or digit", () => {
    const k = new KeywordSet(["refund"]);
    expect(k.find("我想refund一下")).toEqual(["refund"]);
    expect(k.test("refund。")).toBe(true);
    expect(k.test("refunds")).toBe(false);
    expect(k.test("prerefund")).toBe(false);
    expect(new KeywordSet(["cafe"]).test("café")).toBe(false); // é is a Latin letter: the word goes on
  });

  it("matches a CJK keyword as a substring", () => {
    const k = new KeywordSet(["退款", "投诉"]);
    expect(k.find("我要退款")).toEqual(["退款"]);
    expect(k.find("这是投诉吗我要退款")).toEqual(["投诉", "退款"]);
    expect(k.test("退 款")).toBe(false);
  });

  it("matches a multi-word keyword as its words in sequence, whatever separates them", () => {
    const k = new KeywordSet(["not working"]);
    expect(k.test("the app is Not  Working!")).toBe(true);
    expect(k.test("not-working")).toBe(true);
    expect(k.test("not… working")).toBe(true);
    expect(k.test("not really working")).toBe(false);
    expect(k.test("knot working")).toBe(false);
  });

  it("folds separators without creating or breaking words", () => {
    expect(foldText("Hello,  World!! ＯＫ")).toBe("hello world ok");
    expect(isWordChar("a")).toBe(true);
    expect(isWordChar("é")).toBe(true);
    expect(isWordChar("7")).toBe(true);
    expect(isWordChar("退")).toBe(false);
    expect(isWordChar(" ")).toBe(false);
  });

  it("guesses the language of a message", () => {
    expect(detectLanguage("我要退款")).toBe("zh");
    expect(detectLanguage("refund please")).toBe("en");
  });
});

describe("KeywordMatcher (Aho-Corasick)", () => {
  it("finds overlapping and nested keywords in one pass", () => {
    const m = new KeywordMatcher(["he", "she", "his", "hers", "人工", "转人工", "人工客服"]);
    const words = (text: string) => [...m.found(foldText(text))].map((id) => m.keywords[id]).sort();
    expect(words("ushers")).toEqual([]); // Latin keywords need word boundaries
    expect(words("she said hers")).toEqual(["hers", "she"]);
    expect(words("我要转人工客服")).toEqual(["人工", "人工客服", "转人工"]);
  });

  it("deduplicates keywords that fold to the same text", () => {
    const m = new KeywordMatcher(["Refund", "ＲＥＦＵＮＤ", "refund", "  refund "]);
    expect(m.keywords).toEqual(["refund"]);
    expect(m.idOf("REFUND")).toBe(0);
    expect(m.idOf("nothing")).toBe(-1);
  });

  it("agrees with a naive search on random text and keywords", () => {
    const alphabet = fc.constantFrom("a", "b", "ab", " ", "退", "款", "1", "-");
    const word = fc.array(alphabet, { minLength: 1, maxLength: 4 }).map((p) => p.join(""));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 8 }), fc.array(alphabet, { maxLength: 30 }), (keywords, parts) => {
        const text = foldText(parts.join(""));
        const m = new KeywordMatcher(keywords);
        const naive = m.keywords.filter((k) => {
          for (let i = text.indexOf(k); i >= 0; i = text.indexOf(k, i + 1)) {
            const before = isWordChar(k[0]) && isWordChar(text[i - 1]);
            const after = isWordChar(k.at(-1)) && isWordChar(text[i + k.length]);
            if (!before && !after) return true;
          }
          return false;
        });
        expect([...m.found(text)].map((id) => m.keywords[id]).sort()).toEqual(naive.sort());
      }),
      { numRuns: 300 },
    );
  });
});
