// The load generator against the real Node `ws` relay: it counts what arrives, times it, and notices
// what never does.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NodeRelayTarget } from "../targets/relay-target.ts";
import { LoadGenerator } from "./loadgen.ts";
import { closeAll } from "./sockets.ts";

describe("load generator", () => {
  const relay = new NodeRelayTarget();
  beforeAll(() => relay.start());
  afterAll(() => relay.stop());

  it("delivers every message both ways at a fixed rate and times each one", async () => {
    const pairs = await relay.openPairs(4, "ok");
    const r = await new LoadGenerator(relay, pairs).run({ rate: 400, durationMs: 500, maxMessages: 1_000, drainMs: 2_000, tag: "t1-" });
    await closeAll(pairs.flatMap((p) => [p.visitor, p.agent]));
    expect(r.sent).toBe(200);
    expect(r.delivered).toBe(200);
    expect(r.dropped).toBe(0);
    expect(r.v2a.length).toBe(100);
    expect(r.a2v.length).toBe(100);
    expect(Math.max(...r.v2a, ...r.a2v)).toBeLessThan(2_000);
  });

  it("counts messages that never arrive as dropped", async () => {
    const pairs = await relay.openPairs(2, "lost");
    await closeAll([pairs[1]!.agent]); // the second conversation's agent is gone: its visitor's messages go nowhere
    const r = await new LoadGenerator(relay, pairs).run({ rate: 200, durationMs: 200, maxMessages: 40, drainMs: 300, tag: "t2-" });
    await closeAll([pairs[0]!.visitor, pairs[0]!.agent, pairs[1]!.visitor]);
    expect(r.sent).toBe(40);
    // Messages alternate between the two conversations: everything in the broken one is lost (its
    // visitor's messages have no one to reach; its agent's socket can send nothing), the rest arrives.
    expect(r.dropped).toBe(20);
    expect(r.delivered).toBe(20);
    expect(r.v2a.length).toBe(10);
  });

  it("stops at its message cap", async () => {
    const pairs = await relay.openPairs(1, "cap");
    const r = await new LoadGenerator(relay, pairs).run({ rate: 1_000, durationMs: 5_000, maxMessages: 25, drainMs: 1_000, tag: "t3-" });
    await closeAll([pairs[0]!.visitor, pairs[0]!.agent]);
    expect(r.sent).toBe(25);
    expect(r.wallMs).toBeLessThan(3_000);
  });
});
