// Rate limiting for routes: asks the Rate limiter object of this site and client address, and turns
// a refusal into 429 with Retry-After (seconds) and `retryAfter` in the body.

import type { Context } from "hono";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import { clientAddress } from "./address.ts";
import { rateScale, type RateAction } from "./limits.ts";
import type { RateLimiterDO, RateVerdict } from "./rate-limiter-do.ts";

/** The Rate limiter object for one site and one client address. */
export function rateLimiterStub(env: Env, siteId: string, address: string) {
  const ns = env.RATE_LIMITER as DurableObjectNamespace<RateLimiterDO>;
  return ns.get(ns.idFromName(`${siteId}|${address}`));
}

/** The 429 a refused request gets. */
export function rateLimited(retryAfter: number, scope: "visitor" | "address"): AppError {
  return new AppError(429, "rate_limited", `Too many requests. Please wait ${retryAfter} s and try again.`, {
    headers: { "Retry-After": String(retryAfter) },
    extra: { retryAfter, scope },
  });
}

/**
 * Counts one `action` by this client address on `siteId` (and by `visitorId`, when known); throws
 * 429 when over the limit. Limits are off with PARLEY_RATE_LIMITS=off. If the limiter cannot be
 * reached the request is served: an outage of the limiter must not take the chat down with it.
 */
export async function rateLimit(c: Context<AppEnv>, siteId: string, action: RateAction, visitorId: string | null = null): Promise<void> {
  const scale = rateScale(c.env.PARLEY_RATE_LIMITS);
  if (scale === null) return;
  const address = clientAddress(c.req.header("cf-connecting-ip"));
  let verdict: RateVerdict;
  try {
    verdict = await rateLimiterStub(c.env, siteId, address).take(action, visitorId, scale);
  } catch (e) {
    console.error("rate limiter unavailable; serving the request", action, e instanceof Error ? e.message : e);
    return;
  }
  if (!verdict.ok) throw rateLimited(verdict.retryAfter, verdict.scope);
}
