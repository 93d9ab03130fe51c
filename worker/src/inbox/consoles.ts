// The Inbox's console sockets (Hibernation API): who is connected (the socket attachment holds only the
// agent's id and name), presence as consoles see it, and sending that never lets one dead socket stop
// the others. Tags: `console` for every console, `agent:<id>` for one agent's tabs.

import type { AgentPresence, ConsoleServerFrame, PresenceStatus } from "../../../protocol/src/console-frames.ts";
import type { ConversationSummary } from "../../../protocol/src/types.ts";
import type { Roster } from "./assign.ts";

/** What a console socket carries through hibernation. */
export interface ConsoleInfo {
  agentId: string;
  name: string;
}

/** Conversations per `snapshot` frame (a frame stays well under the WebSocket message limits). */
export const SNAPSHOT_BATCH = 200;

export const agentTag = (id: string) => `agent:${id}`;

export function sendFrame(ws: WebSocket, frame: ConsoleServerFrame): void {
  try {
    ws.send(JSON.stringify(frame));
  } catch {
    // a dead console socket must not stop the others; its close event cleans it up
  }
}

/** Sends to every console (or one agent's consoles), except `skip`. */
export function broadcast(ctx: DurableObjectState, frame: ConsoleServerFrame, opts: { agentId?: string; skip?: WebSocket } = {}): void {
  const text = JSON.stringify(frame);
  for (const ws of ctx.getWebSockets(opts.agentId ? agentTag(opts.agentId) : "console")) {
    if (ws === opts.skip) continue;
    try {
      ws.send(text);
    } catch {
      // see sendFrame
    }
  }
}

/** Agents with at least one console open (a socket that is closing does not count). */
export function connected(ctx: DurableObjectState, closing?: WebSocket): Map<string, string> {
  const out = new Map<string, string>();
  for (const ws of ctx.getWebSockets("console")) {
    if (ws === closing || ws.readyState === WebSocket.CLOSED || ws.readyState === WebSocket.CLOSING) continue;
    const info = ws.deserializeAttachment() as ConsoleInfo | null;
    if (info) out.set(info.agentId, info.name);
  }
  return out;
}

/** An agent's status: offline without a console, otherwise what they chose (online by default). */
export function statusOf(id: string, online: Map<string, string>, chosen: Map<string, PresenceStatus>): PresenceStatus {
  return online.has(id) ? (chosen.get(id) ?? "online") : "offline";
}

/**
 * Everyone on the roster with their status, load and capacity, plus anyone connected who is not on
 * it (yet): the roster is refreshed every 30 s.
 */
export function presenceList(
  roster: Roster | null,
  online: Map<string, string>,
  chosen: Map<string, PresenceStatus>,
  loads: Map<string, number>,
): AgentPresence[] {
  const out: AgentPresence[] = [];
  const seen = new Set<string>();
  for (const m of roster?.members ?? []) {
    seen.add(m.id);
    out.push({ id: m.id, name: m.name, status: statusOf(m.id, online, chosen), load: loads.get(m.id) ?? 0, capacity: m.capacity, teams: m.teams });
  }
  for (const [id, name] of online) if (!seen.has(id)) out.push({ id, name, status: statusOf(id, online, chosen), load: loads.get(id) ?? 0 });
  return out;
}

/** Sends the open conversations in `snapshot` frames (at least one, the last marked done). */
export function sendSnapshot(ws: WebSocket, conversations: ConversationSummary[]): void {
  for (let i = 0; i === 0 || i < conversations.length; i += SNAPSHOT_BATCH) {
    const part = conversations.slice(i, i + SNAPSHOT_BATCH);
    sendFrame(ws, { t: "snapshot", conversations: part, done: i + SNAPSHOT_BATCH >= conversations.length });
  }
}
