// The inbox model: a site's conversations, loaded over HTTP and kept current by the live socket.

import { computed, signal } from "@preact/signals";
import type { ConsoleServerFrame } from "../../../protocol/src/console-frames.ts";
import type { ConversationSummary } from "../../../protocol/src/types.ts";
import { api, wsUrl } from "../api/client.ts";
import { liveSocket } from "./live-socket.ts";

export type View = "unassigned" | "mine" | "all" | "resolved";

const PRIORITY = { urgent: 0, high: 1, normal: 2, low: 3 } as const;
const OPEN = new Set(["bot", "queued", "assigned", "pending", "snoozed"]);

export function createInboxModel(siteId: string, myId: string) {
  const items = signal(new Map<string, ConversationSummary>());
  const live = signal(false);
  const view = signal<View>("unassigned");

  const merge = (list: ConversationSummary[]) => {
    const next = new Map(items.value);
    for (const c of list) {
      const prev = next.get(c.id);
      if (!prev || prev.updatedAt <= c.updatedAt) next.set(c.id, c);
    }
    items.value = next;
  };

  const refresh = async () => {
    const [open, done] = await Promise.all([
      api<{ items: ConversationSummary[] }>(`/sites/${siteId}/conversations?status=open&limit=200`),
      api<{ items: ConversationSummary[] }>(`/sites/${siteId}/conversations?status=resolved&limit=50`),
    ]);
    if (open.ok) merge(open.data.items);
    if (done.ok) merge(done.data.items);
  };

  const socket = liveSocket(wsUrl(`/sites/${siteId}/live`), {
    onOpen: () => void refresh(),
    onStatus: (up) => (live.value = up),
    onFrame: (f) => {
      const frame = f as ConsoleServerFrame;
      if (frame.t === "conversation") merge([frame.conversation]);
      if (frame.t === "snapshot") merge(frame.conversations);
    },
  });

  /** The conversations of the current view: queue order (priority, then wait) for open ones. */
  const visible = computed(() => {
    const all = [...items.value.values()];
    const pick = all.filter((c) => {
      switch (view.value) {
        case "unassigned":
          return c.status === "queued";
        case "mine":
          return c.assigneeId === myId && OPEN.has(c.status);
        case "all":
          return OPEN.has(c.status);
        case "resolved":
          return c.status === "resolved" || c.status === "closed";
      }
    });
    return pick.sort((a, b) =>
      view.value === "resolved"
        ? b.updatedAt - a.updatedAt
        : PRIORITY[a.priority] - PRIORITY[b.priority] || (a.handoffAt ?? a.createdAt) - (b.handoffAt ?? b.createdAt),
    );
  });

  const counts = computed(() => {
    const all = [...items.value.values()];
    return {
      unassigned: all.filter((c) => c.status === "queued").length,
      mine: all.filter((c) => c.assigneeId === myId && OPEN.has(c.status)).length,
      all: all.filter((c) => OPEN.has(c.status)).length,
      resolved: all.filter((c) => c.status === "resolved" || c.status === "closed").length,
    };
  });

  return { items, live, view, visible, counts, refresh, dispose: () => socket.close() };
}

export type InboxModel = ReturnType<typeof createInboxModel>;
