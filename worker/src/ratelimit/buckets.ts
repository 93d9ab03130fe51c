// Token buckets and the fair-share decision behind every rate limit. Pure: state in, decision out,
// time injected, so the Rate limiter object and the Conversation object share it and tests need no sleep.

/** A rate: up to `burst` at once, refilled at `perMinute`. */
export interface Rate {
  burst: number;
  perMinute: number;
}

/** A bucket's state: tokens left (fractional) at time `at` (ms). */
export interface Bucket {
  tokens: number;
  at: number;
}

/** The bucket as it is at `now`: refilled for the time passed, never above `burst`. */
export function refill(b: Bucket | undefined, rate: Rate, now: number): Bucket {
  if (!b) return { tokens: rate.burst, at: now };
  const elapsed = Math.max(0, now - b.at);
  return { tokens: Math.min(rate.burst, b.tokens + (elapsed * rate.perMinute) / 60_000), at: Math.max(b.at, now) };
}

/** Milliseconds until the (refilled) bucket holds one whole token again; 0 when it does. */
export function waitMs(b: Bucket, rate: Rate): number {
  if (b.tokens >= 1) return 0;
  return rate.perMinute > 0 ? Math.ceil(((1 - b.tokens) * 60_000) / rate.perMinute) : 60_000;
}

/** Whole seconds for a `Retry-After` header (at least 1). */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** How long an unused bucket takes to be full again: after that it can be forgotten. */
export function fullAfterMs(rate: Rate): number {
  return rate.perMinute > 0 ? Math.ceil((rate.burst * 60_000) / rate.perMinute) : Number.POSITIVE_INFINITY;
}

/** A rate multiplied by `scale` (deployments and load tests tune every limit at once). */
export function scaled(rate: Rate, scale: number): Rate {
  return { burst: Math.max(1, Math.round(rate.burst * scale)), perMinute: rate.perMinute * scale };
}

/** Takes one token if there is one; returns the bucket after, and whether it was allowed. */
export function take(b: Bucket | undefined, rate: Rate, now: number): { ok: boolean; bucket: Bucket; waitMs: number } {
  const cur = refill(b, rate, now);
  if (cur.tokens >= 1) return { ok: true, bucket: { tokens: cur.tokens - 1, at: cur.at }, waitMs: 0 };
  return { ok: false, bucket: cur, waitMs: waitMs(cur, rate) };
}

/** The buckets one decision looks at. `visitor` is absent for requests without a visitor yet. */
export interface FairState {
  address: Bucket | undefined;
  ceiling: Bucket | undefined;
  visitor?: Bucket | undefined;
}

export interface FairRates {
  /** What one client address may do for one site. */
  address: Rate;
  /** What one visitor may do (absent: the action is limited per address only). */
  visitor?: Rate;
  /** Hard cap for the address, fair share or not: `address` × this factor. */
  ceilingFactor: number;
}

export type FairDecision =
  | { ok: true; state: FairState; fairShare: boolean }
  | { ok: false; state: FairState; scope: "visitor" | "address"; waitMs: number };

/**
 * One request. A visitor over its own rate is refused. While the address (one IP for one site) is
 * within its rate, everyone is served. Once it is over — a flood from somewhere behind that address
 * — a visitor that has used at most half of its own burst is still served (fair share: many real
 * people behind one office NAT or mobile carrier are not refused together), up to a hard ceiling of
 * `ceilingFactor` × the address's rate; heavier visitors and anything past the ceiling must wait.
 */
export function decideFair(s: FairState, r: FairRates, now: number): FairDecision {
  const ceilingRate = { burst: r.address.burst * r.ceilingFactor, perMinute: r.address.perMinute * r.ceilingFactor };
  const address = refill(s.address, r.address, now);
  const ceiling = refill(s.ceiling, ceilingRate, now);
  const visitor = r.visitor ? refill(s.visitor, r.visitor, now) : undefined;
  const state: FairState = { address, ceiling, ...(r.visitor ? { visitor } : {}) };
  if (visitor && r.visitor && visitor.tokens < 1) return { ok: false, state, scope: "visitor", waitMs: waitMs(visitor, r.visitor) };
  if (ceiling.tokens < 1) return { ok: false, state, scope: "address", waitMs: waitMs(ceiling, ceilingRate) };
  const spend = (b: Bucket): Bucket => ({ tokens: b.tokens - 1, at: b.at });
  if (address.tokens >= 1)
    return { ok: true, fairShare: false, state: { address: spend(address), ceiling: spend(ceiling), ...(visitor ? { visitor: spend(visitor) } : {}) } };
  if (visitor && r.visitor && visitor.tokens >= r.visitor.burst / 2)
    return { ok: true, fairShare: true, state: { address, ceiling: spend(ceiling), visitor: spend(visitor) } };
  return { ok: false, state, scope: "address", waitMs: waitMs(address, r.address) };
}
