// The triage ruleset format (CONTRACT.md §5): rules as data, shared by the worker and the admin.

export type Localized = string | Record<string, string>;

export const CONDITION_FIELDS = [
  "message.text",
  "message.payload",
  "message.language",
  "channel",
  "page.url",
  "visitor.tier",
  "visitor.email",
  "conversation.botTurns",
  "conversation.labels",
  "time.businessHours",
  "time.weekday",
  "time.hour",
] as const;
/** Fields rules may test; `visitor.attributes.<name>` is also allowed. */
export type ConditionField = (typeof CONDITION_FIELDS)[number] | `visitor.attributes.${string}`;

export const OPERATORS = ["equals", "notEquals", "in", "containsAny", "containsAll", "matches", "startsWith", "gt", "gte", "lt", "lte", "exists"] as const;
export type Operator = (typeof OPERATORS)[number];

export interface LeafCondition {
  field: string;
  op: Operator;
  value?: unknown;
  flags?: string;
}
export type Condition = LeafCondition | { all: Condition[] } | { any: Condition[] } | { not: Condition };

export type Action =
  | { type: "reply"; text: Localized; quickReplies?: { label: Localized; payload: string }[] }
  | { type: "askField"; field: string; prompt: Localized; validate?: string; error?: Localized }
  | { type: "setPriority"; value: "low" | "normal" | "high" | "urgent" }
  | { type: "addLabels"; value: string[] }
  | { type: "setAttribute"; name: string; value: unknown }
  | { type: "route"; team: string }
  | { type: "handoff"; team?: string; note?: string; reason?: string }
  | { type: "resolve" };

export const ACTION_TYPES = ["reply", "askField", "setPriority", "addLabels", "setAttribute", "route", "handoff", "resolve"] as const;

export interface Rule {
  id: string;
  name?: string;
  enabled?: boolean;
  when: Condition;
  then: Action[];
  stop?: boolean;
}

export interface RulesetSettings {
  handoffKeywords: string[];
  maxBotTurns: number;
  defaultTeam?: string;
  fallbackReply?: Localized;
}

export interface Ruleset {
  settings: RulesetSettings;
  rules: Rule[];
}

/** The payload the widget's "talk to a person" button sends. */
export const HANDOFF_PAYLOAD = "__handoff";
