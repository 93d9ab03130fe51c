// One webhook attempt: the payload signed the Standard Webhooks way (`webhook-id`,
// `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256>` via the standardwebhooks package)
// and POSTed with a time limit; redirects are not followed. The retry schedule lives here too.

import { Webhook } from "standardwebhooks";

/** Retries run for this long after an event; then the delivery is marked failed. */
export const RETRY_WINDOW_MS = 24 * 3600_000;
const FIRST_RETRY_MS = 30_000;
const TIMEOUT_MS = 15_000;

export interface AttemptOutcome {
  ok: boolean;
  status: number | null;
  error: string | null;
  durationMs: number;
}

/**
 * When to try again after the n-th failed attempt (n ≥ 1): 30 s, 2 min, 8 min, 32 min, 2 h 8 min,
 * 8 h 32 min (×4 each time), then once more at 24 h after the event; null = give up.
 */
export function nextAttemptAt(createdAt: number, attempts: number, lastAt: number): number | null {
  const deadline = createdAt + RETRY_WINDOW_MS;
  if (lastAt >= deadline) return null;
  return Math.min(lastAt + FIRST_RETRY_MS * 4 ** Math.max(0, attempts - 1), deadline);
}

/** The Standard Webhooks headers for a payload. */
export function signedHeaders(secret: string, id: string, payload: string, at: Date): Record<string, string> {
  return {
    "content-type": "application/json",
    "user-agent": "Parley-Webhooks/1",
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(id, at, payload),
  };
}

/** POSTs one signed payload; any 2xx is success. Never throws. */
export async function postSigned(url: string, secret: string, id: string, payload: string): Promise<AttemptOutcome> {
  const started = Date.now();
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: signedHeaders(secret, id, payload, new Date()),
      body: payload,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await res.body?.cancel().catch(() => undefined);
    const ok = res.status >= 200 && res.status < 300;
    return { ok, status: res.status, error: ok ? null : `HTTP ${res.status}`, durationMs: Date.now() - started };
  } catch (e) {
    const timeout = e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError");
    return {
      ok: false,
      status: null,
      error: timeout ? `no answer within ${TIMEOUT_MS / 1000} s` : `could not connect (${e instanceof Error ? e.message : "error"})`,
      durationMs: Date.now() - started,
    };
  }
}
