// The object's schedule table (its SQLite): every pending deadline by kind, and the one alarm that
// multiplexes them, always armed at the earliest. Alarms and stored deadlines survive hibernation
// and restarts; the alarm handler recomputes what is due, so a stale row can never fire twice.

import type { Deadline, TimerKind } from "./deadlines.ts";

/** Kinds the schedule holds besides the conversation's own deadlines. */
export type ScheduleKind = TimerKind | "index-retry";

export class Schedule {
  private readonly sql: SqlStorage;
  private readonly storage: DurableObjectStorage;
  /** The alarm time as last set (undefined: not read yet since the object woke). */
  private armed: number | null | undefined;

  constructor(storage: DurableObjectStorage) {
    this.storage = storage;
    this.sql = storage.sql;
    this.sql.exec("CREATE TABLE IF NOT EXISTS schedule (kind TEXT PRIMARY KEY, due INTEGER NOT NULL)");
  }

  /** Replaces the conversation's deadlines (the index retry entry is kept). */
  replaceTimers(list: Deadline[]): void {
    this.sql.exec("DELETE FROM schedule WHERE kind != 'index-retry'");
    for (const d of list) this.set(d.kind, d.at);
  }

  set(kind: ScheduleKind, due: number): void {
    this.sql.exec("INSERT INTO schedule (kind, due) VALUES (?, ?) ON CONFLICT (kind) DO UPDATE SET due = excluded.due", kind, due);
  }

  get(kind: ScheduleKind): number | null {
    return this.sql.exec<{ due: number }>("SELECT due FROM schedule WHERE kind = ?", kind).toArray()[0]?.due ?? null;
  }

  delete(kind: ScheduleKind): void {
    this.sql.exec("DELETE FROM schedule WHERE kind = ?", kind);
  }

  /** Every entry, earliest first. */
  list(): { kind: ScheduleKind; due: number }[] {
    return this.sql.exec<{ kind: ScheduleKind; due: number }>("SELECT kind, due FROM schedule ORDER BY due, kind").toArray();
  }

  /** Points the alarm at the earliest entry (or clears it). Writes only when the time changes. */
  async rearm(): Promise<void> {
    const earliest = this.sql.exec<{ due: number | null }>("SELECT MIN(due) AS due FROM schedule").one().due ?? null;
    if (this.armed === undefined) this.armed = await this.storage.getAlarm();
    if (earliest === this.armed) return;
    if (earliest === null) await this.storage.deleteAlarm();
    else await this.storage.setAlarm(earliest);
    this.armed = earliest;
  }

  /** The alarm fired: it is no longer set. */
  fired(): void {
    this.armed = null;
  }
}
