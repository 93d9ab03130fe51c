import { describe, expect, it } from "vitest";
import { decideFair, refill, take, waitMs, type FairRates, type FairState } from "./buckets.ts";

const rates: FairRates = { address: { burst: 10, perMinute: 60 }, visitor: { burst: 4, perMinute: 6 }, ceilingFactor: 2 };

function run(s: FairState, n: number, now: number) {
  const out: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const d = decideFair(s, rates, now);
    s = d.state;
    out.push(d.ok);
  }
  return { s, out };
}

describe("token buckets", () => {
  it("refill with time up to the burst and say how long until the next token", () => {
    let b = take(undefined, { burst: 2, perMinute: 60 }, 0).bucket;
    b = take(b, { burst: 2, perMinute: 60 }, 0).bucket;
    const refused = take(b, { burst: 2, perMinute: 60 }, 0);
    expect(refused.ok).toBe(false);
    expect(refused.waitMs).toBe(1000);
    expect(take(b, { burst: 2, perMinute: 60 }, 1000).ok).toBe(true);
    expect(refill(b, { burst: 2, perMinute: 60 }, 60_000).tokens).toBe(2);
    expect(waitMs({ tokens: 0.5, at: 0 }, { burst: 2, perMinute: 60 })).toBe(500);
  });
});

describe("fair share", () => {
  it("limits each visitor to its own rate", () => {
    const { out } = run({ address: undefined, ceiling: undefined, visitor: undefined }, 6, 0);
    expect(out).toEqual([true, true, true, true, false, false]);
  });

  it("serves light visitors past the address's rate, up to the ceiling, and refuses heavy ones", () => {
    // Heavy: three visitors use 3 of their 4 each, then a fourth drains the address (10).
    let s: FairState = { address: undefined, ceiling: undefined };
    const heavy: FairState[] = [];
    for (let v = 0; v < 3; v++) {
      const r = run({ ...s, visitor: undefined }, 3, 0);
      s = r.s;
      heavy.push(r.s);
    }
    let d = decideFair({ ...s, visitor: undefined }, rates, 0);
    expect(d.ok).toBe(true); // the 10th request of the address
    s = d.state;
    d = decideFair({ ...s, visitor: heavy[0]!.visitor }, rates, 0);
    expect(d).toMatchObject({ ok: false, scope: "address" }); // 1 token left < half of 4
    // A fresh (light) visitor is still served, from the ceiling (2 × 10 = 20 in all).
    let served = 0;
    for (let v = 0; v < 10; v++) {
      const r = decideFair({ address: s.address, ceiling: s.ceiling, visitor: undefined }, rates, 0);
      if (r.ok) {
        served++;
        expect(r.fairShare).toBe(true);
        s = r.state;
      }
    }
    expect(served).toBe(10);
    // Past the ceiling nobody is served until time passes.
    expect(decideFair({ address: s.address, ceiling: s.ceiling, visitor: undefined }, rates, 0)).toMatchObject({ ok: false, scope: "address" });
    expect(decideFair({ address: s.address, ceiling: s.ceiling, visitor: undefined }, rates, 2000).ok).toBe(true);
  });
});
