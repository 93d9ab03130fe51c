// What the Inbox remembers about agents in its SQLite (so it survives hibernation and restarts): the
// status each chose, their read marks, when each was last given a conversation, round-robin pointers.

import type { PresenceStatus } from "../../../protocol/src/console-frames.ts";

const SCHEMA = [
  "CREATE TABLE IF NOT EXISTS agent_status (agent_id TEXT PRIMARY KEY, status TEXT NOT NULL, updated_at INTEGER NOT NULL)",
  "CREATE TABLE IF NOT EXISTS reads (agent_id TEXT NOT NULL, conversation_id TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (agent_id, conversation_id))",
  "CREATE TABLE IF NOT EXISTS assigned_at (agent_id TEXT PRIMARY KEY, at INTEGER NOT NULL)",
  // Round robin: the last agent each pool (a team, or `_site`) gave a conversation to.
  "CREATE TABLE IF NOT EXISTS rr_pointer (pool TEXT PRIMARY KEY, agent_id TEXT NOT NULL)",
];

export class AgentState {
  private readonly sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.sql = sql;
    for (const s of SCHEMA) sql.exec(s);
  }

  /** Statuses agents chose; an agent who never chose is online while connected. */
  chosen(): Map<string, PresenceStatus> {
    const out = new Map<string, PresenceStatus>();
    for (const r of this.sql.exec<{ agent_id: string; status: PresenceStatus }>("SELECT agent_id, status FROM agent_status").toArray())
      out.set(r.agent_id, r.status);
    return out;
  }

  choose(agentId: string, status: PresenceStatus, now: number): void {
    this.sql.exec(
      "INSERT INTO agent_status (agent_id, status, updated_at) VALUES (?, ?, ?) ON CONFLICT (agent_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at",
      agentId,
      status,
      now,
    );
  }

  /** The agent's read marks for the given conversations (conversation id → read up to). */
  reads(agentId: string, open: Set<string>): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.sql.exec<{ c: string; at: number }>("SELECT conversation_id AS c, at FROM reads WHERE agent_id = ?", agentId).toArray())
      if (open.has(r.c)) out[r.c] = r.at;
    return out;
  }

  /** Records a read mark (never moves one back); returns whether it changed. */
  read(agentId: string, conversationId: string, at: number): boolean {
    const before = this.sql.exec<{ at: number }>("SELECT at FROM reads WHERE agent_id = ? AND conversation_id = ?", agentId, conversationId).toArray()[0];
    if (before && before.at >= at) return false;
    this.sql.exec(
      "INSERT INTO reads (agent_id, conversation_id, at) VALUES (?, ?, ?) ON CONFLICT (agent_id, conversation_id) DO UPDATE SET at = excluded.at",
      agentId,
      conversationId,
      at,
    );
    return true;
  }

  /** Drops the read marks of a conversation that is no longer open. */
  forget(conversationId: string): void {
    this.sql.exec("DELETE FROM reads WHERE conversation_id = ?", conversationId);
  }

  lastAssigned(): Map<string, number> {
    const out = new Map<string, number>();
    for (const r of this.sql.exec<{ agent_id: string; at: number }>("SELECT agent_id, at FROM assigned_at").toArray()) out.set(r.agent_id, r.at);
    return out;
  }

  pointers(): Map<string, string> {
    const out = new Map<string, string>();
    for (const r of this.sql.exec<{ pool: string; agent_id: string }>("SELECT pool, agent_id FROM rr_pointer").toArray()) out.set(r.pool, r.agent_id);
    return out;
  }

  /** Remembers an auto-assignment: the agent's time, and the pool's round-robin pointer. */
  assigned(pool: string, agentId: string, now: number): void {
    this.sql.exec("INSERT INTO assigned_at (agent_id, at) VALUES (?, ?) ON CONFLICT (agent_id) DO UPDATE SET at = excluded.at", agentId, now);
    this.sql.exec("INSERT INTO rr_pointer (pool, agent_id) VALUES (?, ?) ON CONFLICT (pool) DO UPDATE SET agent_id = excluded.agent_id", pool, agentId);
  }
}
