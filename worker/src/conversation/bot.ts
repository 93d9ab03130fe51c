// Turns a triage evaluation into effects for the conversation: bot replies, lifecycle events, contact
// fields, and the question the bot waits on (askField). Pure: the Durable Object carries out the plan.

import type { Action } from "../../../protocol/src/ruleset.ts";
import { HANDOFF_PAYLOAD } from "../../../protocol/src/ruleset.ts";
import type { Priority, QuickReply, TriageTrace } from "../../../protocol/src/types.ts";
import { localize } from "../lib/localize.ts";
import type { CompiledRuleset } from "../triage/compile.ts";
import { evaluate, handoffKeywordsIn, type Facts } from "../triage/evaluate.ts";
import { hasBuiltInCheck, readAnswer } from "./answers.ts";
import type { Notice } from "./handoff-notice.ts";
import type { ConversationState, LifecycleEvent, PendingField } from "./lifecycle.ts";

/** How many times the bot re-asks a question whose answer did not validate. */
export const MAX_REASKS = 2;

export interface BotPlan {
  replies: { text: string; quickReplies?: QuickReply[]; trace: TriageTrace }[];
  events: LifecycleEvent[];
  attributes: { name: string; value: unknown }[];
  pendingField: ConversationState["pendingField"];
  /** What the bot says once the hand-off is done (see handoff-notice.ts), after the rules' replies. */
  notices: string[];
  /** A question to wait on once the hand-off is done (the email to answer at). */
  afterHandoff: PendingField | null;
  missed: boolean;
  trace: TriageTrace;
  /** Where the bot handed off: the team (null = none known), why, and the rule's note for agents. */
  handoff: { team: string | null; reason: string; note?: string } | null;
}

function emptyPlan(trace: TriageTrace): BotPlan {
  return { replies: [], events: [], attributes: [], pendingField: null, notices: [], afterHandoff: null, missed: false, trace, handoff: null };
}

/** Fills `{{visitor.attributes.orderNumber}}`-style placeholders from the facts (as plain text). */
export function interpolate(text: string, facts: Facts): string {
  return text.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, path: string) => {
    let cur: unknown = facts;
    for (const part of path.split(".")) cur = cur !== null && typeof cur === "object" ? (cur as Record<string, unknown>)[part] : undefined;
    if (cur === undefined || cur === null || typeof cur === "object") return "";
    // Visitor-supplied values must not turn into links or formatting in the bot's message.
    return String(cur)
      .replace(/[*_[\]()<>`]/g, "")
      .slice(0, 200);
  });
}

/** Runs actions in order; an `askField` suspends the rest until the visitor answers. */
function runActions(actions: Action[], plan: BotPlan, given: Facts, state: ConversationState, ruleset: CompiledRuleset): void {
  let team = state.team;
  let facts = given;
  for (let i = 0; i < actions.length; i++) {
    const a = actions[i]!;
    switch (a.type) {
      case "reply":
        plan.replies.push({
          text: interpolate(localize(a.text, state.locale), facts),
          ...(a.quickReplies?.length ? { quickReplies: a.quickReplies.map((q) => ({ label: localize(q.label, state.locale), payload: q.payload })) } : {}),
          trace: plan.trace,
        });
        break;
      case "askField": {
        if (a.field === "email" && facts.visitor.email) break; // known already: nobody repeats themselves
        // "Where is order A12345?": the answer is in the message already, so it is not asked for.
        const inMessage = a.validate || hasBuiltInCheck(a.field) ? readAnswer(a.field, a.validate, facts.message.text) : null;
        if (inMessage !== null) {
          plan.attributes.push({ name: a.field, value: inMessage });
          facts = withAnswer(facts, a.field, inMessage);
          break;
        }
        plan.replies.push({ text: interpolate(localize(a.prompt, state.locale), facts), trace: plan.trace });
        const pending: PendingField = { field: a.field, attempts: 0, prompt: a.prompt, rest: actions.slice(i + 1), trace: plan.trace, kind: "rule" };
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
        team = a.team;
        plan.events.push({ type: "setTeam", team: a.team });
        break;
      case "handoff": {
        const to = a.team ?? team ?? ruleset.defaultTeam;
        const reason = a.reason ?? "rule";
        plan.handoff = { team: to, reason, ...(a.note ? { note: a.note } : {}) };
        plan.events.push({ type: "handoff", team: to, reason });
        return;
      }
      case "resolve":
        plan.events.push({ type: "setStatus", status: "resolved" });
        break;
    }
  }
}

function withAnswer(facts: Facts, field: string, value: string): Facts {
  if (field === "email") return { ...facts, visitor: { ...facts.visitor, email: value } };
  return { ...facts, visitor: { ...facts.visitor, attributes: { ...facts.visitor.attributes, [field]: value } } };
}

/**
 * Decides the bot's response to a visitor message. When a question (askField) is pending, the
 * message is taken as its answer: a valid answer is stored on the contact and the suspended actions
 * resume. A message that is not an answer but matches a rule starts that topic instead; otherwise the
 * question is asked again, at most MAX_REASKS times, after which the message is triaged like any
 * other. The hand-off button, hand-off keywords and quick replies always go straight to triage.
 */
export function planBotTurn(ruleset: CompiledRuleset, facts: Facts, state: ConversationState, now: number): BotPlan {
  const pending = state.pendingField;
  const text = facts.message.text.trim();
  const wantsPerson = facts.message.payload === HANDOFF_PAYLOAD || handoffKeywordsIn(ruleset, text).length > 0;
  if (pending && !wantsPerson && !facts.message.payload) {
    const value = readAnswer(pending.field, pending.validate, text);
    if (value !== null) {
      const trace: TriageTrace = { ...pending.trace, builtin: { kind: "answer", detail: `answer to "${pending.field}" accepted` }, at: now };
      const plan = emptyPlan(trace);
      plan.attributes.push({ name: pending.field, value });
      runActions(pending.rest, plan, withAnswer(facts, pending.field, value), state, ruleset);
      return plan;
    }
    const result = evaluate(ruleset, facts, now);
    if (result.missed && pending.attempts < MAX_REASKS) {
      const trace: TriageTrace = {
        ...pending.trace,
        builtin: { kind: "answer-rejected", detail: `answer to "${pending.field}" did not validate; asked again` },
        at: now,
      };
      const plan = emptyPlan(trace);
      plan.replies.push({ text: localize(pending.error ?? pending.prompt, state.locale), trace });
      plan.pendingField = { ...pending, attempts: pending.attempts + 1 };
      return plan;
    }
    return planFrom(result, ruleset, facts, state);
  }
  return planFrom(evaluate(ruleset, facts, now), ruleset, facts, state);
}

function planFrom(result: ReturnType<typeof evaluate>, ruleset: CompiledRuleset, facts: Facts, state: ConversationState): BotPlan {
  const plan = emptyPlan(result.trace);
  plan.missed = result.missed;
  runActions(result.actions, plan, facts, state, ruleset);
  return plan;
}

/** Adds the honest hand-off notice to a plan, and the email question to wait on when one is needed. */
export function addHandoffNotice(plan: BotPlan, notice: Notice): void {
  plan.notices.push(...notice.texts);
  if (notice.askEmail)
    plan.afterHandoff = { field: "email", attempts: 0, prompt: notice.texts.at(-1) ?? "", rest: [], trace: plan.trace, kind: "handoff-email" };
}

const THANKS = {
  en: "Thank you. We'll answer at {email}.",
  "zh-CN": "谢谢，我们会回复至 {email}。",
  "zh-TW": "謝謝，我們會回覆至 {email}。",
};

/**
 * A message while queued with the email question open: an email in it is stored and acknowledged;
 * anything else closes the question silently (the message waits for the person like any other).
 */
export function planQueuedAnswer(state: ConversationState, text: string, now: number): BotPlan {
  const pending = state.pendingField!;
  const email = readAnswer("email", undefined, text);
  const trace: TriageTrace = {
    ...pending.trace,
    builtin: { kind: email ? "answer" : "answer-rejected", detail: `email ${email ? "accepted" : "not given"}` },
    at: now,
  };
  const plan = emptyPlan(trace);
  if (email) {
    plan.attributes.push({ name: "email", value: email });
    plan.replies.push({ text: localize(THANKS, state.locale).replace("{email}", email), trace });
  }
  return plan;
}
