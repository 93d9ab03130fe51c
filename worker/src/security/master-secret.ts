// Refuses to run with a missing or trivially short PARLEY_SECRET: it signs visitor tokens and seals
// every stored secret, so a deployment without a real one must fail loudly, not run insecurely.

import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors.ts";

/** Shortest master secret accepted (characters); `wrangler secret put` a random 32-byte value. */
export const MIN_SECRET_LENGTH = 16;

/** True when the master secret is present and long enough to be a real one. */
export function masterSecretUsable(secret: unknown): boolean {
  return typeof secret === "string" && secret.length >= MIN_SECRET_LENGTH;
}

/** 500 `misconfigured` (and a log line that names the problem, never the value) without a usable secret. */
export function requireMasterSecret(): MiddlewareHandler<AppEnv> {
  return async function requireMasterSecretMiddleware(c, next) {
    if (!masterSecretUsable(c.env.PARLEY_SECRET)) {
      console.error(`PARLEY_SECRET is missing or shorter than ${MIN_SECRET_LENGTH} characters: run \`wrangler secret put PARLEY_SECRET\`.`);
      throw new AppError(500, "misconfigured", "This Parley installation is not configured yet.");
    }
    await next();
  };
}
