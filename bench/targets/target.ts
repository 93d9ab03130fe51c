// What the load generator needs from a server under test: set up chats (one visitor and one agent
// socket each), idle visitor connections, recognise a relayed chat message, and name its processes.

import type WebSocket from "ws";
import { CLIENT_FRAME } from "../../protocol/src/frames.ts";
import type { ServerProcess } from "../lib/proc.ts";

export type Side = "visitor" | "agent";

/** One conversation's two ends. */
export interface ChatPair {
  visitor: WebSocket;
  agent: WebSocket;
}

export interface Target {
  readonly key: "parley" | "doRelay" | "nodeRelay";
  readonly label: string;
  start(): Promise<void>;
  /** Opens `n` conversations, each with one visitor and one agent socket, ready to relay messages. */
  openPairs(n: number, tag: string): Promise<ChatPair[]>;
  /** Opens `n` visitor connections that then stay idle (as a widget does on an open page). */
  openIdle(n: number, tag: string): Promise<WebSocket[]>;
  /** The client id of a chat message that reached `side` from the other side, or null for any other frame. */
  relayedId(side: Side, text: string): string | null;
  /** The code of an error frame the server sent, if `text` is one. */
  errorCode?(text: string): string | null;
  /** The server's processes with their roles, for CPU and memory readings. */
  processes(): ServerProcess[];
  stop(): Promise<void>;
  /** Kills the server's processes at once (synchronous; for a benchmark that is exiting abnormally). */
  kill(): void;
}

/** The frame every target is sent: Parley's own `send` frame; the relays pass it through untouched. */
export function chatFrame(clientId: string, text: string): string {
  return JSON.stringify({ t: CLIENT_FRAME.send, clientId, text });
}
