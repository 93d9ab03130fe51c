// One open conversation in the console: its state, contact and whole history (live over the agent's
// socket, resumed from the last message), the customer's other conversations, and the agent's actions.

import type { Contact as ContactRecord } from "../../../protocol/src/contacts.ts";
import { signal } from "@preact/signals";
import type { ServerFrame } from "../../../protocol/src/frames.ts";
import { PROTOCOL_VERSION } from "../../../protocol/src/frames.ts";
import type { Attachment, ChatMessage, ConversationSummary } from "../../../protocol/src/types.ts";
import { api, type ApiError } from "../api/client.ts";
import { wsUrl } from "../api/client.ts";
import { liveSocket } from "./live-socket.ts";

export interface ConversationState extends ConversationSummary {
  assignee: { id: string; name: string } | null;
  snoozeUntil: number | null;
  locale: string;
  pageUrl: string | null;
}

/** The contact beside a conversation (the console's sidebar). */
export type Contact = Pick<ContactRecord, "id" | "name" | "email" | "phone" | "externalId" | "tier" | "attributes">;

export interface ConversationDetail {
  conversation: ConversationState;
  contact: Contact | null;
  messages: ChatMessage[];
}

export type StatusChange = "open" | "pending" | "snoozed" | "resolved" | "closed";

export function createConversationModel(id: string) {
  const detail = signal<ConversationDetail | null>(null);
  const messages = signal<ChatMessage[]>([]);
  const history = signal<ConversationSummary[]>([]);
  const error = signal<ApiError | null>(null);
  const visitorTyping = signal(false);
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let historyFor: string | null = null;

  const addMessages = (list: ChatMessage[]) => {
    const bySeq = new Map(messages.value.map((m) => [m.seq, m]));
    for (const m of list) bySeq.set(m.seq, m);
    messages.value = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  };

  const loadHistory = async (contactId: string) => {
    historyFor = contactId;
    const r = await api<{ conversations: ConversationSummary[] }>(`/contacts/${contactId}`);
    if (r.ok) history.value = r.data.conversations.filter((c) => c.id !== id);
  };

  const load = async () => {
    const r = await api<ConversationDetail>(`/conversations/${id}`);
    if (!r.ok) return void (error.value = r.error);
    detail.value = r.data;
    addMessages(r.data.messages);
    if (r.data.contact && r.data.contact.id !== historyFor) void loadHistory(r.data.contact.id);
  };

  // "Seen": while the conversation is open in a visible tab, the visitor's newest message is seen;
  // the widget shows the mark under it (relayed by the conversation, not stored).
  let seenSent = 0;
  const markSeen = () => {
    if (document.visibilityState === "hidden") return;
    const last = messages.value.findLast((m) => m.author === "visitor")?.seq ?? 0;
    if (last <= seenSent) return;
    seenSent = last;
    socket.send({ t: "seen", seq: last });
  };
  const onVisible = () => markSeen();
  document.addEventListener("visibilitychange", onVisible);

  const socket = liveSocket(wsUrl(`/conversations/${id}/ws`), {
    onOpen: (ws) => ws.send(JSON.stringify({ t: "hello", v: PROTOCOL_VERSION, after: messages.value.at(-1)?.seq ?? 0 })),
    onStatus: () => undefined,
    onFrame: (f) => {
      const frame = f as ServerFrame;
      if (frame.t === "welcome") addMessages(frame.messages);
      if (frame.t === "message") addMessages([frame.message]);
      if (frame.t === "welcome" || frame.t === "message") markSeen();
      if (frame.t === "state") void load();
      if (frame.t === "typing" && frame.author === "visitor") {
        visitorTyping.value = frame.on;
        clearTimeout(typingTimer);
        // A lost "stopped typing" must not leave the indicator on for ever.
        if (frame.on) typingTimer = setTimeout(() => (visitorTyping.value = false), 8000);
      }
      if (frame.t === "error") error.value = { code: frame.code, message: frame.message };
    },
  });
  void load();

  const act = async (path: string, body: unknown, method = "POST"): Promise<boolean> => {
    const r = await api(`/conversations/${id}${path}`, { method, body });
    error.value = r.ok ? null : r.error;
    await load();
    return r.ok;
  };

  return {
    detail,
    messages,
    history,
    error,
    visitorTyping,
    reload: load,
    send: (text: string, isPrivate: boolean, attachments: Attachment[] = []) =>
      act("/messages", {
        text,
        private: isPrivate,
        clientId: `a${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`,
        ...(attachments.length ? { attachments } : {}),
      }),
    claim: () => act("/claim", {}),
    /** Assign or transfer (to an agent and/or a team), or give back (agent null), with an optional note. */
    assign: (agentId: string | null, team?: string, note?: string) =>
      act("/assign", { agentId, ...(team ? { team } : {}), ...(note?.trim() ? { note: note.trim() } : {}) }),
    setStatus: (status: StatusChange, snoozeUntil?: number) => act("/status", { status, ...(snoozeUntil ? { snoozeUntil } : {}) }),
    update: (patch: { priority?: string; labels?: string[] }) => act("", patch, "PATCH"),
    /** Uploads a file for the next reply; null (with the error set) when it is refused. */
    upload: async (file: File): Promise<Attachment | null> => {
      try {
        const res = await fetch(`/api/v1/conversations/${id}/attachments?name=${encodeURIComponent(file.name)}`, {
          method: "POST",
          credentials: "same-origin",
          headers: { "content-type": file.type || "application/octet-stream" },
          body: file,
        });
        const json = (await res.json()) as { attachment?: Attachment; error?: ApiError };
        if (!res.ok || !json.attachment) return (void (error.value = json.error ?? { code: "http", message: `Upload failed (${res.status}).` }), null);
        return json.attachment;
      } catch {
        error.value = { code: "network", message: "The server cannot be reached." };
        return null;
      }
    },
    typing: (on: boolean) => socket.send({ t: "typing", on }),
    clearError: () => (error.value = null),
    dispose: () => {
      clearTimeout(typingTimer);
      document.removeEventListener("visibilitychange", onVisible);
      socket.close();
    },
  };
}

export type ConversationModel = ReturnType<typeof createConversationModel>;
