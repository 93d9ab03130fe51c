// The Rate limiter Durable Object: one per site and client address (`<site>|<ip>`), so its counters
// are exact and no shared object becomes a hot spot. Buckets live in memory only: an evicted object
// starts full again, which only ever errs on the side of serving people.

import { DurableObject } from "cloudflare:workers";
import { decideFair, fullAfterMs, retryAfterSeconds, type Bucket } from "./buckets.ts";
import { CEILING_FACTOR, RATE_ACTIONS, ratesFor, type RateAction } from "./limits.ts";

/** The answer to one request: go on, or wait `retryAfter` seconds (and whose rate it was). */
export type RateVerdict = { ok: true } | { ok: false; retryAfter: number; scope: "visitor" | "address" };

/** Visitor buckets kept per address before the oldest are forgotten (memory bound). */
const MAX_VISITORS = 20_000;

export class RateLimiterDO extends DurableObject<Env> {
  private readonly address = new Map<RateAction, Bucket>();
  private readonly ceiling = new Map<RateAction, Bucket>();
  /** `<action>|<visitor id>` → bucket, oldest first (a Map keeps insertion order). */
  private readonly visitors = new Map<string, Bucket>();
  private offsetMs = 0;

  private now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Counts one request of `action` (by `visitorId`, when there is one) at the given scale. */
  async take(action: RateAction, visitorId: string | null, scale: number): Promise<RateVerdict> {
    if (!(RATE_ACTIONS as readonly string[]).includes(action)) return { ok: true };
    const now = this.now();
    const rates = ratesFor(action, scale);
    const key = visitorId && rates.visitor ? `${action}|${visitorId.slice(0, 64)}` : null;
    const d = decideFair(
      { address: this.address.get(action), ceiling: this.ceiling.get(action), ...(key ? { visitor: this.visitors.get(key) } : {}) },
      { address: rates.address, ceilingFactor: CEILING_FACTOR, ...(key ? { visitor: rates.visitor } : {}) },
      now,
    );
    this.address.set(action, d.state.address!);
    this.ceiling.set(action, d.state.ceiling!);
    if (key && d.state.visitor) {
      this.visitors.delete(key); // re-insert: most recently used last
      this.visitors.set(key, d.state.visitor);
      if (this.visitors.size > MAX_VISITORS) this.prune(now, scale);
    }
    return d.ok ? { ok: true } : { ok: false, retryAfter: retryAfterSeconds(d.waitMs), scope: d.scope };
  }

  /** Tests only (PARLEY_TEST_CLOCK=1): moves this object's clock forward. */
  async advanceClockForTests(ms: number): Promise<void> {
    if (this.env.PARLEY_TEST_CLOCK === "1") this.offsetMs += ms;
  }

  /** Forgets visitor buckets that are full again (they hold no information), then the oldest. */
  private prune(now: number, scale: number): void {
    for (const [key, b] of this.visitors) {
      const rate = ratesFor(key.slice(0, key.indexOf("|")) as RateAction, scale).visitor;
      if (!rate || now - b.at >= fullAfterMs(rate)) this.visitors.delete(key);
    }
    for (const key of this.visitors.keys()) {
      if (this.visitors.size <= MAX_VISITORS * 0.9) break;
      this.visitors.delete(key);
    }
  }
}
