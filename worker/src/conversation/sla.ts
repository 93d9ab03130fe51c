// The SLA clock of a conversation, pure: started at hand-off (or reopen), targets from the site's policy
// for the priority (complaints use their own), paused while pending/snoozed, ended by resolution.

import type { SlaPolicy, SlaTarget } from "../../../protocol/src/sla.ts";
import type { Priority, Status } from "../../../protocol/src/types.ts";
import type { ConversationState } from "./lifecycle.ts";

/** One SLA cycle. Targets are fixed when the cycle starts and re-taken when priority or complaint changes. */
export interface SlaClock {
  startedAt: number;
  /** The priority and complaint flag the targets were taken for. */
  priority: Priority;
  complaint: boolean;
  firstResponseMinutes: number | null;
  resolutionMinutes: number | null;
  warningMinutes: number;
  /** The first public agent reply of this cycle. */
  respondedAt: number | null;
  /** Set while the conversation is pending or snoozed: the resolution clock stands still. */
  pausedAt: number | null;
  /** Time spent paused so far (pushes the resolution deadline back). */
  pausedMs: number;
  endedAt: number | null;
  warned: SlaTarget[];
  breached: SlaTarget[];
}

const PAUSED: readonly Status[] = ["pending", "snoozed"];
const WITH_PEOPLE: readonly Status[] = ["queued", "assigned", "pending", "snoozed"];

/** Whether the conversation counts as a complaint (the starter ruleset labels them). */
export function isComplaint(s: Pick<ConversationState, "labels">): boolean {
  return s.labels.includes("complaint");
}

function targetsFor(policy: SlaPolicy, priority: Priority, complaint: boolean) {
  const t = complaint ? policy.complaint : policy.standard;
  return { firstResponseMinutes: t.firstResponse[priority] ?? null, resolutionMinutes: t.resolution[priority] ?? null };
}

/** When a target is due, or null when it is met, paused, ended or has no target. */
export function slaDueOf(c: SlaClock, target: SlaTarget): number | null {
  if (c.endedAt !== null) return null;
  if (target === "first_response") {
    if (c.respondedAt !== null || c.firstResponseMinutes === null) return null;
    return c.startedAt + c.firstResponseMinutes * 60_000;
  }
  if (c.pausedAt !== null || c.resolutionMinutes === null) return null;
  return c.startedAt + c.resolutionMinutes * 60_000 + c.pausedMs;
}

/**
 * When to warn about a target: `warningMinutes` before it is due, but never in the first half of the
 * target (a 10-minute warning on a 5-minute target would fire at once). Null when there is nothing to warn.
 */
export function slaWarnAt(c: SlaClock, target: SlaTarget): number | null {
  const due = slaDueOf(c, target);
  if (due === null || c.warningMinutes <= 0) return null;
  const span = due - c.startedAt - (target === "resolution" ? c.pausedMs : 0);
  return due - Math.min(c.warningMinutes * 60_000, Math.floor(span / 2));
}

function startClock(s: ConversationState, policy: SlaPolicy, at: number): SlaClock {
  const complaint = isComplaint(s);
  return {
    startedAt: at,
    priority: s.priority,
    complaint,
    ...targetsFor(policy, s.priority, complaint),
    warningMinutes: policy.warningMinutes,
    respondedAt: null,
    pausedAt: null,
    pausedMs: 0,
    endedAt: null,
    warned: [],
    breached: [],
  };
}

/**
 * Brings the SLA clock in line with the conversation: starts it at hand-off, restarts it when a
 * resolved conversation reopens, re-takes targets when priority or complaint status changes (not when
 * a breach raised the priority), records the first response, pauses and resumes, ends it on
 * resolution. Idempotent: depends only on the state, the policy and `now`.
 */
export function reconcileSla(s: ConversationState, policy: SlaPolicy, now: number): ConversationState {
  const withPeople = s.handoffAt !== null && WITH_PEOPLE.includes(s.status);
  let c = s.sla;
  if (!c || c.endedAt !== null) {
    if (!withPeople) return s;
    // A first hand-off counts from the hand-off; a reopened conversation from now.
    c = startClock(s, policy, c ? now : Math.min(s.handoffAt!, now));
  } else c = { ...c };

  if (s.status === "resolved" || s.status === "closed" || s.status === "bot") {
    if (c.pausedAt !== null) c.pausedMs += Math.max(0, now - c.pausedAt);
    c.pausedAt = null;
    c.endedAt = s.resolvedAt ?? now;
    return { ...s, sla: c };
  }

  const complaint = isComplaint(s);
  if (c.priority !== s.priority || c.complaint !== complaint) {
    const before = { fr: slaWarnAt(c, "first_response"), res: slaWarnAt(c, "resolution") };
    Object.assign(c, { priority: s.priority, complaint }, targetsFor(policy, s.priority, complaint));
    // A warning already given stays given unless the new deadline is later than the old warning time.
    c.warned = c.warned.filter((t) => {
      const nowWarn = slaWarnAt(c!, t);
      const old = t === "first_response" ? before.fr : before.res;
      return nowWarn === null || old === null || nowWarn <= old;
    });
  }
  if (c.respondedAt === null && s.lastAgentReplyAt !== null && s.lastAgentReplyAt >= c.startedAt) c.respondedAt = s.lastAgentReplyAt;

  const paused = PAUSED.includes(s.status);
  if (paused && c.pausedAt === null) c.pausedAt = now;
  if (!paused && c.pausedAt !== null) {
    c.pausedMs += Math.max(0, now - c.pausedAt);
    c.pausedAt = null;
  }
  return JSON.stringify(c) === JSON.stringify(s.sla) ? s : { ...s, sla: c };
}
