// Types of the worker's environment: bindings from wrangler.toml plus secrets, and Hono variables.

import type { SessionUser } from "./db/users.ts";

declare global {
  interface Env {
    /** Master secret: signs visitor tokens and reply addresses. `wrangler secret put PARLEY_SECRET`. */
    PARLEY_SECRET: string;
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
