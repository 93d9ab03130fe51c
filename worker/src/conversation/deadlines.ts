// Every deadline of a conversation, computed from its state and the site's policy (pure): SLA warnings
// and breaches, the end of a snooze, inactivity auto-resolve, the follow-up. The object stores them
// in its schedule table and keeps one alarm at the earliest.

import type { SlaPolicy, SlaTarget } from "../../../protocol/src/sla.ts";
import { localize } from "../lib/localize.ts";
import { awaitingCustomerSince, type ConversationState, type LifecycleEvent } from "./lifecycle.ts";
import { slaDueOf, slaWarnAt } from "./sla.ts";

export type TimerKind =
  "sla-warning:first_response" | "sla-breach:first_response" | "sla-warning:resolution" | "sla-breach:resolution" | "snooze" | "inactivity" | "follow-up";

export interface Deadline {
  kind: TimerKind;
  at: number;
}

/** The conversation's pending deadlines, earliest first. */
export function deadlines(s: ConversationState, policy: SlaPolicy): Deadline[] {
  const out: Deadline[] = [];
  const c = s.sla;
  if (c && c.endedAt === null) {
    for (const target of ["first_response", "resolution"] as SlaTarget[]) {
      const due = slaDueOf(c, target);
      if (due === null || c.breached.includes(target)) continue;
      const warn = slaWarnAt(c, target);
      if (warn !== null && !c.warned.includes(target)) out.push({ kind: `sla-warning:${target}`, at: warn });
      out.push({ kind: `sla-breach:${target}`, at: due });
    }
  }
  if (s.status === "snoozed" && s.snoozeUntil !== null) out.push({ kind: "snooze", at: s.snoozeUntil });
  const quietSince = awaitingCustomerSince(s);
  if (policy.inactivity.enabled && quietSince !== null) out.push({ kind: "inactivity", at: quietSince + policy.inactivity.minutes * 60_000 });
  if (policy.followUp.enabled && s.status === "resolved" && s.resolvedAt !== null && (s.followUpSentAt === null || s.followUpSentAt < s.resolvedAt))
    out.push({ kind: "follow-up", at: s.resolvedAt + policy.followUp.delayMinutes * 60_000 });
  // Warnings sort before the breach they announce when both are due at the same moment.
  return out.sort((a, b) => a.at - b.at || (a.kind.startsWith("sla-warning") ? -1 : 0) - (b.kind.startsWith("sla-warning") ? -1 : 0));
}

/** The lifecycle event a deadline raises. */
export function timerEvent(kind: TimerKind, s: ConversationState, policy: SlaPolicy): LifecycleEvent {
  switch (kind) {
    case "snooze":
      return { type: "snoozeEnded" };
    case "inactivity":
      return { type: "inactive", minutes: policy.inactivity.minutes };
    case "follow-up":
      return { type: "followUp", text: localize(policy.followUp.message, s.locale) };
    default: {
      const [what, target] = kind.split(":") as ["sla-warning" | "sla-breach", SlaTarget];
      return what === "sla-warning" ? { type: "slaWarning", target } : { type: "slaBreach", target };
    }
  }
}

/** The earliest deadline that is due at `now`, as the event it raises, or null. */
export function nextDue(s: ConversationState, policy: SlaPolicy, now: number): { kind: TimerKind; event: LifecycleEvent } | null {
  const first = deadlines(s, policy)[0];
  return first && first.at <= now ? { kind: first.kind, event: timerEvent(first.kind, s, policy) } : null;
}
