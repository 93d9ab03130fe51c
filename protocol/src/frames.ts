// The WebSocket protocol between a conversation's clients (widget, console) and its Durable Object.
// Frames are JSON objects with a `t` type field. Parsers are total: bad input yields null, never a throw.
// New frame types must be safe for older clients to ignore (unknown `t` is skipped by receivers).

import type { Attachment, ChatMessage, ConversationView } from "./types.ts";

export const PROTOCOL_VERSION = 1;

/** Longest text a visitor or agent may send in one message (characters). */
export const MAX_TEXT_LENGTH = 4000;
/** Largest frame the server reads (bytes of UTF-8); larger frames are refused. */
export const MAX_FRAME_BYTES = 16 * 1024;
/** Longest client-generated id (idempotency key). */
export const MAX_CLIENT_ID = 64;
/** Most attachments one message may carry. */
export const MAX_ATTACHMENTS = 5;
/** Largest attachment any site may allow (bytes); a site's own limit may be lower. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Messages sent with `welcome`; a longer backlog follows as `message` frames marked `backlog`. */
export const WELCOME_BATCH = 200;

export const CLIENT_FRAME = {
  hello: "hello",
  send: "send",
  typing: "typing",
  seen: "seen",
} as const;

/** Frames a client sends. `hello` must come first; `after` is the last `seq` the client already has. */
export type ClientFrame =
  | { t: "hello"; v: number; after: number }
  | { t: "send"; clientId: string; text: string; payload?: string; private?: boolean; attachments?: Attachment[] }
  | { t: "typing"; on: boolean }
  | { t: "seen"; seq: number };

/** Frames the server sends. */
export type ServerFrame =
  | { t: "welcome"; v: number; conversation: ConversationView; messages: ChatMessage[] }
  | { t: "message"; message: ChatMessage; backlog?: true }
  | { t: "ack"; clientId: string; seq: number }
  | { t: "state"; conversation: ConversationView }
  | { t: "typing"; author: "visitor" | "agent"; name?: string; on: boolean }
  | { t: "seen"; by: "visitor" | "agent"; seq: number }
  /** `retryAfter` (seconds) comes with `rate_limited`: the message was not stored, send it again then. */
  | { t: "error"; code: string; message: string; clientId?: string; retryAfter?: number };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function validClientId(v: unknown): v is string {
  return typeof v === "string" && v.length > 0 && v.length <= MAX_CLIENT_ID && /^[\w.:-]+$/.test(v);
}

/**
 * Parses a list of attachment references (uploaded files). Returns null when malformed. Counts and
 * sizes are checked by the receiver, which answers with a clear error rather than a bad frame.
 */
export function parseAttachments(v: unknown): Attachment[] | null {
  if (!Array.isArray(v) || v.length > 4 * MAX_ATTACHMENTS) return null;
  const out: Attachment[] = [];
  for (const a of v) {
    if (!isRecord(a)) return null;
    const { id, name, type, size, url } = a;
    if (typeof id !== "string" || !/^[\w.:-]{1,64}$/.test(id)) return null;
    if (typeof name !== "string" || name.length === 0 || name.length > 255) return null;
    if (typeof type !== "string" || !/^[\w.+-]+\/[\w.+-]+$/.test(type) || type.length > 127) return null;
    if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) return null;
    if (typeof url !== "string" || url.length > 2048) return null;
    out.push({ id, name, type, size, url });
  }
  return out;
}

const utf8 = new TextEncoder();

/** Whether a text frame is over MAX_FRAME_BYTES bytes of UTF-8 (not characters: "中" is three bytes). */
export function frameTooLarge(raw: string): boolean {
  return raw.length > MAX_FRAME_BYTES || (raw.length * 3 > MAX_FRAME_BYTES && utf8.encode(raw).byteLength > MAX_FRAME_BYTES);
}

/** Parses a frame from a client. Returns null for anything malformed, oversized or unknown. */
export function parseClientFrame(raw: unknown): ClientFrame | null {
  if (typeof raw !== "string" || frameTooLarge(raw)) return null;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(v)) return null;
  switch (v.t) {
    case "hello":
      if (typeof v.v !== "number" || !Number.isInteger(v.after) || (v.after as number) < 0) return null;
      return { t: "hello", v: v.v, after: v.after as number };
    case "send": {
      if (!validClientId(v.clientId) || typeof v.text !== "string") return null;
      if (v.payload !== undefined && (typeof v.payload !== "string" || v.payload.length > 256)) return null;
      const frame: ClientFrame = { t: "send", clientId: v.clientId, text: v.text };
      if (typeof v.payload === "string") frame.payload = v.payload;
      if (v.private === true) frame.private = true;
      if (v.attachments !== undefined) {
        const attachments = parseAttachments(v.attachments);
        if (!attachments) return null;
        if (attachments.length) frame.attachments = attachments;
      }
      return frame;
    }
    case "typing":
      return typeof v.on === "boolean" ? { t: "typing", on: v.on } : null;
    case "seen":
      return Number.isInteger(v.seq) && (v.seq as number) >= 0 ? { t: "seen", seq: v.seq as number } : null;
    default:
      return null;
  }
}

/** Parses a frame from the server. Unknown frame types yield null so older clients skip them. */
export function parseServerFrame(raw: unknown): ServerFrame | null {
  if (typeof raw !== "string") return null;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(v) || typeof v.t !== "string") return null;
  switch (v.t) {
    case "welcome":
      return isRecord(v.conversation) && Array.isArray(v.messages) ? (v as unknown as ServerFrame) : null;
    case "message":
      return isRecord(v.message) && typeof v.message.seq === "number" ? (v as unknown as ServerFrame) : null;
    case "ack":
      return typeof v.clientId === "string" && typeof v.seq === "number" ? (v as unknown as ServerFrame) : null;
    case "state":
      return isRecord(v.conversation) ? (v as unknown as ServerFrame) : null;
    case "typing":
    case "seen":
    case "error":
      return v as unknown as ServerFrame;
    default:
      return null;
  }
}
