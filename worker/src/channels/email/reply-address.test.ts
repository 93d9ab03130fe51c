// Signed reply addresses: they fit in a 64-character local part, name their conversation, expire,
// and cannot be altered or forged without the secret.

import { describe, expect, it } from "vitest";
import { replyAddress, REPLY_ADDRESS_TTL_MS, splitAddress, verifyReplyTag } from "./reply-address.ts";

const SECRET = "test-secret";
const CONV = "c_01jd2k3m4n5p6q7r8s9t0v1w2x";

describe("reply addresses", () => {
  it("round-trips a conversation id through a short, signed tag", async () => {
    const a = await replyAddress(SECRET, "Support@Shop.Example", CONV, 1_800_000_000_000);
    const { base, tag } = splitAddress(a);
    expect(base).toBe("support@shop.example");
    expect(a.split("@")[0]!.length).toBeLessThanOrEqual(64);
    expect(await verifyReplyTag(SECRET, tag!, 1_800_000_000_000)).toEqual({ conversationId: CONV });
  });

  it("refuses an altered, foreign or expired tag", async () => {
    const now = 1_800_000_000_000;
    const { tag } = splitAddress(await replyAddress(SECRET, "support@shop.example", CONV, now));
    const other = CONV.replace("x", "y").slice(2);
    expect(await verifyReplyTag(SECRET, `${other}.${tag!.split(".").slice(1).join(".")}`, now)).toEqual({ invalid: "signature" });
    expect(await verifyReplyTag("another-secret", tag!, now)).toEqual({ invalid: "signature" });
    expect(await verifyReplyTag(SECRET, tag!, now + REPLY_ADDRESS_TTL_MS + 1000)).toEqual({ invalid: "expired" });
    expect(await verifyReplyTag(SECRET, "hello", now)).toEqual({ invalid: "format" });
  });

  it("splits plain and tagged addresses", () => {
    expect(splitAddress("a@b.c")).toEqual({ base: "a@b.c", tag: null });
    expect(splitAddress("A+x.y@B.C")).toEqual({ base: "a@b.c", tag: "x.y" });
  });
});
