// The conversation lifecycle as a pure function: transition(state, event, now) → { state, notes, effects }.
// Statuses: bot → queued → assigned → pending / snoozed → resolved → closed. Illegal events are refused.

import type { Action, Localized } from "../../../protocol/src/ruleset.ts";
import type { SlaTarget } from "../../../protocol/src/sla.ts";
import { PRIORITIES, type Channel, type Priority, type Status, type TriageTrace } from "../../../protocol/src/types.ts";
import { slaDueOf, type SlaClock } from "./sla.ts";

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
  /** The SLA clock of the current cycle (hand-off or reopen → resolution); null before hand-off. */
  sla: SlaClock | null;
  /** Every SLA target this conversation ever breached (for reports; never cleared). */
  slaBreaches: SlaTarget[];
  /** Last message from the customer. */
  lastVisitorAt: number | null;
  /** Last public message to the customer (agent or bot): starts the inactivity clock. */
  lastReplyAt: number | null;
  /** Last public agent reply: meets the first-response target of the SLA cycle. */
  lastAgentReplyAt: number | null;
  /** When the follow-up (回访) after the latest resolution went out. */
  followUpSentAt: number | null;
}

type StatusChange = "open" | "pending" | "snoozed" | "resolved" | "closed";

export type LifecycleEvent =
  | { type: "handoff"; team: string | null; reason: string }
  | { type: "assign"; agent: AgentRef | null; team?: string | null; by?: AgentRef; note?: string }
  | { type: "agentReplied"; agent: AgentRef }
  | { type: "visitorMessage" }
  | { type: "setStatus"; status: StatusChange; snoozeUntil?: number; by?: AgentRef }
  | { type: "setPriority"; priority: Priority }
  | { type: "setTeam"; team: string }
  | { type: "addLabels"; labels: string[] }
  | { type: "setLabels"; labels: string[] }
  // Timer events, raised by the object's alarm (see deadlines.ts). A timer that no longer applies is a no-op.
  | { type: "snoozeEnded" }
  | { type: "inactive"; minutes: number }
  | { type: "slaWarning"; target: SlaTarget }
  | { type: "slaBreach"; target: SlaTarget }
  | { type: "followUp"; text: string };

/** A lifecycle event worth recording in the history as a system message (private: agents only). */
export interface SystemNote {
  event: string;
  text: string;
  private?: boolean;
}

/** Work the object carries out after a transition. */
export type Effect =
  { type: "slaAlert"; kind: "warning" | "breach"; target: SlaTarget; due: number } | { type: "send"; author: "bot"; text: string; event: string };

export type TransitionResult = { ok: true; state: ConversationState; notes: SystemNote[]; effects: Effect[] } | { ok: false; code: string; message: string };

/** Statuses in which the customer is talked to by the bot or a person (not waiting in the queue). */
const AWAITING_CUSTOMER: readonly Status[] = ["bot", "assigned", "pending"];

function refuse(message: string): TransitionResult {
  return { ok: false, code: "illegal_transition", message };
}

const TARGET_NAME: Record<SlaTarget, string> = { first_response: "First response", resolution: "Resolution" };

/**
 * Since when the customer owes us a reply (the inactivity clock), or null: with the bot, since its
 * last message; with a person, since the agent's last reply (a bot message does not count, so a
 * conversation claimed but not yet answered never times out on the customer).
 */
export function awaitingCustomerSince(s: ConversationState): number | null {
  if (!AWAITING_CUSTOMER.includes(s.status)) return null;
  const last = s.status === "bot" ? s.lastReplyAt : s.lastAgentReplyAt;
  return last !== null && last > (s.lastVisitorAt ?? 0) ? last : null;
}

/** The next priority up (urgent stays urgent). */
export function raisePriority(p: Priority): Priority {
  return PRIORITIES[Math.min(PRIORITIES.indexOf(p) + 1, PRIORITIES.length - 1)]!;
}

/** Where an open conversation goes when it is no longer resolved, pending or snoozed. */
function openStatus(s: ConversationState): Status {
  return s.assignee ? "assigned" : s.handoffAt ? "queued" : "bot";
}

/** Computes the next state for an event, without doing anything. Illegal events are refused. */
export function transition(s: ConversationState, e: LifecycleEvent, now: number): TransitionResult {
  const next: ConversationState = { ...s, updatedAt: now };
  const notes: SystemNote[] = [];
  const effects: Effect[] = [];
  const who = (by?: AgentRef) => by?.name ?? "An agent";
  switch (e.type) {
    case "handoff": {
      if (s.status === "closed") return refuse("A closed conversation cannot be handed off.");
      if (s.status !== "bot" && s.status !== "resolved") break;
      next.status = s.assignee ? "assigned" : "queued";
      next.team = e.team ?? s.team;
      next.handoffAt = s.handoffAt ?? now;
      next.pendingField = null;
      if (s.status === "resolved") next.resolvedAt = null;
      notes.push({ event: "handoff", text: next.team ? `Handed off to a person (team ${next.team}).` : "Handed off to a person." });
      break;
    }
    case "assign": {
      if (s.status === "closed") return refuse("A closed conversation cannot be assigned.");
      next.assignee = e.agent;
      if (e.team !== undefined) next.team = e.team;
      if (e.agent) {
        if (["bot", "queued", "resolved"].includes(s.status)) next.status = "assigned";
        if (s.status === "resolved") next.resolvedAt = null;
        next.handoffAt = s.handoffAt ?? now;
        next.pendingField = null;
        const byOther = e.by && e.by.id !== e.agent.id;
        notes.push({ event: "assigned", text: byOther ? `${e.by!.name} assigned this to ${e.agent.name}.` : `${e.agent.name} joined the conversation.` });
      } else {
        if (s.status === "assigned") next.status = "queued";
        notes.push({ event: "unassigned", text: next.team ? `Transferred to team ${next.team}.` : "Returned to the queue." });
      }
      // A transfer note is for the agents who pick the conversation up, not for the customer.
      if (e.note) notes.push({ event: "transfer-note", text: e.note, private: true });
      break;
    }
    case "agentReplied": {
      if (s.status === "closed") return refuse("A closed conversation cannot receive messages.");
      // A person replying takes the conversation from the bot at once.
      if (!s.assignee) {
        next.assignee = e.agent;
        notes.push({ event: "assigned", text: `${e.agent.name} joined the conversation.` });
      }
      if (["bot", "queued", "resolved", "snoozed"].includes(s.status)) {
        next.status = "assigned";
        if (s.assignee) notes.push({ event: "opened", text: `${e.agent.name} replied; the conversation is open.`, private: true });
      }
      if (s.status === "resolved") next.resolvedAt = null;
      next.snoozeUntil = null;
      next.pendingField = null;
      next.handoffAt = s.handoffAt ?? now;
      next.firstResponseAt = s.firstResponseAt ?? now;
      break;
    }
    case "visitorMessage": {
      if (s.status === "closed") return refuse("This conversation is closed.");
      if (s.status === "resolved" || s.status === "snoozed" || s.status === "pending") {
        next.status = openStatus(s);
        next.resolvedAt = s.status === "resolved" ? null : s.resolvedAt;
        next.snoozeUntil = null;
        if (s.status === "resolved") notes.push({ event: "reopened", text: "The customer wrote again; the conversation is open." });
        else notes.push({ event: "opened", text: "The customer replied; the conversation is open.", private: true });
      }
      break;
    }
    case "setStatus": {
      if (s.status === "closed") return refuse("A closed conversation stays closed.");
      if (e.status === "open") {
        if (s.status !== "resolved" && s.status !== "pending" && s.status !== "snoozed") break;
        next.status = openStatus(s);
        next.snoozeUntil = null;
        next.resolvedAt = null;
        if (s.status === "resolved") notes.push({ event: "reopened", text: `${who(e.by)} reopened the conversation.` });
        else notes.push({ event: "opened", text: `${who(e.by)} opened the conversation.`, private: true });
      } else if (e.status === "pending") {
        if (s.status === "pending") break;
        if (s.status === "bot" || s.status === "resolved")
          return refuse(s.status === "bot" ? "Hand the conversation to a person first." : "Reopen the conversation first.");
        next.status = "pending";
        next.snoozeUntil = null;
        notes.push({ event: "pending", text: `${who(e.by)} is waiting for the customer (pending).`, private: true });
      } else if (e.status === "snoozed") {
        if (!e.snoozeUntil || e.snoozeUntil <= now) return refuse("Snooze needs a time in the future.");
        if (s.status === "bot" || s.status === "resolved")
          return refuse(s.status === "bot" ? "Hand the conversation to a person first." : "Reopen the conversation first.");
        next.status = "snoozed";
        next.snoozeUntil = e.snoozeUntil;
        notes.push({ event: "snoozed", text: `${who(e.by)} snoozed the conversation until ${new Date(e.snoozeUntil).toISOString()}.`, private: true });
      } else if (e.status === "closed") {
        if (s.status !== "resolved") return refuse("Resolve a conversation before closing it.");
        next.status = "closed";
        notes.push({ event: "closed", text: `${who(e.by)} closed the conversation.`, private: true });
      } else {
        if (s.status === "resolved") break;
        next.status = "resolved";
        next.resolvedAt = now;
        next.snoozeUntil = null;
        next.pendingField = null;
        next.followUpSentAt = null;
        notes.push({ event: "resolved", text: e.by ? `${e.by.name} resolved the conversation.` : "The conversation was resolved." });
      }
      break;
    }
    case "setPriority":
      if (e.priority === s.priority) break;
      next.priority = e.priority;
      notes.push({ event: "priority", text: `Priority changed from ${s.priority} to ${e.priority}.`, private: true });
      break;
    case "setTeam":
      if (e.team === s.team) break;
      next.team = e.team;
      notes.push({ event: "team", text: `Routed to team ${e.team}.`, private: true });
      break;
    case "addLabels":
      next.labels = [...new Set([...s.labels, ...e.labels])];
      break;
    case "setLabels":
      next.labels = [...new Set(e.labels)];
      break;
    case "snoozeEnded":
      if (s.status !== "snoozed") break;
      next.status = openStatus(s);
      next.snoozeUntil = null;
      notes.push({ event: "snooze-ended", text: "The snooze ended; the conversation is open again.", private: true });
      break;
    case "inactive": {
      if (awaitingCustomerSince(s) === null) break;
      next.status = "resolved";
      next.resolvedAt = now;
      next.pendingField = null;
      next.followUpSentAt = null;
      const span = e.minutes % 60 === 0 ? `${e.minutes / 60} hours` : `${e.minutes} minutes`;
      notes.push({ event: "resolved", text: `Resolved automatically: no reply from the customer for ${span}.` });
      break;
    }
    case "slaWarning":
    case "slaBreach": {
      const c = s.sla;
      const done = e.type === "slaWarning" ? c?.warned : c?.breached;
      if (!c || c.endedAt !== null || !done || done.includes(e.target)) break;
      const due = slaDueOf(c, e.target);
      if (due === null) break;
      const at = new Date(due).toISOString();
      if (e.type === "slaWarning") {
        next.sla = { ...c, warned: [...c.warned, e.target] };
        notes.push({ event: "sla-warning", text: `${TARGET_NAME[e.target]} is due at ${at}.`, private: true });
        effects.push({ type: "slaAlert", kind: "warning", target: e.target, due });
      } else {
        // Escalation: raise the priority one step (targets stay as they were), tell the team, mark the breach.
        next.priority = raisePriority(s.priority);
        next.sla = { ...c, breached: [...c.breached, e.target], warned: [...new Set([...c.warned, e.target])], priority: next.priority };
        next.slaBreaches = [...new Set([...s.slaBreaches, e.target])];
        const raised = next.priority !== s.priority ? ` Priority raised from ${s.priority} to ${next.priority}.` : "";
        notes.push({ event: "sla-breach", text: `${TARGET_NAME[e.target]} target breached (was due at ${at}).${raised}`, private: true });
        effects.push({ type: "slaAlert", kind: "breach", target: e.target, due });
      }
      break;
    }
    case "followUp":
      if (s.status !== "resolved" || s.resolvedAt === null || (s.followUpSentAt !== null && s.followUpSentAt >= s.resolvedAt)) break;
      next.followUpSentAt = now;
      effects.push({ type: "send", author: "bot", text: e.text, event: "follow-up" });
      break;
  }
  return { ok: true, state: next, notes, effects };
}

/** The state of a conversation that has just started. */
export function initialState(
  init: { id: string; siteId: string; contactId: string; visitorId: string | null; channel: Channel; locale: string; pageUrl?: string | null },
  now: number,
): ConversationState {
  return {
    id: init.id,
    siteId: init.siteId,
    contactId: init.contactId,
    visitorId: init.visitorId,
    channel: init.channel,
    status: "bot",
    priority: "normal",
    team: null,
    assignee: null,
    labels: [],
    botTurns: 0,
    missedTurns: 0,
    pendingField: null,
    locale: init.locale,
    pageUrl: init.pageUrl ?? null,
    snoozeUntil: null,
    handoffAt: null,
    firstResponseAt: null,
    resolvedAt: null,
    createdAt: now,
    updatedAt: now,
    lastSeq: 0,
    messageCount: 0,
    lastMessage: null,
    sla: null,
    slaBreaches: [],
    lastVisitorAt: null,
    lastReplyAt: null,
    lastAgentReplyAt: null,
    followUpSentAt: null,
  };
}
