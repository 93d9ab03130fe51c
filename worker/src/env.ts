// Types of the worker's environment: bindings from wrangler.toml plus secrets, and Hono variables.

import type { SessionUser } from "./db/users.ts";

/** Secrets: not in wrangler.toml, so `wrangler types` only knows them when a .dev.vars exists. */
interface Secrets {
  /** Master secret: signs visitor tokens and reply addresses. `wrangler secret put PARLEY_SECRET`. */
  PARLEY_SECRET: string;
}

/** Optional settings (`[vars]` or `--var`) that wrangler.toml leaves out by default. */
interface OptionalVars {
  /** Scales every rate limit ("2" doubles them); "off" turns them off (load tests). Default 1. */
  PARLEY_RATE_LIMITS?: string;
}

declare global {
  // The global Env (handlers, Durable Objects) and Cloudflare.Env (`import { env } from "cloudflare:workers"`).
  interface Env extends Secrets, OptionalVars {}
  namespace Cloudflare {
    interface Env extends Secrets, OptionalVars {}
  }
}

/** The Hono environment used by every route. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    user: SessionUser;
    /** How the caller authenticated: a session cookie (CSRF-checked) or a bearer token. */
    authKind: "session" | "token";
    /** The session's id (hash of the cookie value), for session-authenticated requests. */
    sessionId?: string;
    /** The API token's id, for token-authenticated requests. */
    tokenId?: string;
  };
}
