// Rate limits on a conversation's visitor sockets: every frame per socket (typing, seen, sends) and
// new messages per conversation (all the visitor's tabs together). In memory: an object that
// hibernated has been quiet for a while, so starting its buckets full again is right.

import { take, retryAfterSeconds, scaled, type Bucket } from "../ratelimit/buckets.ts";
import { MAX_REFUSED_FRAMES, SOCKET_FRAME_RATE, VISITOR_SEND_RATE } from "../ratelimit/limits.ts";

export type LimitVerdict = { ok: true } | { ok: false; retryAfter: number; close: boolean };

export class SocketLimits {
  private sends: Bucket | undefined;
  private readonly frames = new WeakMap<WebSocket, { bucket: Bucket | undefined; refused: number }>();
  private readonly scale: number | null;

  /** `scale` from PARLEY_RATE_LIMITS; null turns the limits off. */
  constructor(scale: number | null) {
    this.scale = scale;
  }

  /** One frame on a visitor socket. `close` when the socket keeps going far past its rate. */
  frame(ws: WebSocket, now: number): LimitVerdict {
    if (this.scale === null) return { ok: true };
    const rate = scaled(SOCKET_FRAME_RATE, this.scale);
    const mine = this.frames.get(ws) ?? { bucket: undefined, refused: 0 };
    const r = take(mine.bucket, rate, now);
    mine.bucket = r.bucket;
    mine.refused = r.ok ? 0 : mine.refused + 1;
    this.frames.set(ws, mine);
    return r.ok ? { ok: true } : { ok: false, retryAfter: retryAfterSeconds(r.waitMs), close: mine.refused > MAX_REFUSED_FRAMES };
  }

  /** One new visitor message (a retry of a stored one is not new and is not counted). */
  send(now: number): LimitVerdict {
    if (this.scale === null) return { ok: true };
    const r = take(this.sends, scaled(VISITOR_SEND_RATE, this.scale), now);
    this.sends = r.bucket;
    return r.ok ? { ok: true } : { ok: false, retryAfter: retryAfterSeconds(r.waitMs), close: false };
  }
}
