// The rate limits of the widget's routes and the visitor's socket, in one table. Numbers are per site:
// "address" is one client IP (CF-Connecting-IP) on one site, "visitor" one visitor token.
// PARLEY_RATE_LIMITS scales them all ("2" doubles, "off" turns them off, e.g. for load tests).

import { scaled, type Rate } from "./buckets.ts";

/** What a widget request does, for rate limiting. */
export const RATE_ACTIONS = ["config", "newVisitor", "session", "conversation", "connect", "upload", "profile", "form", "poll"] as const;
export type RateAction = (typeof RATE_ACTIONS)[number];

/**
 * Per action: the visitor's own rate (absent where there is no visitor yet) and the address's.
 * An office or a mobile carrier puts many real visitors behind one address, so address rates are
 * generous and fair share (ratelimit/buckets.ts) keeps light visitors served when one floods.
 */
export const RATE_LIMITS: Record<RateAction, { visitor?: Rate; address: Rate }> = {
  /** Widget settings at every page view (the browser caches them for a minute). */
  config: { address: { burst: 300, perMinute: 300 } },
  /** A session without a valid token: a new visitor. Creating visitors is what a multi-token flood needs. */
  newVisitor: { address: { burst: 60, perMinute: 30 } },
  /** Renewing a session (every page load with a conversation, every reconnect). */
  session: { visitor: { burst: 30, perMinute: 20 }, address: { burst: 600, perMinute: 300 } },
  conversation: { visitor: { burst: 10, perMinute: 5 }, address: { burst: 200, perMinute: 100 } },
  /** Opening the conversation socket. */
  connect: { visitor: { burst: 30, perMinute: 20 }, address: { burst: 600, perMinute: 300 } },
  upload: { visitor: { burst: 10, perMinute: 10 }, address: { burst: 100, perMinute: 50 } },
  /** identify() and setAttributes(). */
  profile: { visitor: { burst: 20, perMinute: 10 }, address: { burst: 300, perMinute: 150 } },
  /** The offline form and the satisfaction survey. */
  form: { visitor: { burst: 10, perMinute: 5 }, address: { burst: 100, perMinute: 50 } },
  /** The queue-position poll (every 15 s while waiting). */
  poll: { visitor: { burst: 20, perMinute: 10 }, address: { burst: 1200, perMinute: 600 } },
};

/** The address may go past its rate (fair share for light visitors) up to this many times it. */
export const CEILING_FACTOR = 4;

/** Messages a visitor sends on the conversation socket: a burst (a pasted list, an outbox flush), then one a second. */
export const VISITOR_SEND_RATE: Rate = { burst: 20, perMinute: 60 };
/** Every frame on one visitor socket (typing, seen, sends): well above what the widget ever sends. */
export const SOCKET_FRAME_RATE: Rate = { burst: 60, perMinute: 600 };
/** A socket refused this many frames in a row is closed (1008): it is not a widget. */
export const MAX_REFUSED_FRAMES = 100;
/** Visitor sockets one conversation holds at once (tabs); more are refused. */
export const MAX_VISITOR_SOCKETS = 32;

/** The scale factor from PARLEY_RATE_LIMITS: null when limits are off; 1 by default. */
export function rateScale(setting: unknown): number | null {
  if (setting === undefined || setting === null || setting === "") return 1;
  if (setting === "off") return null;
  const n = Number(setting);
  return Number.isFinite(n) && n > 0 ? n : 1;
}

/** The rates of an action at a scale. */
export function ratesFor(action: RateAction, scale: number): { visitor?: Rate; address: Rate } {
  const r = RATE_LIMITS[action];
  return { address: scaled(r.address, scale), ...(r.visitor ? { visitor: scaled(r.visitor, scale) } : {}) };
}
