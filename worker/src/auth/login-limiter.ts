// Login rate limiting: failed attempts are counted per email and per client IP in fixed windows;
// over the limit, sign-in is refused with 429 + Retry-After before any password is hashed.

import type { Context } from "hono";
import { clearFailures, readFailures, recordFailure } from "../db/login-limits.ts";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors.ts";

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Failed attempts allowed per email address per window. */
export const MAX_FAILURES_PER_EMAIL = 10;
/** Failed attempts allowed per client IP per window (several people may share one address). */
export const MAX_FAILURES_PER_IP = 50;

export interface LoginKeys {
  email: string;
  ip: string | null;
}

/** The keys an attempt counts against. Only Cloudflare's own header names the client; others are forgeable. */
export function loginKeys(c: Context<AppEnv>, email: string): LoginKeys {
  const ip = c.req.header("cf-connecting-ip");
  return { email: `email:${email.trim().toLowerCase()}`, ip: ip ? `ip:${ip.slice(0, 64)}` : null };
}

const list = (k: LoginKeys) => [k.email, ...(k.ip ? [k.ip] : [])];

/** Throws 429 (with Retry-After in seconds) when the email or the IP has failed too often lately. */
export async function assertLoginAllowed(db: D1Database, keys: LoginKeys, now = Date.now()): Promise<void> {
  const state = await readFailures(db, list(keys), LOGIN_WINDOW_MS, now);
  const over = [{ s: state.get(keys.email), max: MAX_FAILURES_PER_EMAIL }, ...(keys.ip ? [{ s: state.get(keys.ip), max: MAX_FAILURES_PER_IP }] : [])].filter(
    (x) => x.s && x.s.failures >= x.max,
  );
  if (!over.length) return;
  const resetsAt = Math.max(...over.map((x) => x.s!.resetsAt));
  const retryAfter = Math.max(1, Math.ceil((resetsAt - now) / 1000));
  throw new AppError(429, "rate_limited", `Too many failed sign-in attempts. Try again in ${Math.ceil(retryAfter / 60)} minutes.`, {
    headers: { "Retry-After": String(retryAfter) },
  });
}

export async function loginFailed(db: D1Database, keys: LoginKeys, now = Date.now()): Promise<void> {
  await recordFailure(db, list(keys), LOGIN_WINDOW_MS, now);
}

/** A successful sign-in forgets the email's failures (the IP's stay: one success must not reset a flood). */
export async function loginSucceeded(db: D1Database, keys: LoginKeys): Promise<void> {
  await clearFailures(db, keys.email);
}
