// Shared data shapes: messages and conversation state as the widget, the worker and the console see them.

/** Who wrote a message. `system` messages record lifecycle events (hand-off, assignment, resolve). */
export const AUTHORS = ["visitor", "bot", "agent", "system"] as const;
export type Author = (typeof AUTHORS)[number];

/** Conversation lifecycle states, in the order a typical conversation passes through them. */
export const STATUSES = ["bot", "queued", "assigned", "pending", "snoozed", "resolved", "closed"] as const;
export type Status = (typeof STATUSES)[number];

export const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CHANNELS = ["web", "email", "telegram", "whatsapp", "sms", "api"] as const;
export type Channel = (typeof CHANNELS)[number];

/** A quick-reply button offered by the bot; pressing it sends `payload` (and shows `label`). */
export interface QuickReply {
  label: string;
  payload: string;
}

export interface Attachment {
  id: string;
  name: string;
  type: string;
  size: number;
  url: string;
}

/** One entry of the conversation log. `seq` is monotonic per conversation, starting at 1. */
export interface ChatMessage {
  seq: number;
  id: string;
  clientId?: string;
  author: Author;
  authorName?: string;
  authorAvatar?: string;
  text: string;
  quickReplies?: QuickReply[];
  attachments?: Attachment[];
  /** An agent's private note: never sent to the visitor. */
  private?: boolean;
  /** System event kind (`handoff`, `assigned`, `resolved`, …) for system messages. */
  event?: string;
  /** Triage explanation for bot messages: sent to agents only. */
  trace?: TriageTrace;
  createdAt: number;
}

/** What the visitor's widget knows about its conversation. */
export interface ConversationView {
  id: string;
  status: Status;
  agent?: { id: string; name: string; avatar?: string };
  team?: string;
  /** 1-based position in the site's queue while waiting for a person. */
  queuePosition?: number;
  lastSeq: number;
}

/** Why the bot did what it did: every rule tried and which of its conditions matched. */
export interface TriageTrace {
  rulesetVersion: number;
  rules: RuleTrace[];
  /** Built-in decisions that no ruleset can switch off (hand-off keyword, button, max bot turns). */
  builtin?: {
    kind: "handoff-keyword" | "handoff-button" | "max-bot-turns" | "fallback" | "step-budget" | "answer" | "answer-rejected";
    detail: string;
  };
  /** When the evaluation ran (ms since the epoch). */
  at?: number;
}

export interface RuleTrace {
  id: string;
  name?: string;
  matched: boolean;
  /** Conditions that matched, in English words, e.g. `text contains 投诉`, `visitor.tier = vip`. */
  conditions: string[];
  /** The same conditions as data, for the console to phrase in the agent's language. */
  hits?: ConditionHit[];
}

/** A plain value in a trace (kept JSON-shaped so traces cross Durable Object RPC as they are). */
export type TraceValue = string | number | boolean | null | (string | number | boolean | null)[];

/** One condition that held: the field, the operator, the rule's value, and what was found. */
export interface ConditionHit {
  field: string;
  op: string;
  value?: TraceValue;
  /** Keywords found (containsAny / containsAll) or the field's actual value (comparisons). */
  found?: TraceValue;
  /** The condition held because it was negated (`not`). */
  negated?: boolean;
}

/** The summary of a conversation that lists, search, reports and the live console read. */
export interface ConversationSummary {
  id: string;
  siteId: string;
  contactId: string;
  channel: Channel;
  status: Status;
  priority: Priority;
  team: string | null;
  assigneeId: string | null;
  labels: string[];
  lastMessageText: string | null;
  lastMessageAuthor: string | null;
  lastMessageAt: number | null;
  messageCount: number;
  botTurns: number;
  handoffAt: number | null;
  firstResponseAt: number | null;
  resolvedAt: number | null;
  createdAt: number;
  updatedAt: number;
  /** Present in live updates: the assignee's display name. */
  assigneeName?: string | null;
  /** The customer's name and tier (lists and the live stream; absent where unknown). */
  contactName?: string | null;
  contactTier?: string | null;
  /** When the first agent reply is due (ms), while one is still owed under the SLA policy. */
  slaFirstResponseDue?: number | null;
  /** When resolution is due (ms), while the conversation is open and not paused (pending/snoozed). */
  slaResolutionDue?: number | null;
  /** True once any SLA target of this conversation was breached (never cleared). */
  slaBreached?: boolean;
  /** Which targets were breached: `first_response`, `resolution`. */
  slaBreaches?: ("first_response" | "resolution")[];
}
