// Counters of failed sign-ins per key (an email, an IP address) in fixed windows, for rate limiting.

export interface LimitState {
  failures: number;
  /** When the current window ends (ms since epoch). */
  resetsAt: number;
}

/** The failures counted for each key in its current window (keys without one count 0). */
export async function readFailures(db: D1Database, keys: string[], windowMs: number, now = Date.now()): Promise<Map<string, LimitState>> {
  const out = new Map<string, LimitState>();
  if (!keys.length) return out;
  const { results } = await db
    .prepare(`SELECT key, window_start, failures FROM login_attempts WHERE key IN (${keys.map(() => "?").join(", ")})`)
    .bind(...keys)
    .all<{ key: string; window_start: number; failures: number }>();
  for (const r of results) if (r.window_start + windowMs > now) out.set(r.key, { failures: r.failures, resetsAt: r.window_start + windowMs });
  return out;
}

/** Counts one failure for each key, starting a new window where the old one has ended. */
export async function recordFailure(db: D1Database, keys: string[], windowMs: number, now = Date.now()): Promise<void> {
  if (!keys.length) return;
  await db.batch(
    keys.map((k) =>
      db
        .prepare(
          `INSERT INTO login_attempts (key, window_start, failures) VALUES (?, ?, 1)
           ON CONFLICT (key) DO UPDATE SET
             failures = CASE WHEN login_attempts.window_start + ? <= excluded.window_start THEN 1 ELSE login_attempts.failures + 1 END,
             window_start = CASE WHEN login_attempts.window_start + ? <= excluded.window_start THEN excluded.window_start ELSE login_attempts.window_start END`,
        )
        .bind(k, now, windowMs, windowMs),
    ),
  );
}

/** Forgets the failures of a key (after a successful sign-in for that email). */
export async function clearFailures(db: D1Database, key: string): Promise<void> {
  await db.prepare("DELETE FROM login_attempts WHERE key = ?").bind(key).run();
}
