// The Conversation object's sockets (Hibernation API): per-socket data in the attachment, sending that
// never throws, fan-out by role tag, and the welcome that resumes a client exactly where it left off.

import { PROTOCOL_VERSION, WELCOME_BATCH, type ServerFrame } from "../../../protocol/src/frames.ts";
import type { ChatMessage, ConversationView } from "../../../protocol/src/types.ts";
import type { AgentRef } from "./lifecycle.ts";
import type { ConversationStore } from "./store.ts";

/** What a socket carries through hibernation (its attachment): ids only, it must stay small. */
export interface SocketInfo {
  role: "visitor" | "agent";
  agent?: AgentRef;
  ready: boolean;
}

/** Attachments already read since the object woke: deserializing one per socket per frame is costly. */
const infos = new WeakMap<WebSocket, SocketInfo | null>();

/** The socket's data (its attachment), read once per wake. */
export function socketInfo(ws: WebSocket): SocketInfo | null {
  let info = infos.get(ws);
  if (info === undefined) {
    info = ws.deserializeAttachment() as SocketInfo | null;
    infos.set(ws, info);
  }
  return info;
}

/** Stores the socket's data in its attachment (it survives hibernation) and in memory. */
export function setSocketInfo(ws: WebSocket, info: SocketInfo): void {
  ws.serializeAttachment(info);
  infos.set(ws, { ...info });
}

/** Sends one frame; a dead socket must not harm the others (its close event cleans it up). */
export function sendFrame(ws: WebSocket, frame: ServerFrame): void {
  try {
    ws.send(JSON.stringify(frame));
  } catch {
    // ignored: see above
  }
}

/** Sends to every ready socket (of one role, if given), except `skip`. */
export function broadcastFrame(ctx: DurableObjectState, frame: ServerFrame, role?: "visitor" | "agent", skip?: WebSocket): void {
  const text = JSON.stringify(frame);
  for (const ws of ctx.getWebSockets(role)) {
    if (ws === skip) continue;
    if (!socketInfo(ws)?.ready) continue;
    try {
      ws.send(text);
    } catch {
      // ignored: see sendFrame
    }
  }
}

/** A new message to everyone: agents see all of it, visitors neither private notes nor traces. */
export function publishMessage(ctx: DurableObjectState, m: ChatMessage): void {
  broadcastFrame(ctx, { t: "message", message: m }, "agent");
  if (!m.private) {
    const { trace: _trace, ...visible } = m;
    broadcastFrame(ctx, { t: "message", message: visible }, "visitor");
  }
}

/**
 * Exactly what the client missed (everything after `after`), in order: up to WELCOME_BATCH messages
 * with the welcome, the rest as `message` frames marked `backlog`. Synchronous, so no new message can
 * slip in between.
 */
export function sendWelcome(ws: WebSocket, store: ConversationStore, view: ConversationView, after: number, visitorView: boolean): void {
  let batch = store.messagesAfter(after, visitorView, WELCOME_BATCH);
  sendFrame(ws, { t: "welcome", v: PROTOCOL_VERSION, conversation: view, messages: batch });
  while (batch.length === WELCOME_BATCH) {
    batch = store.messagesAfter(batch[batch.length - 1]!.seq, visitorView, WELCOME_BATCH);
    for (const message of batch) sendFrame(ws, { t: "message", message, backlog: true });
  }
}
