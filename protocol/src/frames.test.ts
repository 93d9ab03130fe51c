// The socket-frame parser is total: malformed, oversized or unknown frames give null, never a throw.

import { describe, expect, it } from "vitest";
import { MAX_FRAME_BYTES, parseClientFrame } from "./frames.ts";

describe("parseClientFrame", () => {
  it("accepts the frames of the protocol", () => {
    expect(parseClientFrame('{"t":"hello","v":1,"after":3}')).toEqual({ t: "hello", v: 1, after: 3 });
    expect(parseClientFrame('{"t":"send","clientId":"c1","text":"hi"}')).toEqual({ t: "send", clientId: "c1", text: "hi" });
    expect(parseClientFrame('{"t":"typing","on":true}')).toEqual({ t: "typing", on: true });
  });

  it("refuses anything else", () => {
    for (const bad of [
      "",
      "null",
      "[]",
      "{",
      '{"t":"send","clientId":"","text":"x"}',
      '{"t":"send","clientId":"<script>","text":"x"}',
      '{"t":"hello","v":1,"after":-1}',
      '{"t":"nope"}',
      42,
      "x".repeat(MAX_FRAME_BYTES + 1),
    ])
      expect(parseClientFrame(bad)).toBeNull();
  });
});
