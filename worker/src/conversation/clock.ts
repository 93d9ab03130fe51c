// The Conversation object's clock. In production it is Date.now(); with PARLEY_TEST_CLOCK=1 (tests
// only) it can be moved forward, so SLA, inactivity and follow-up timers are tested without sleeping.

declare global {
  interface Env {
    /** "1" only in the workerd test configuration: allows moving a conversation's clock forward. */
    PARLEY_TEST_CLOCK?: string;
  }
}

export class Clock {
  private readonly sql: SqlStorage;
  private readonly enabled: boolean;
  private offset: number | undefined;

  constructor(sql: SqlStorage, testClock: boolean) {
    this.sql = sql;
    this.enabled = testClock;
  }

  now(): number {
    if (!this.enabled) return Date.now();
    if (this.offset === undefined) {
      this.sql.exec("CREATE TABLE IF NOT EXISTS test_clock (id INTEGER PRIMARY KEY CHECK (id = 1), offset_ms INTEGER NOT NULL)");
      this.offset = this.sql.exec<{ offset_ms: number }>("SELECT offset_ms FROM test_clock").toArray()[0]?.offset_ms ?? 0;
    }
    return Date.now() + this.offset;
  }

  /** Moves the clock forward (tests only); returns the new time. */
  advance(ms: number): number {
    if (!this.enabled) throw new Error("The test clock is not enabled.");
    this.now();
    this.offset = (this.offset ?? 0) + Math.max(0, ms);
    this.sql.exec("INSERT INTO test_clock (id, offset_ms) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET offset_ms = excluded.offset_ms", this.offset);
    return this.now();
  }
}
