// The conversation lifecycle as a pure function: transition(state, event, now) → { state, effects }.

import type { Action, Localized } from "../../../protocol/src/ruleset.ts";
import type { Channel, Priority, Status, TriageTrace } from "../../../protocol/src/types.ts";

/** A question the bot asked (askField) and the actions that resume once it is answered. */
export interface PendingField {
  field: string;
  validate?: string;
  attempts: number;
  prompt: Localized;
  error?: Localized;
  rest: Action[];
  trace: TriageTrace;
  /** `handoff-email`: asked after a hand-off when nobody is available; answered while queued. */
  kind?: "rule" | "handoff-email";
}

export interface AgentRef {
  id: string;
  name: string;
  avatar?: string;
}

/** Everything the Conversation Durable Object keeps about its conversation besides the message log. */
export interface ConversationState {
  id: string;
  siteId: string;
  contactId: string;
  visitorId: string | null;
  channel: Channel;
  status: Status;
  priority: Priority;
  team: string | null;
  assignee: AgentRef | null;
  labels: string[];
  /** Visitor messages the bot has handled. */
  botTurns: number;
  /** Visitor messages no rule helped with (counts toward maxBotTurns). */
  missedTurns: number;
  /** A question the bot asked and is waiting to have answered (askField). */
  pendingField: PendingField | null;
  locale: string;
  pageUrl: string | null;
  snoozeUntil: number | null;
  handoffAt: number | null;
  firstResponseAt: number | null;
  resolvedAt: number | null;
  createdAt: number;
  updatedAt: number;
  lastSeq: number;
  messageCount: number;
  lastMessage: { text: string; author: string; at: number } | null;
}

export type LifecycleEvent =
  | { type: "handoff"; team: string | null; reason: string }
  | { type: "assign"; agent: AgentRef | null; team?: string | null; by?: AgentRef; note?: string }
  | { type: "agentReplied"; agent: AgentRef }
  | { type: "visitorMessage" }
  | { type: "setStatus"; status: "open" | "pending" | "snoozed" | "resolved" | "closed"; snoozeUntil?: number; by?: AgentRef }
  | { type: "setPriority"; priority: Priority }
  | { type: "setTeam"; team: string }
  | { type: "addLabels"; labels: string[] }
  | { type: "setLabels"; labels: string[] };

/** A lifecycle event worth recording in the history as a system message. */
export interface SystemNote {
  event: string;
  text: string;
}

export type TransitionResult = { ok: true; state: ConversationState; notes: SystemNote[] } | { ok: false; code: string; message: string };

function refuse(message: string): TransitionResult {
  return { ok: false, code: "illegal_transition", message };
}

/** Computes the next state for an event, without doing anything. Illegal events are refused. */
export function transition(s: ConversationState, e: LifecycleEvent, now: number): TransitionResult {
  const next: ConversationState = { ...s, updatedAt: now };
  const notes: SystemNote[] = [];
  switch (e.type) {
    case "handoff": {
      if (s.status === "closed") return refuse("A closed conversation cannot be handed off.");
      if (s.status !== "bot" && s.status !== "resolved") return { ok: true, state: next, notes };
      next.status = s.assignee ? "assigned" : "queued";
      next.team = e.team ?? s.team;
      next.handoffAt = s.handoffAt ?? now;
      next.pendingField = null;
      notes.push({ event: "handoff", text: next.team ? `Handed off to a person (team ${next.team}).` : "Handed off to a person." });
      break;
    }
    case "assign": {
      if (s.status === "closed") return refuse("A closed conversation cannot be assigned.");
      next.assignee = e.agent;
      if (e.team !== undefined) next.team = e.team;
      if (e.agent) {
        if (["bot", "queued", "resolved"].includes(s.status)) next.status = "assigned";
        next.handoffAt = s.handoffAt ?? now;
        const byOther = e.by && e.by.id !== e.agent.id;
        notes.push({ event: "assigned", text: byOther ? `${e.by!.name} assigned this to ${e.agent.name}.` : `${e.agent.name} joined the conversation.` });
      } else {
        if (s.status === "assigned") next.status = "queued";
        notes.push({ event: "unassigned", text: next.team ? `Transferred to team ${next.team}.` : "Returned to the queue." });
      }
      if (e.note) notes.push({ event: "transfer-note", text: e.note });
      break;
    }
    case "agentReplied": {
      if (s.status === "closed") return refuse("A closed conversation cannot receive messages.");
      // A person replying takes the conversation from the bot at once.
      if (!s.assignee) {
        next.assignee = e.agent;
        notes.push({ event: "assigned", text: `${e.agent.name} joined the conversation.` });
      }
      if (["bot", "queued", "resolved", "snoozed"].includes(s.status)) next.status = "assigned";
      next.handoffAt = s.handoffAt ?? now;
      next.firstResponseAt = s.firstResponseAt ?? now;
      break;
    }
    case "visitorMessage": {
      if (s.status === "closed") return refuse("This conversation is closed.");
      if (s.status === "resolved" || s.status === "snoozed" || s.status === "pending") {
        next.status = s.assignee ? "assigned" : s.handoffAt ? "queued" : "bot";
        next.resolvedAt = s.status === "resolved" ? null : s.resolvedAt;
        next.snoozeUntil = null;
        if (s.status === "resolved") notes.push({ event: "reopened", text: "The customer wrote again; the conversation is open." });
      }
      break;
    }
    case "setStatus": {
      if (s.status === "closed") return refuse("A closed conversation stays closed.");
      if (e.status === "open") {
        next.status = s.assignee ? "assigned" : s.handoffAt ? "queued" : "bot";
        next.snoozeUntil = null;
        if (s.status === "resolved") notes.push({ event: "reopened", text: `${e.by?.name ?? "An agent"} reopened the conversation.` });
      } else if (e.status === "snoozed") {
        if (!e.snoozeUntil || e.snoozeUntil <= now) return refuse("Snooze needs a time in the future.");
        next.status = "snoozed";
        next.snoozeUntil = e.snoozeUntil;
      } else if (e.status === "closed") {
        if (s.status !== "resolved") return refuse("Resolve a conversation before closing it.");
        next.status = "closed";
      } else {
        next.status = e.status;
        if (e.status === "resolved") {
          next.resolvedAt = now;
          next.pendingField = null;
          notes.push({ event: "resolved", text: e.by ? `${e.by.name} resolved the conversation.` : "The conversation was resolved." });
        }
      }
      break;
    }
    case "setPriority":
      next.priority = e.priority;
      break;
    case "setTeam":
      next.team = e.team;
      break;
    case "addLabels":
      next.labels = [...new Set([...s.labels, ...e.labels])];
      break;
    case "setLabels":
      next.labels = [...new Set(e.labels)];
      break;
  }
  return { ok: true, state: next, notes };
}
