// The rules simulator: builds facts from a message and a partial context (defaults of a fresh web
// conversation), then evaluates. Pure: the route supplies the site's zone and hours.

import type { Action, Ruleset } from "../../../protocol/src/ruleset.ts";
import type { TriageTrace } from "../../../protocol/src/types.ts";
import { isBusinessHours, localTime, type BusinessHours } from "../lib/time.ts";
import { compileRuleset } from "./compile.ts";
import { evaluate, type Facts } from "./evaluate.ts";
import { detectLanguage } from "./text.ts";

export type SimulateResult = { ok: true; actions: Action[]; trace: TriageTrace } | { ok: false; field: string; message: string };

function rec(v: unknown): Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** Evaluates one message against a ruleset as if it arrived in the given context. */
export function simulate(
  ruleset: Ruleset,
  version: number,
  message: unknown,
  context: unknown,
  site: { timezone: string; businessHours: BusinessHours },
  now = Date.now(),
): SimulateResult {
  const m = typeof message === "string" ? { text: message } : rec(message);
  const text = typeof m.text === "string" ? m.text : "";
  const payload = typeof m.payload === "string" ? m.payload : undefined;
  if (!text && !payload) return { ok: false, field: "message", message: "Give a message text or a payload." };
  if (text.length > 4000) return { ok: false, field: "message.text", message: "Messages are at most 4000 characters." };
  const ctx = rec(context);
  let at = now;
  if (ctx.now !== undefined) {
    at = typeof ctx.now === "string" ? Date.parse(ctx.now) : NaN;
    if (Number.isNaN(at)) return { ok: false, field: "context.now", message: "now must be an ISO date-time." };
  }
  const t = localTime(at, site.timezone);
  const time = rec(ctx.time);
  const visitor = rec(ctx.visitor);
  const conversation = rec(ctx.conversation);
  const page = rec(ctx.page);
  const facts: Facts = {
    message: { text, ...(payload ? { payload } : {}), language: typeof m.language === "string" ? m.language : detectLanguage(text) },
    channel: typeof ctx.channel === "string" ? ctx.channel : "web",
    page: typeof page.url === "string" ? { url: page.url } : {},
    visitor: {
      tier: typeof visitor.tier === "string" ? visitor.tier : "regular",
      ...(typeof visitor.email === "string" ? { email: visitor.email } : {}),
      attributes: rec(visitor.attributes),
    },
    conversation: {
      botTurns: typeof conversation.botTurns === "number" ? conversation.botTurns : 0,
      missedTurns: typeof conversation.missedTurns === "number" ? conversation.missedTurns : 0,
      labels: Array.isArray(conversation.labels) ? conversation.labels.filter((l): l is string => typeof l === "string") : [],
    },
    time: {
      businessHours: typeof time.businessHours === "boolean" ? time.businessHours : isBusinessHours(at, site.timezone, site.businessHours),
      weekday: typeof time.weekday === "number" ? time.weekday : t.weekday,
      hour: typeof time.hour === "number" ? time.hour : t.hour,
    },
  };
  const result = evaluate(compileRuleset(ruleset, version), facts, at);
  return { ok: true, actions: result.actions, trace: result.trace };
}
