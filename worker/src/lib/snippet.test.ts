import { describe, expect, it } from "vitest";
import { snippet } from "./snippet.ts";

describe("snippet", () => {
  it("keeps short text whole and cuts long text around the first match", () => {
    expect(snippet("where is my order?", ["order"])).toBe("where is my order?");
    const long = `${"a".repeat(300)} refund please ${"b".repeat(300)}`;
    const s = snippet(long, ["refund"], 60);
    expect(s.startsWith("…")).toBe(true);
    expect(s.endsWith("…")).toBe(true);
    expect(s).toContain("refund please");
    expect(snippet(`我想${"好".repeat(200)}退款`, ["退款"], 20)).toContain("退款");
  });
});
