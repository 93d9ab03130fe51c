// Fuzzing the socket-frame parsers (protocol/src/frames.ts, console-frames.ts): any string, any JSON,
// and valid frames with mutated fields never throw; the answer is null or a frame of exactly the
// protocol's shape (no extra keys, no prototype games); valid frames round-trip. Then a real visitor
// socket gets a batch of fuzzed frames: every answer is a clear error or an ack, nothing else is stored.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseConsoleFrame, type ConsoleClientFrame } from "../../protocol/src/console-frames.ts";
import { MAX_CLIENT_ID, MAX_FRAME_BYTES, parseClientFrame, parseServerFrame, type ClientFrame } from "../../protocol/src/frames.ts";
import { anyJson, anyText, mutated, prototypeClean, runs } from "../fixtures/fuzz.ts";
import { connect, startVisitor, visitorSocketPath, seedSite } from "../integration/helpers.ts";

const clientId = fc.stringMatching(new RegExp(`^[\\w.:-]{1,${MAX_CLIENT_ID}}$`));
const attachment = fc.record({
  id: fc.stringMatching(/^[\w.:-]{1,64}$/),
  name: fc.string({ minLength: 1, maxLength: 255 }),
  type: fc.constantFrom("image/png", "application/pdf", "text/plain"),
  size: fc.nat(),
  url: fc.string({ maxLength: 100 }).map((s) => `/files/${s}`),
});
const validFrame: fc.Arbitrary<ClientFrame> = fc.oneof(
  fc.record({ t: fc.constant("hello" as const), v: fc.integer(), after: fc.nat() }),
  fc.record(
    {
      t: fc.constant("send" as const),
      clientId,
      text: anyText,
      payload: fc.string({ maxLength: 256 }),
      private: fc.constant(true as const),
      attachments: fc.array(attachment, { minLength: 1, maxLength: 5 }),
    },
    { requiredKeys: ["t", "clientId", "text"] },
  ),
  fc.record({ t: fc.constant("typing" as const), on: fc.boolean() }),
  fc.record({ t: fc.constant("seen" as const), seq: fc.nat() }),
);
const validConsole: fc.Arbitrary<ConsoleClientFrame> = fc.oneof(
  fc.record({ t: fc.constant("presence" as const), status: fc.constantFrom("online" as const, "away" as const, "offline" as const) }),
  fc.record({ t: fc.constant("read" as const), conversationId: fc.stringMatching(/^[\w-]{1,64}$/), at: fc.integer({ min: 1 }) }),
);

const KEYS: Record<string, string[]> = {
  hello: ["t", "v", "after"],
  send: ["t", "clientId", "text", "payload", "private", "attachments"],
  typing: ["t", "on"],
  seen: ["t", "seq"],
};

/** A parsed frame is exactly of the protocol's shape: known type, known keys, right types, plain object. */
function wellFormed(f: ClientFrame): boolean {
  if (Object.getPrototypeOf(f) !== Object.prototype || !KEYS[f.t]) return false;
  if (Object.keys(f).some((k) => !KEYS[f.t]!.includes(k))) return false;
  switch (f.t) {
    case "hello":
      return typeof f.v === "number" && Number.isInteger(f.after) && f.after >= 0;
    case "send":
      return (
        typeof f.text === "string" &&
        /^[\w.:-]{1,64}$/.test(f.clientId) &&
        (f.payload === undefined || (typeof f.payload === "string" && f.payload.length <= 256)) &&
        (f.private === undefined || f.private === true) &&
        (f.attachments === undefined || (f.attachments.length > 0 && f.attachments.every((a) => Object.keys(a).length === 5 && typeof a.size === "number")))
      );
    case "typing":
      return typeof f.on === "boolean";
    case "seen":
      return Number.isInteger(f.seq) && f.seq >= 0;
  }
}

function checkClient(raw: unknown): void {
  const f = parseClientFrame(raw);
  if (f !== null) {
    expect(wellFormed(f), JSON.stringify(f)).toBe(true);
    // What the parser accepts it accepts again, unchanged.
    expect(parseClientFrame(JSON.stringify(f))).toEqual(f);
  }
  expect(prototypeClean()).toBe(true);
}

function checkConsole(raw: unknown): void {
  const f = parseConsoleFrame(raw);
  if (f !== null) {
    expect(Object.keys(f).sort()).toEqual(f.t === "presence" ? ["status", "t"] : ["at", "conversationId", "t"]);
    expect(parseConsoleFrame(JSON.stringify(f))).toEqual(f);
  }
  expect(prototypeClean()).toBe(true);
}

describe("socket-frame parsers (fuzz)", () => {
  it("never throw on arbitrary strings and values, and accept only well-formed frames", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, anyJson), (raw) => {
        checkClient(raw);
        checkConsole(raw);
        expect(() => parseServerFrame(raw)).not.toThrow();
      }),
      runs(300),
    );
  });

  it("never throw on arbitrary JSON text", () => {
    fc.assert(
      fc.property(anyJson, (v) => {
        const raw = JSON.stringify(v) ?? "null";
        checkClient(raw);
        checkConsole(raw);
        expect(() => parseServerFrame(raw)).not.toThrow();
      }),
      runs(300),
    );
  });

  it("round-trips every valid frame", () => {
    fc.assert(
      fc.property(validFrame, (f) => {
        const raw = JSON.stringify(f);
        fc.pre(new TextEncoder().encode(raw).byteLength <= MAX_FRAME_BYTES);
        expect(parseClientFrame(raw)).toEqual(f);
      }),
      runs(300),
    );
    fc.assert(
      fc.property(validConsole, (f) => {
        expect(parseConsoleFrame(JSON.stringify(f))).toEqual(f);
      }),
      runs(100),
    );
  });

  it("answers near-valid frames (mutated fields, wrong types, huge strings, __proto__ keys) with null or a clean frame", () => {
    fc.assert(
      fc.property(mutated(validFrame), (v) => checkClient(JSON.stringify(v))),
      runs(300),
    );
    fc.assert(
      fc.property(mutated(validConsole), (v) => checkConsole(JSON.stringify(v))),
      runs(200),
    );
  });

  it("refuses frames over MAX_FRAME_BYTES bytes of UTF-8, however few characters they have", () => {
    fc.assert(
      fc.property(fc.constantFrom("é", "中", "😀", "x"), fc.integer({ min: 1, max: 64 }), (ch, extra) => {
        const pad = ch.repeat(Math.ceil(MAX_FRAME_BYTES / new TextEncoder().encode(ch).byteLength) + extra);
        expect(parseClientFrame(JSON.stringify({ t: "send", clientId: "c1", text: pad }))).toBeNull();
      }),
      runs(50),
    );
  });
});

describe("a visitor socket under fuzzed frames", () => {
  it("answers every bad frame with a clear error, stays open, and stores only the valid messages", async () => {
    const { site } = await seedSite();
    const v = await startVisitor(site);
    const ws = await connect(visitorSocketPath(site, v));
    const before = ws.messages().length;
    const frames = fc.sample(fc.oneof(mutated(validFrame), anyJson, anyText), { numRuns: 40, seed: 0x5eed10 });
    for (const f of frames) ws.send(typeof f === "string" ? f : (JSON.stringify(f) ?? "null"));
    // A last, valid message: once it is acknowledged every frame before it has been answered.
    ws.send({ t: "send", clientId: "final-check", text: "still here" });
    await ws.waitFor("ack", (a) => a.clientId === "final-check", 10_000);
    for (const f of ws.frames) {
      expect(["welcome", "ack", "message", "state", "error", "typing", "seen"]).toContain(f.t);
      if (f.t === "error") expect(f.message.length).toBeGreaterThan(0);
    }
    // Each stored visitor message is one the parser accepted as a valid send, text kept as sent.
    const sent = new Map(
      frames
        .map((f) => parseClientFrame(typeof f === "string" ? f : (JSON.stringify(f) ?? "null")))
        .flatMap((p) => (p?.t === "send" ? [[p.clientId, p.text]] : [])),
    );
    const stored = ws
      .messages()
      .slice(before)
      .filter((m) => m.author === "visitor");
    for (const m of stored) if (m.text !== "still here") expect([...sent.values()]).toContain(m.text);
    expect(stored.at(-1)?.text).toBe("still here");
    ws.close();
  });
});
