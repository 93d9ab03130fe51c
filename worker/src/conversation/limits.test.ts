// Message limits: text length, attachment count, size, type and origin.

import { describe, expect, it } from "vitest";
import { MAX_TEXT_LENGTH } from "../../../protocol/src/frames.ts";
import { AGENT_ATTACHMENTS, checkMessage, visitorAttachmentRules } from "./limits.ts";

const file = (over: Partial<{ name: string; type: string; size: number; url: string }> = {}) => ({
  id: "f1",
  name: "photo.png",
  type: "image/png",
  size: 1000,
  url: "/files/s1/f1",
  ...over,
});

describe("checkMessage", () => {
  const visitor = visitorAttachmentRules({ enabled: true, maxBytes: 2 * 1024 * 1024, types: ["image/*", "application/pdf"] });

  it("accepts ordinary messages and files within the site's rules", () => {
    expect(checkMessage("hello", undefined, visitor)).toBeNull();
    expect(checkMessage("x".repeat(MAX_TEXT_LENGTH), undefined, visitor)).toBeNull();
    expect(checkMessage("", [file(), file({ type: "application/pdf", name: "a.pdf" })], visitor)).toBeNull();
  });

  it("refuses empty and over-long text", () => {
    expect(checkMessage("   ", undefined, visitor)?.code).toBe("empty");
    expect(checkMessage("x".repeat(MAX_TEXT_LENGTH + 1), undefined, visitor)).toMatchObject({ code: "too_long", field: "text" });
  });

  it("refuses too many, too large, wrong-type or foreign attachments, naming the limit", () => {
    expect(
      checkMessage(
        "",
        Array.from({ length: 6 }, () => file()),
        visitor,
      )?.code,
    ).toBe("too_many_attachments");
    const big = checkMessage("", [file({ size: 3 * 1024 * 1024, name: "big.png" })], visitor);
    expect(big).toMatchObject({ code: "attachment_too_large", field: "attachments" });
    expect(big?.message).toContain("2 MB");
    expect(checkMessage("", [file({ type: "application/zip" })], visitor)?.code).toBe("attachment_type");
    expect(checkMessage("", [file({ url: "https://evil.example/x.png" })], visitor)?.code).toBe("attachment_url");
  });

  it("refuses visitor attachments where the site switched them off; agents may attach any type", () => {
    expect(checkMessage("hi", [file()], visitorAttachmentRules({ enabled: false }))?.code).toBe("attachments_not_allowed");
    // A site that says nothing accepts the widget's default types (images, PDF, text).
    expect(checkMessage("hi", [file()], visitorAttachmentRules(undefined))).toBeNull();
    expect(checkMessage("hi", [file({ type: "application/zip" })], AGENT_ATTACHMENTS)).toBeNull();
    expect(checkMessage("hi", [file({ size: 11 * 1024 * 1024 })], AGENT_ATTACHMENTS)?.code).toBe("attachment_too_large");
  });
});
