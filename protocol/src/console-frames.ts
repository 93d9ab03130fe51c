// The live WebSocket between an agent console and its site's Inbox Durable Object: presence, the
// open conversations (snapshot, then changes), read marks, SLA alerts.

import type { SlaAlert } from "./sla.ts";
import type { ConversationSummary } from "./types.ts";

export type PresenceStatus = "online" | "away" | "offline";

/** What an agent may choose; `offline` while connected means "appear offline, take nothing". */
export const CHOSEN_STATUSES = ["online", "away", "offline"] as const;

export interface AgentPresence {
  id: string;
  name: string;
  /** Offline without a console open; otherwise the status the agent chose (default online). */
  status: PresenceStatus;
  /** Conversations the agent has in progress (assigned or pending). */
  load?: number;
  /** How many conversations auto-assignment gives the agent at once (0 = none). */
  capacity?: number;
  /** Teams the agent belongs to. */
  teams?: string[];
}

/** A team as the console shows it (its auto-assignment strategy; null = the site's). */
export interface TeamInfo {
  id: string;
  name: string;
  assignment: "round_robin" | "least_busy" | "manual" | null;
}

/** Frames the Inbox sends to consoles. Unknown `t` values must be ignored by consoles. */
export type ConsoleServerFrame =
  /**
   * First frame after connecting: who is around, the queue order (ids), the teams, and this agent's
   * read marks (conversation id → time read). The open conversations follow in `snapshot` frames.
   */
  | {
      t: "welcome";
      me: string;
      agents: AgentPresence[];
      queue: string[];
      teams: TeamInfo[];
      assignment: "round_robin" | "least_busy" | "manual";
      reads: Record<string, number>;
      total: number;
    }
  /** Part of the open conversations; the last part has `done: true` (then the console has them all). */
  | { t: "snapshot"; conversations: ConversationSummary[]; done: boolean }
  | { t: "conversation"; conversation: ConversationSummary }
  /** Everyone's presence (after a settings change); `agents` below carries single changes. */
  | { t: "presence"; agents: AgentPresence[] }
  /** Some agents changed (status, load): replace those entries, keep the others. */
  | { t: "agents"; agents: AgentPresence[] }
  /** This agent read a conversation up to `at` (sent to the agent's other consoles). */
  | { t: "read"; conversationId: string; at: number }
  /** An SLA warning (target about to be missed) or breach (priority raised), for the whole team. */
  | { t: "sla"; alert: SlaAlert }
  | { t: "error"; code: string; message: string };

/** Frames a console sends. */
export type ConsoleClientFrame = { t: "presence"; status: PresenceStatus } | { t: "read"; conversationId: string; at: number };

/** Largest console frame the Inbox reads. */
export const MAX_CONSOLE_FRAME = 1024;

/** Total parser for console → Inbox frames; anything unexpected is null. */
export function parseConsoleFrame(raw: unknown): ConsoleClientFrame | null {
  if (typeof raw !== "string" || raw.length > MAX_CONSOLE_FRAME) return null;
  let v: unknown;
  try {
    v = JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
  if (typeof v !== "object" || v === null) return null;
  const f = v as Record<string, unknown>;
  if (f.t === "presence" && (CHOSEN_STATUSES as readonly unknown[]).includes(f.status)) return { t: "presence", status: f.status as PresenceStatus };
  if (f.t === "read" && typeof f.conversationId === "string" && /^[\w-]{1,64}$/.test(f.conversationId) && Number.isSafeInteger(f.at) && (f.at as number) > 0)
    return { t: "read", conversationId: f.conversationId, at: f.at as number };
  return null;
}
