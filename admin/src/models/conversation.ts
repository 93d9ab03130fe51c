// One open conversation in the console: its detail, live messages and the agent's actions.

import { signal } from "@preact/signals";
import type { ServerFrame } from "../../../protocol/src/frames.ts";
import { PROTOCOL_VERSION } from "../../../protocol/src/frames.ts";
import type { ChatMessage } from "../../../protocol/src/types.ts";
import { api, wsUrl } from "../api/client.ts";
import { liveSocket } from "./live-socket.ts";

export interface ConversationDetail {
  conversation: {
    id: string;
    siteId: string;
    status: string;
    priority: string;
    team: string | null;
    labels: string[];
    assignee: { id: string; name: string } | null;
    channel: string;
  };
  contact: { id: string; name: string | null; email: string | null; tier: string; attributes: Record<string, unknown> } | null;
  messages: ChatMessage[];
}

export function createConversationModel(id: string) {
  const detail = signal<ConversationDetail | null>(null);
  const messages = signal<ChatMessage[]>([]);
  const error = signal<string | null>(null);
  const visitorTyping = signal(false);

  const addMessages = (list: ChatMessage[]) => {
    const bySeq = new Map(messages.value.map((m) => [m.seq, m]));
    for (const m of list) bySeq.set(m.seq, m);
    messages.value = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  };

  const load = async () => {
    const r = await api<ConversationDetail>(`/conversations/${id}`);
    if (!r.ok) return void (error.value = r.error.message);
    detail.value = r.data;
    addMessages(r.data.messages);
  };

  const socket = liveSocket(wsUrl(`/conversations/${id}/ws`), {
    onOpen: (ws) => ws.send(JSON.stringify({ t: "hello", v: PROTOCOL_VERSION, after: messages.value.at(-1)?.seq ?? 0 })),
    onStatus: () => undefined,
    onFrame: (f) => {
      const frame = f as ServerFrame;
      if (frame.t === "welcome") addMessages(frame.messages);
      if (frame.t === "message") addMessages([frame.message]);
      if (frame.t === "state") void load();
      if (frame.t === "typing" && frame.author === "visitor") visitorTyping.value = frame.on;
      if (frame.t === "error") error.value = frame.message;
    },
  });
  void load();

  const act = async (path: string, body: unknown, method = "POST") => {
    const r = await api(`/conversations/${id}${path}`, { method, body });
    if (!r.ok) error.value = r.error.message;
    else error.value = null;
    await load();
    return r.ok;
  };

  return {
    detail,
    messages,
    error,
    visitorTyping,
    send: (text: string, isPrivate: boolean) =>
      act("/messages", { text, private: isPrivate, clientId: `a${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}` }),
    claim: (agentId: string) => act("/assign", { agentId }),
    setStatus: (status: string) => act("/status", { status }),
    typing: (on: boolean) => socket.send({ t: "typing", on }),
    dispose: () => socket.close(),
  };
}

export type ConversationModel = ReturnType<typeof createConversationModel>;
