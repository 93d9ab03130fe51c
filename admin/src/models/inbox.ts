// The inbox model: the site's open conversations (snapshot + live changes from the Inbox object),
// presence, teams and read marks over the live socket; resolved ones over HTTP. Views, counts,
// unread marks, and events for notifications.

import { computed, signal } from "@preact/signals";
import type { AgentPresence, ConsoleServerFrame, PresenceStatus, TeamInfo } from "../../../protocol/src/console-frames.ts";
import type { ConversationSummary } from "../../../protocol/src/types.ts";
import { api, wsUrl } from "../api/client.ts";
import { liveSocket } from "./live-socket.ts";

export type View = "mine" | "unassigned" | "teams" | "all" | "resolved";
export const VIEWS: View[] = ["mine", "unassigned", "teams", "all", "resolved"];

const PRIORITY = { urgent: 0, high: 1, normal: 2, low: 3 } as const;

/** Queue order: priority, then how long it has waited. */
export function queueOrder(a: ConversationSummary, b: ConversationSummary): number {
  return PRIORITY[a.priority] - PRIORITY[b.priority] || (a.handoffAt ?? a.createdAt) - (b.handoffAt ?? b.createdAt) || (a.id < b.id ? -1 : 1);
}

export interface InboxEvents {
  /** A conversation was just given to me (auto-assignment, a transfer, or someone assigned it). */
  assigned?: (c: ConversationSummary) => void;
  /** The customer wrote in one of my conversations. */
  message?: (c: ConversationSummary) => void;
  /** A conversation for my teams started waiting where nobody assigns automatically (manual). */
  waiting?: (c: ConversationSummary) => void;
}

export function createInboxModel(siteId: string, myId: string, events: InboxEvents = {}) {
  const items = signal(new Map<string, ConversationSummary>());
  const resolved = signal<ConversationSummary[]>([]);
  const agents = signal<AgentPresence[]>([]);
  const teams = signal<TeamInfo[]>([]);
  let siteStrategy: "round_robin" | "least_busy" | "manual" = "round_robin";
  const reads = signal<Record<string, number>>({});
  const live = signal(false);
  const view = signal<View>("mine");
  let syncing: Map<string, ConversationSummary> | null = null;

  const loadResolved = async () => {
    const r = await api<{ items: ConversationSummary[] }>(`/sites/${siteId}/conversations?status=resolved&limit=100`);
    if (r.ok) resolved.value = r.data.items;
  };

  const change = (c: ConversationSummary) => {
    if (syncing) syncing.set(c.id, c);
    const prev = items.value.get(c.id);
    if (prev && prev.updatedAt > c.updatedAt) return;
    const next = new Map(items.value);
    if (c.status === "resolved" || c.status === "closed") {
      next.delete(c.id);
      resolved.value = [c, ...resolved.value.filter((x) => x.id !== c.id)].slice(0, 200);
    } else {
      next.set(c.id, c);
      if (prev?.status === "resolved") resolved.value = resolved.value.filter((x) => x.id !== c.id);
    }
    items.value = next;
    if (c.assigneeId === myId && prev?.assigneeId !== myId && c.status !== "resolved") events.assigned?.(c);
    else if (c.assigneeId === myId && c.lastMessageAuthor === "visitor" && (c.lastMessageAt ?? 0) > (prev?.lastMessageAt ?? 0)) events.message?.(c);
    else if (c.status === "queued" && prev?.status !== "queued" && waitsForClaim(c)) events.waiting?.(c);
  };

  const socket = liveSocket(wsUrl(`/sites/${siteId}/live`), {
    onStatus: (up) => (live.value = up),
    onFrame: (f) => {
      const frame = f as ConsoleServerFrame;
      switch (frame.t) {
        case "welcome":
          agents.value = frame.agents;
          teams.value = frame.teams;
          siteStrategy = frame.assignment;
          reads.value = frame.reads;
          syncing = new Map();
          void loadResolved();
          return;
        case "snapshot":
          for (const c of frame.conversations) syncing?.set(c.id, c);
          if (frame.done && syncing) {
            items.value = syncing; // replaces what a lost connection may have left stale
            syncing = null;
          }
          return;
        case "conversation":
          return change(frame.conversation);
        case "presence":
          agents.value = frame.agents;
          return;
        case "agents": {
          const changed = new Map(frame.agents.map((a) => [a.id, a]));
          agents.value = [...agents.value.map((a) => changed.get(a.id) ?? a), ...frame.agents.filter((a) => !agents.value.some((x) => x.id === a.id))];
          return;
        }
        case "read":
          reads.value = { ...reads.value, [frame.conversationId]: Math.max(frame.at, reads.value[frame.conversationId] ?? 0) };
          return;
      }
    },
  });

  const me = computed(() => agents.value.find((a) => a.id === myId));
  const myTeams = computed(() => new Set(me.value?.teams ?? []));
  /** Waiting for someone to claim it (manual assignment) in one of my teams, or with no team. */
  function waitsForClaim(c: ConversationSummary): boolean {
    const team = c.team ? teams.value.find((x) => x.id === c.team) : undefined;
    return (team?.assignment ?? siteStrategy) === "manual" && (!c.team || myTeams.value.has(c.team)) && me.value?.status === "online";
  }
  const open = computed(() => [...items.value.values()]);

  const inView = (v: View, c: ConversationSummary): boolean => {
    switch (v) {
      case "mine":
        return c.assigneeId === myId;
      case "unassigned":
        return c.status === "queued" && !c.assigneeId;
      case "teams":
        return c.status !== "bot" && !!c.team && myTeams.value.has(c.team);
      case "all":
        return true;
      case "resolved":
        return false;
    }
  };

  /**
   * Unread: a customer message came after this agent last read the conversation, or it is mine or
   * waiting in the queue and this agent has not opened it yet.
   */
  const unread = (c: ConversationSummary): boolean => {
    const read = reads.value[c.id];
    if (read === undefined && (c.assigneeId === myId || (c.status === "queued" && !c.assigneeId))) return true;
    return c.lastMessageAuthor === "visitor" && (c.lastMessageAt ?? 0) > (read ?? 0);
  };

  const visible = computed(() => (view.value === "resolved" ? resolved.value : open.value.filter((c) => inView(view.value, c)).sort(queueOrder)));

  const counts = computed(() => {
    const out = { mine: 0, unassigned: 0, teams: 0, all: 0, resolved: resolved.value.length };
    for (const c of open.value) for (const v of ["mine", "unassigned", "teams", "all"] as const) if (inView(v, c)) out[v]++;
    return out;
  });
  const unreadIn = computed(() => {
    const out = { mine: 0, unassigned: 0, teams: 0, all: 0, resolved: 0 };
    for (const c of open.value) if (unread(c)) for (const v of ["mine", "unassigned", "teams", "all"] as const) if (inView(v, c)) out[v]++;
    return out;
  });
  /** For the tab title: my conversations and the queue with something unread. */
  const attention = computed(() => open.value.filter((c) => unread(c) && (inView("mine", c) || inView("unassigned", c))).length);

  return {
    items,
    resolved,
    agents,
    teams,
    reads,
    live,
    view,
    me,
    visible,
    counts,
    unreadIn,
    attention,
    unread,
    find: (id: string) => items.value.get(id) ?? resolved.value.find((c) => c.id === id),
    nameOf: (agentId: string | null) => (agentId ? (agents.value.find((a) => a.id === agentId)?.name ?? null) : null),
    teamName: (id: string | null) => (id ? (teams.value.find((x) => x.id === id)?.name ?? id) : null),
    setStatus: (status: PresenceStatus) => socket.send({ t: "presence", status }),
    /** Marks a conversation read up to its latest message (synced to my other tabs and devices). */
    markRead: (c: ConversationSummary) => {
      const at = c.lastMessageAt ?? c.updatedAt;
      if ((reads.value[c.id] ?? 0) >= at) return;
      reads.value = { ...reads.value, [c.id]: at };
      socket.send({ t: "read", conversationId: c.id, at });
    },
    refreshResolved: loadResolved,
    dispose: () => socket.close(),
  };
}

export type InboxModel = ReturnType<typeof createInboxModel>;
