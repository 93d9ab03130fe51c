// Types of the worker's environment: bindings from wrangler.toml plus secrets, and Hono variables.

import type { SessionUser } from "./db/users.ts";

/** Secrets: not in wrangler.toml, so `wrangler types` only knows them when a .dev.vars exists. */
interface Secrets {
  /** Master secret: signs visitor tokens and reply addresses. `wrangler secret put PARLEY_SECRET`. */
  PARLEY_SECRET: string;
}

declare global {
  // The global Env (handlers, Durable Objects) and Cloudflare.Env (`import { env } from "cloudflare:workers"`).
  interface Env extends Secrets {}
  namespace Cloudflare {
    interface Env extends Secrets {}
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
