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

/** What kind of value a field holds; decides which operators and values make sense. */
export type FieldKind = "text" | "number" | "boolean" | "list" | "channel" | "tier" | "any";

export const FIELD_KINDS: Record<(typeof CONDITION_FIELDS)[number], FieldKind> = {
  "message.text": "text",
  "message.payload": "text",
  "message.language": "text",
  channel: "channel",
  "page.url": "text",
  "visitor.tier": "tier",
  "visitor.email": "text",
  "conversation.botTurns": "number",
  "conversation.labels": "list",
  "time.businessHours": "boolean",
  "time.weekday": "number",
  "time.hour": "number",
};

/** The kind of a condition field (`visitor.attributes.*` can hold anything), or null for an unknown field. */
export function fieldKind(field: unknown): FieldKind | null {
  if (typeof field !== "string") return null;
  if (/^visitor\.attributes\.[\w-]{1,64}$/.test(field)) return "any";
  return (FIELD_KINDS as Record<string, FieldKind>)[field] ?? null;
}

/** Contact tiers (CONTRACT: VIP / key / regular). */
export const TIERS = ["vip", "key", "regular"] as const;

export const OPERATORS = ["equals", "notEquals", "in", "containsAny", "containsAll", "matches", "startsWith", "gt", "gte", "lt", "lte", "exists"] as const;
export type Operator = (typeof OPERATORS)[number];

/** Operators that make sense for each kind of field. */
export const OPERATORS_BY_KIND: Record<FieldKind, readonly Operator[]> = {
  text: ["containsAny", "containsAll", "equals", "notEquals", "in", "startsWith", "matches", "exists"],
  number: ["equals", "notEquals", "in", "gt", "gte", "lt", "lte", "exists"],
  boolean: ["equals", "notEquals", "exists"],
  list: ["containsAny", "containsAll", "equals", "notEquals", "in", "exists"],
  channel: ["equals", "notEquals", "in", "exists"],
  tier: ["equals", "notEquals", "in", "exists"],
  any: OPERATORS,
};

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
  /**
   * What the bot says after handing off, by availability. Placeholders: `{opening}` (when the team is
   * back, e.g. "Mon 09:00"), `{email}` (the contact's email). Built-in texts are used when absent.
   */
  handoffNotice?: { online?: Localized; busy?: Localized; closed?: Localized };
}

/** Size limits a ruleset must stay within (validation refuses more). */
export const RULESET_LIMITS = {
  rules: 2000,
  /** Condition nodes (leaves and combinators) over all rules: also the per-message step budget. */
  conditionNodes: 50_000,
  keywords: 50_000,
  keywordLength: 100,
  depth: 12,
  actionsPerRule: 20,
} as const;

export interface Ruleset {
  settings: RulesetSettings;
  rules: Rule[];
}

/** The payload the widget's "talk to a person" button sends. */
export const HANDOFF_PAYLOAD = "__handoff";

/** One validation error: the rule (or `settings` / `ruleset`) and the field inside it. */
export interface RulesetError {
  rule: string;
  /** Position of the rule in `rules`, when the error is about a rule. */
  index?: number;
  /** A path inside that rule, e.g. `when.all[0].op`. */
  field: string;
  message: string;
}

/**
 * A saved simulator case: a message in a context and what must happen. Every listed action must be
 * among the produced ones (a partial match: `{ "type": "handoff" }` matches any hand-off); `absent`
 * action types must not occur; `rules` must all match.
 */
export interface RuleTestCase {
  id: string;
  name: string;
  message: { text?: string; payload?: string };
  context?: Record<string, unknown>;
  expect: { actions?: Record<string, unknown>[]; absent?: string[]; rules?: string[] };
  createdAt?: number;
  updatedAt?: number;
}

/** The outcome of one test case against a ruleset. */
export interface RuleTestResult {
  id: string;
  name: string;
  passed: boolean;
  failures: string[];
}
