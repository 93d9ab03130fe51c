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
  /** The table as this object last wrote it (read once per wake): most changes leave it as it was. */
  private rows: Map<ScheduleKind, number> | undefined;
  /** The conversation's deadlines as last replaced, to skip rewriting an unchanged list. */
  private timersKey: string | undefined;

  constructor(storage: DurableObjectStorage) {
    this.storage = storage;
    this.sql = storage.sql;
    this.sql.exec("CREATE TABLE IF NOT EXISTS schedule (kind TEXT PRIMARY KEY, due INTEGER NOT NULL)");
  }

  private table(): Map<ScheduleKind, number> {
    if (!this.rows) {
      this.rows = new Map();
      for (const r of this.sql.exec<{ kind: ScheduleKind; due: number }>("SELECT kind, due FROM schedule")) this.rows.set(r.kind, r.due);
    }
    return this.rows;
  }

  /** Replaces the conversation's deadlines (the index retry entry is kept). Writes only when they changed. */
  replaceTimers(list: Deadline[]): void {
    const key = JSON.stringify(list);
    if (key === this.timersKey) return;
    const rows = this.table();
    for (const kind of [...rows.keys()]) if (kind !== "index-retry" && !list.some((d) => d.kind === kind)) this.remove(kind);
    for (const d of list) this.write(d.kind, d.at);
    this.timersKey = key;
  }

  set(kind: ScheduleKind, due: number): void {
    if (kind !== "index-retry") this.timersKey = undefined;
    this.write(kind, due);
  }

  delete(kind: ScheduleKind): void {
    if (kind !== "index-retry") this.timersKey = undefined;
    this.remove(kind);
  }

  private write(kind: ScheduleKind, due: number): void {
    const rows = this.table();
    if (rows.get(kind) === due) return;
    this.sql.exec("INSERT INTO schedule (kind, due) VALUES (?, ?) ON CONFLICT (kind) DO UPDATE SET due = excluded.due", kind, due);
    rows.set(kind, due);
  }

  get(kind: ScheduleKind): number | null {
    return this.table().get(kind) ?? null;
  }

  private remove(kind: ScheduleKind): void {
    const rows = this.table();
    if (!rows.has(kind)) return;
    this.sql.exec("DELETE FROM schedule WHERE kind = ?", kind);
    rows.delete(kind);
  }

  /** Every entry, earliest first. */
  list(): { kind: ScheduleKind; due: number }[] {
    return [...this.table()].map(([kind, due]) => ({ kind, due })).sort((a, b) => a.due - b.due || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  }

  /** Points the alarm at the earliest entry (or clears it). Writes only when the time changes. */
  async rearm(): Promise<void> {
    let earliest: number | null = null;
    for (const due of this.table().values()) if (earliest === null || due < earliest) earliest = due;
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
