// SLA policy of a site (targets per priority, complaint targets, warnings, inactivity, follow-up) and
// the SLA alerts the Inbox streams to consoles. Shared by the worker and the admin; the parser is total.

import type { Localized } from "./ruleset.ts";
import { PRIORITIES, type Priority } from "./types.ts";

/** What an SLA target measures: the first agent reply after hand-off, or resolving the conversation. */
export const SLA_TARGETS = ["first_response", "resolution"] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];

/** Minutes per priority; `null` means no target for that priority. */
export type PriorityMinutes = Record<Priority, number | null>;

export interface SlaTargets {
  firstResponse: PriorityMinutes;
  resolution: PriorityMinutes;
}

/** A site's SLA policy. All durations are whole minutes. */
export interface SlaPolicy {
  /** Targets for ordinary conversations. */
  standard: SlaTargets;
  /** Targets for complaints (conversations labelled `complaint`): usually shorter. */
  complaint: SlaTargets;
  /** Agents are warned this long before a target is breached (0 = no warnings). */
  warningMinutes: number;
  /** Resolve a conversation when the customer has not replied to us for this long. */
  inactivity: { enabled: boolean; minutes: number };
  /** Check in with the customer this long after resolution (回访). */
  followUp: { enabled: boolean; delayMinutes: number; message: Localized };
}

/** Upper bounds the parser enforces (and the admin form shows). */
export const SLA_LIMITS = {
  targetMinutes: 365 * 24 * 60,
  warningMinutes: 24 * 60,
  inactivityMinutes: { min: 5, max: 90 * 24 * 60 },
  followUpMinutes: { min: 1, max: 90 * 24 * 60 },
  messageLength: 1000,
} as const;

/** A warning (target about to be missed) or a breach, as the Inbox streams it to consoles. */
export interface SlaAlert {
  conversationId: string;
  siteId: string;
  kind: "warning" | "breach";
  target: SlaTarget;
  /** When the target is (or was) due, ms since the epoch. */
  due: number;
  /** When the alert was raised. */
  at: number;
  /** Priority after escalation (a breach raises it one step). */
  priority: Priority;
  team: string | null;
  assigneeId: string | null;
  complaint: boolean;
}

export type SlaParseResult = { ok: true; policy: SlaPolicy } | { ok: false; field: string; message: string };

class Bad {
  readonly field: string;
  readonly message: string;
  constructor(field: string, message: string) {
    this.field = field;
    this.message = message;
  }
}

function rec(v: unknown, field: string): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new Bad(field, `${field} must be an object.`);
  return v as Record<string, unknown>;
}

function int(v: unknown, field: string, min: number, max: number): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) throw new Bad(field, `${field} must be a whole number from ${min} to ${max}.`);
  return v;
}

function bool(v: unknown, field: string): boolean {
  if (typeof v !== "boolean") throw new Bad(field, `${field} must be true or false.`);
  return v;
}

function minutes(v: unknown, field: string): PriorityMinutes {
  const o = rec(v, field);
  const out = {} as PriorityMinutes;
  for (const p of PRIORITIES) out[p] = o[p] === null ? null : int(o[p], `${field}.${p}`, 1, SLA_LIMITS.targetMinutes);
  return out;
}

function targets(v: unknown, field: string): SlaTargets {
  const o = rec(v, field);
  return { firstResponse: minutes(o.firstResponse, `${field}.firstResponse`), resolution: minutes(o.resolution, `${field}.resolution`) };
}

function localized(v: unknown, field: string, required: boolean): Localized {
  const max = SLA_LIMITS.messageLength;
  if (typeof v === "string") {
    if (v.length > max) throw new Bad(field, `${field} is longer than ${max} characters.`);
    if (required && !v.trim()) throw new Bad(field, `${field} is required when follow-up is enabled.`);
    return v;
  }
  const o = rec(v, field);
  const entries = Object.entries(o);
  if (entries.length > 20) throw new Bad(field, `${field} has too many languages.`);
  const out: Record<string, string> = {};
  for (const [k, text] of entries) {
    if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,2}$/.test(k)) throw new Bad(`${field}.${k}`, `"${k}" is not a language tag.`);
    if (typeof text !== "string" || text.length > max) throw new Bad(`${field}.${k}`, `${field}.${k} must be text of at most ${max} characters.`);
    if (text.trim()) out[k] = text;
  }
  if (required && Object.keys(out).length === 0) throw new Bad(field, `${field} is required when follow-up is enabled.`);
  return out;
}

/** Validates a whole policy (as PUT sends it). Never throws: bad input names the offending field. */
export function parseSlaPolicy(raw: unknown): SlaParseResult {
  try {
    const o = rec(raw, "policy");
    const inactivity = rec(o.inactivity, "inactivity");
    const followUp = rec(o.followUp, "followUp");
    const followUpEnabled = bool(followUp.enabled, "followUp.enabled");
    const policy: SlaPolicy = {
      standard: targets(o.standard, "standard"),
      complaint: targets(o.complaint, "complaint"),
      warningMinutes: int(o.warningMinutes, "warningMinutes", 0, SLA_LIMITS.warningMinutes),
      inactivity: {
        enabled: bool(inactivity.enabled, "inactivity.enabled"),
        minutes: int(inactivity.minutes, "inactivity.minutes", SLA_LIMITS.inactivityMinutes.min, SLA_LIMITS.inactivityMinutes.max),
      },
      followUp: {
        enabled: followUpEnabled,
        delayMinutes: int(followUp.delayMinutes, "followUp.delayMinutes", SLA_LIMITS.followUpMinutes.min, SLA_LIMITS.followUpMinutes.max),
        message: localized(followUp.message, "followUp.message", followUpEnabled),
      },
    };
    return { ok: true, policy };
  } catch (e) {
    if (e instanceof Bad) return { ok: false, field: e.field, message: e.message };
    return { ok: false, field: "policy", message: "The policy could not be read." };
  }
}
