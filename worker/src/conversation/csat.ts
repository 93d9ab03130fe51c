// Satisfaction answers inside the Conversation Durable Object: at most one per resolution, kept in
// the object's own SQLite so "sent once" holds even when two tabs submit at the same moment.

import type { CsatResponse } from "../db/csat.ts";
import type { ConversationState } from "./lifecycle.ts";

export interface CsatInput {
  rating: number;
  comment: string | null;
}

export type CsatResult = { ok: true; response: CsatResponse; note: string } | { ok: false; code: string; message: string };

/** The object's record of which resolutions were rated. */
export class CsatLog {
  private readonly sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.sql = sql;
    sql.exec("CREATE TABLE IF NOT EXISTS csat_log (resolved_at INTEGER PRIMARY KEY, rating INTEGER NOT NULL, comment TEXT, created_at INTEGER NOT NULL)");
  }

  has(resolvedAt: number): boolean {
    return this.sql.exec("SELECT 1 FROM csat_log WHERE resolved_at = ?", resolvedAt).toArray().length > 0;
  }

  add(resolvedAt: number, input: CsatInput, now: number): void {
    this.sql.exec("INSERT INTO csat_log (resolved_at, rating, comment, created_at) VALUES (?, ?, ?, ?)", resolvedAt, input.rating, input.comment, now);
  }
}

/**
 * Decides whether a rating may be recorded now: the conversation must be resolved (or closed after a
 * resolution) and that resolution not rated yet. Records it in the log when it may.
 */
export function rateConversation(s: ConversationState | null, log: CsatLog, input: CsatInput, now: number): CsatResult {
  if (!s) return { ok: false, code: "not_found", message: "No such conversation." };
  if ((s.status !== "resolved" && s.status !== "closed") || s.resolvedAt === null)
    return { ok: false, code: "not_resolved", message: "A conversation can be rated once it is resolved." };
  if (log.has(s.resolvedAt)) return { ok: false, code: "already_rated", message: "You have already rated this conversation. Thank you!" };
  log.add(s.resolvedAt, input, now);
  return {
    ok: true,
    note: `Rated ${input.rating}/5${input.comment ? `: “${input.comment}”` : ""}`,
    response: {
      conversationId: s.id,
      resolvedAt: s.resolvedAt,
      siteId: s.siteId,
      contactId: s.contactId,
      agentId: s.assignee?.id ?? null,
      team: s.team,
      channel: s.channel,
      rating: input.rating,
      comment: input.comment,
      createdAt: now,
    },
  };
}
