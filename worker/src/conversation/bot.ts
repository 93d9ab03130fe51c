// Turns a triage evaluation into effects for the conversation: bot replies, lifecycle events, contact
// fields. Pure: the Durable Object carries out what this returns.

import type { Action } from "../../../protocol/src/ruleset.ts";
import type { Priority, QuickReply, TriageTrace } from "../../../protocol/src/types.ts";
import type { CompiledRuleset } from "../triage/compile.ts";
import { evaluate, type Facts } from "../triage/evaluate.ts";
import { normalizeText } from "../triage/text.ts";
import { localize } from "../lib/localize.ts";
import type { ConversationState, LifecycleEvent, PendingField } from "./lifecycle.ts";

/** How many times the bot re-asks a question whose answer did not validate. */
export const MAX_REASKS = 2;

export interface BotPlan {
  replies: { text: string; quickReplies?: QuickReply[]; trace: TriageTrace }[];
  events: LifecycleEvent[];
  attributes: { name: string; value: unknown }[];
  pendingField: ConversationState["pendingField"];
  missed: boolean;
  trace: TriageTrace;
  /** Where the bot handed off, the team (null = site default). */
  handoff: { team: string | null; reason: string; note?: string } | null;
}

function emptyPlan(trace: TriageTrace): BotPlan {
  return { replies: [], events: [], attributes: [], pendingField: null, missed: false, trace, handoff: null };
}

/** Runs a list of actions in order; an `askField` suspends the rest until the visitor answers. */
function runActions(actions: Action[], plan: BotPlan, locale: string, defaultTeam: string | null): void {
  for (let i = 0; i < actions.length; i++) {
    const a = actions[i]!;
    switch (a.type) {
      case "reply":
        plan.replies.push({
          text: localize(a.text, locale),
          ...(a.quickReplies?.length ? { quickReplies: a.quickReplies.map((q) => ({ label: localize(q.label, locale), payload: q.payload })) } : {}),
          trace: plan.trace,
        });
        break;
      case "askField": {
        plan.replies.push({ text: localize(a.prompt, locale), trace: plan.trace });
        const pending: PendingField = { field: a.field, attempts: 0, prompt: a.prompt, rest: actions.slice(i + 1), trace: plan.trace };
        if (a.validate) pending.validate = a.validate;
        if (a.error) pending.error = a.error;
        plan.pendingField = pending;
        return;
      }
      case "setPriority":
        plan.events.push({ type: "setPriority", priority: a.value as Priority });
        break;
      case "addLabels":
        plan.events.push({ type: "addLabels", labels: a.value });
        break;
      case "setAttribute":
        plan.attributes.push({ name: a.name, value: a.value });
        break;
      case "route":
        plan.events.push({ type: "setTeam", team: a.team });
        break;
      case "handoff": {
        const team = a.team ?? defaultTeam;
        plan.handoff = { team, reason: a.reason ?? "rule", ...(a.note ? { note: a.note } : {}) };
        plan.events.push({ type: "handoff", team, reason: a.reason ?? "rule" });
        return;
      }
      case "resolve":
        plan.events.push({ type: "setStatus", status: "resolved" });
        break;
    }
  }
}

/**
 * Decides the bot's response to a visitor message. When a question (askField) is pending, the
 * message is taken as its answer: a valid answer is stored and the suspended actions resume; a bad
 * one is re-asked at most MAX_REASKS times, after which the message is triaged like any other.
 * Hand-off keywords and the hand-off button always go through triage, whatever is pending.
 */
export function planBotTurn(ruleset: CompiledRuleset, facts: Facts, state: ConversationState, now: number): BotPlan {
  const defaultTeam = ruleset.source.settings.defaultTeam ?? null;
  const pending = state.pendingField;
  const text = facts.message.text.trim();
  const wantsPerson = facts.message.payload === "__handoff" || ruleset.handoffKeywords.test(normalizeText(text));
  if (pending && !wantsPerson && !facts.message.payload) {
    let valid = text.length > 0 && text.length <= 500;
    if (valid && pending.validate) {
      try {
        valid = new RegExp(pending.validate, "u").test(text.normalize("NFKC"));
      } catch {
        valid = false;
      }
    }
    const trace: TriageTrace = {
      ...pending.trace,
      builtin: { kind: "fallback", detail: `answer to "${pending.field}" ${valid ? "accepted" : "did not validate"}` },
    };
    if (valid) {
      const plan = emptyPlan(trace);
      plan.attributes.push({ name: pending.field, value: text.normalize("NFKC") });
      runActions(pending.rest, plan, state.locale, defaultTeam);
      return plan;
    }
    if (pending.attempts < MAX_REASKS) {
      const plan = emptyPlan(trace);
      plan.replies.push({ text: localize(pending.error ?? pending.prompt, state.locale), trace });
      plan.pendingField = { ...pending, attempts: pending.attempts + 1 };
      return plan;
    }
  }
  const result = evaluate(ruleset, facts, now);
  const plan = emptyPlan(result.trace);
  plan.missed = result.missed;
  runActions(result.actions, plan, state.locale, defaultTeam);
  return plan;
}
