// The live WebSocket between an agent console and its site's Inbox Durable Object.

import type { SlaAlert } from "./sla.ts";
import type { ConversationSummary } from "./types.ts";

export type PresenceStatus = "online" | "away" | "offline";

export interface AgentPresence {
  id: string;
  name: string;
  status: PresenceStatus;
}

/** Frames the Inbox sends to consoles. Unknown `t` values must be ignored by consoles. */
export type ConsoleServerFrame =
  | { t: "welcome"; agents: AgentPresence[]; queue: ConversationSummary[] }
  | { t: "conversation"; conversation: ConversationSummary }
  | { t: "presence"; agents: AgentPresence[] }
  /** An SLA warning (target about to be missed) or breach (priority raised), for the whole team. */
  | { t: "sla"; alert: SlaAlert }
  | { t: "error"; code: string; message: string };

/** Frames a console sends. */
export type ConsoleClientFrame = { t: "presence"; status: "online" | "away" };

/** Total parser for console → Inbox frames; anything unexpected is null. */
export function parseConsoleFrame(raw: unknown): ConsoleClientFrame | null {
  if (typeof raw !== "string" || raw.length > 1024) return null;
  try {
    const v = JSON.parse(raw) as unknown;
    if (typeof v === "object" && v !== null && (v as { t?: unknown }).t === "presence") {
      const status = (v as { status?: unknown }).status;
      if (status === "online" || status === "away") return { t: "presence", status };
    }
  } catch {
    // fall through
  }
  return null;
}
