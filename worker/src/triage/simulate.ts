// The rules simulator's input: a message and a partial context (CONTRACT.md §4) become the facts of a
// fresh web conversation, checked field by field. Pure: the route supplies the site's zone and hours.

import { TIERS } from "../../../protocol/src/ruleset.ts";
import { CHANNELS } from "../../../protocol/src/types.ts";
import { isBusinessHours, localTime, type BusinessHours } from "../lib/time.ts";
import type { Facts } from "./evaluate.ts";
import { detectLanguage } from "./text.ts";

export type SimulationInput = { ok: true; facts: Facts; at: number; locale: string } | { ok: false; field: string; message: string };

export interface SiteClock {
  timezone: string;
  businessHours: BusinessHours;
}

function rec(v: unknown): Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

const bad = (field: string, message: string): SimulationInput => ({ ok: false, field, message });

/**
 * Builds facts from `message` (`{ text?, payload? }` or a string) and `context` (same paths as the
 * condition fields, or `now` as an ISO time from which the time fields are computed in the site's
 * zone). Missing parts take the defaults of a fresh web conversation at `now`; `fixedTime` replaces
 * the clock when the context says nothing about time (saved test cases must not depend on it).
 */
export function simulationInput(message: unknown, context: unknown, site: SiteClock, now: number, fixedTime?: Facts["time"]): SimulationInput {
  const m = typeof message === "string" ? { text: message } : rec(message);
  if (m.text !== undefined && typeof m.text !== "string") return bad("message.text", "text must be a string.");
  if (m.payload !== undefined && (typeof m.payload !== "string" || m.payload.length > 256))
    return bad("message.payload", "payload is a string of up to 256 characters.");
  const text = (m.text as string | undefined) ?? "";
  const payload = m.payload as string | undefined;
  if (!text.trim() && !payload) return bad("message", "Give a message text or a payload.");
  if (text.length > 4000) return bad("message.text", "Messages are at most 4000 characters.");
  if (context !== undefined && context !== null && typeof context !== "object") return bad("context", "context must be an object.");
  const ctx = rec(context);
  let at = now;
  if (ctx.now !== undefined) {
    at = typeof ctx.now === "string" ? Date.parse(ctx.now) : NaN;
    if (Number.isNaN(at)) return bad("context.now", "now must be an ISO date-time.");
  }
  const channel = ctx.channel ?? "web";
  if (!(CHANNELS as readonly unknown[]).includes(channel)) return bad("context.channel", `channel is one of ${CHANNELS.join(", ")}.`);
  const visitor = rec(ctx.visitor);
  const tier = visitor.tier ?? "regular";
  if (!(TIERS as readonly unknown[]).includes(tier)) return bad("context.visitor.tier", `tier is one of ${TIERS.join(", ")}.`);
  if (visitor.email !== undefined && typeof visitor.email !== "string") return bad("context.visitor.email", "email must be a string.");
  if (visitor.attributes !== undefined && (typeof visitor.attributes !== "object" || visitor.attributes === null || Array.isArray(visitor.attributes)))
    return bad("context.visitor.attributes", "attributes must be an object.");
  const page = rec(ctx.page);
  if (page.url !== undefined && typeof page.url !== "string") return bad("context.page.url", "url must be a string.");
  const conversation = rec(ctx.conversation);
  for (const k of ["botTurns", "missedTurns"] as const)
    if (conversation[k] !== undefined && (typeof conversation[k] !== "number" || !Number.isInteger(conversation[k]) || (conversation[k] as number) < 0))
      return bad(`context.conversation.${k}`, `${k} must be a whole number ≥ 0.`);
  if (conversation.labels !== undefined && (!Array.isArray(conversation.labels) || conversation.labels.some((l) => typeof l !== "string")))
    return bad("context.conversation.labels", "labels must be a list of strings.");
  const time = rec(ctx.time);
  if (time.businessHours !== undefined && typeof time.businessHours !== "boolean") return bad("context.time.businessHours", "businessHours is true or false.");
  for (const [k, max] of [
    ["weekday", 6],
    ["hour", 23],
  ] as const)
    if (time[k] !== undefined && (typeof time[k] !== "number" || !Number.isInteger(time[k]) || (time[k] as number) < 0 || (time[k] as number) > max))
      return bad(`context.time.${k}`, `${k} is a whole number from 0 to ${max}.`);
  if (ctx.locale !== undefined && (typeof ctx.locale !== "string" || !/^[a-z]{2}(-[A-Za-z]{2,4})?$/.test(ctx.locale)))
    return bad("context.locale", "locale is a tag like en or zh-CN.");

  const clock = fixedTime && ctx.now === undefined ? fixedTime : null;
  const t = localTime(at, site.timezone);
  const language = detectLanguage(text);
  const facts: Facts = {
    message: { text, ...(payload ? { payload } : {}), language },
    channel: channel as string,
    page: typeof page.url === "string" ? { url: page.url } : {},
    visitor: {
      tier: tier as string,
      ...(typeof visitor.email === "string" && visitor.email ? { email: visitor.email } : {}),
      attributes: rec(visitor.attributes),
    },
    conversation: {
      botTurns: (conversation.botTurns as number | undefined) ?? 0,
      missedTurns: (conversation.missedTurns as number | undefined) ?? 0,
      labels: (conversation.labels as string[] | undefined) ?? [],
    },
    time: {
      businessHours: (time.businessHours as boolean | undefined) ?? clock?.businessHours ?? isBusinessHours(at, site.timezone, site.businessHours),
      weekday: (time.weekday as number | undefined) ?? clock?.weekday ?? t.weekday,
      hour: (time.hour as number | undefined) ?? clock?.hour ?? t.hour,
    },
  };
  const locale = (ctx.locale as string | undefined) ?? (language === "zh" ? "zh-CN" : "en");
  return { ok: true, facts, at, locale };
}
