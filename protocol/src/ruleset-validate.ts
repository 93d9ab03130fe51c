// Validates a ruleset as a whole (CONTRACT.md §5): every error names the rule and the field at fault.
// Pure and import-free of the worker, so the admin validates as you type and the API refuses the same.

import { regexHazard } from "./regex-safety.ts";
import { ACTION_TYPES, fieldKind, OPERATORS, OPERATORS_BY_KIND, RULESET_LIMITS, TIERS } from "./ruleset.ts";
import type { Ruleset, RulesetError } from "./ruleset.ts";
import { foldKeyword } from "./text-fold.ts";
import { CHANNELS as CHANNEL_VALUES } from "./types.ts";

export type Validation = { ok: true; ruleset: Ruleset } | { ok: false; errors: RulesetError[] };

export interface ValidateOptions {
  /** Team ids that exist on the site; routing or handing off to another team is an error. */
  teams?: readonly string[];
}

const PRIORITIES = ["low", "normal", "high", "urgent"];
const RULE_KEYS = new Set(["id", "name", "description", "enabled", "when", "then", "stop"]);
const LEAF_KEYS = new Set(["field", "op", "value", "flags"]);
const ACTION_KEYS: Record<string, string[]> = {
  reply: ["text", "quickReplies"],
  askField: ["field", "prompt", "validate", "error"],
  setPriority: ["value"],
  addLabels: ["value"],
  setAttribute: ["name", "value"],
  route: ["team"],
  handoff: ["team", "note", "reason"],
  resolve: [],
};
const MAX_ERRORS = 200;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isLocalized(v: unknown): boolean {
  if (typeof v === "string") return v.trim().length > 0;
  return isRecord(v) && Object.keys(v).length > 0 && Object.values(v).every((s) => typeof s === "string" && s.trim().length > 0);
}

/** Shared state of one validation run. */
interface Ctx {
  errors: RulesetError[];
  opts: ValidateOptions;
  keywords: number;
  nodes: number;
}

/** Collects errors about one rule. */
function reporter(ctx: Ctx, rule: string, index?: number) {
  return (field: string, message: string) => {
    if (ctx.errors.length < MAX_ERRORS) ctx.errors.push({ rule, ...(index !== undefined ? { index } : {}), field, message });
  };
}
type Report = ReturnType<typeof reporter>;

function checkRegex(source: unknown, flags: string, path: string, report: Report): void {
  if (typeof source !== "string" || source.length === 0 || source.length > 500) return report(path, "a regular expression (1 to 500 characters) is required");
  try {
    new RegExp(source, `${flags.replace("u", "")}u`);
  } catch (e) {
    return report(path, `invalid regular expression: ${(e as Error).message}`);
  }
  const hazard = regexHazard(source, flags);
  if (hazard) report(path, `this regular expression could backtrack catastrophically: ${hazard}`);
}

function checkKeywords(v: unknown, op: string, path: string, ctx: Ctx, report: Report): void {
  if (!Array.isArray(v) || v.length === 0) return report(path, `"${op}" needs a non-empty list`);
  v.forEach((k, i) => {
    if (typeof k !== "string" && typeof k !== "number") return report(`${path}[${i}]`, "keywords are text");
    const s = String(k);
    if (s.length > RULESET_LIMITS.keywordLength) return report(`${path}[${i}]`, `keywords are at most ${RULESET_LIMITS.keywordLength} characters`);
    if (foldKeyword(s) === "")
      report(`${path}[${i}]`, s.trim() === "" ? "keywords must not be empty" : `keyword ${JSON.stringify(s)} has no letters or digits`);
  });
  ctx.keywords += v.length;
}

function checkValueKind(kind: string, v: unknown, path: string, report: Report): void {
  const list = Array.isArray(v) ? v : [v];
  for (const x of list) {
    if (kind === "number" && typeof x !== "number") return report(path, "this field holds a number");
    if (kind === "boolean" && typeof x !== "boolean") return report(path, "this field is true or false");
    if (kind === "channel" && !(CHANNEL_VALUES as readonly unknown[]).includes(x)) return report(path, `channel is one of ${CHANNEL_VALUES.join(", ")}`);
    if (kind === "tier" && !(TIERS as readonly unknown[]).includes(x)) return report(path, `tier is one of ${TIERS.join(", ")}`);
    if ((kind === "text" || kind === "list") && typeof x !== "string") return report(path, "this field holds text");
  }
}

function checkLeaf(c: Record<string, unknown>, path: string, ctx: Ctx, report: Report): void {
  for (const key of Object.keys(c)) if (!LEAF_KEYS.has(key)) report(`${path}.${key}`, `unknown property "${key}" in a condition`);
  const kind = fieldKind(c.field);
  if (!kind) report(`${path}.field`, `unknown field ${JSON.stringify(c.field)}`);
  if (typeof c.op !== "string" || !(OPERATORS as readonly string[]).includes(c.op)) return report(`${path}.op`, `unknown operator ${JSON.stringify(c.op)}`);
  if (kind && !OPERATORS_BY_KIND[kind].includes(c.op as never))
    return report(`${path}.op`, `"${c.op}" does not apply to ${String(c.field)} (use ${OPERATORS_BY_KIND[kind].join(", ")})`);
  if (c.flags !== undefined && (c.op !== "matches" || typeof c.flags !== "string" || !/^[imsu]*$/.test(c.flags)))
    report(`${path}.flags`, 'flags belong to "matches" and may only be i, m, s, u');
  const v = c.value;
  const vpath = `${path}.value`;
  switch (c.op) {
    case "containsAny":
    case "containsAll":
      return checkKeywords(v, c.op, vpath, ctx, report);
    case "in":
      if (!Array.isArray(v) || v.length === 0) return report(vpath, '"in" needs a non-empty list of values');
      if (kind && kind !== "any") checkValueKind(kind === "list" ? "text" : kind, v, vpath, report);
      return;
    case "matches":
      return checkRegex(v, typeof c.flags === "string" ? c.flags : "i", vpath, report);
    case "startsWith":
      if (typeof v !== "string" || v === "") report(vpath, '"startsWith" needs text');
      return;
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      if (typeof v !== "number" || !Number.isFinite(v)) report(vpath, `"${c.op}" needs a number`);
      return;
    case "exists":
      if (v !== undefined && typeof v !== "boolean") report(vpath, '"exists" takes true or false');
      return;
    default:
      if (v === undefined || v === null || (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean"))
        return report(vpath, `"${c.op}" needs a value (text, number or true/false)`);
      if (kind && kind !== "any") checkValueKind(kind === "list" ? "text" : kind, v, vpath, report);
  }
}

function checkCondition(c: unknown, path: string, depth: number, ctx: Ctx, report: Report): void {
  ctx.nodes++;
  if (!isRecord(c)) return report(path, "a condition must be an object");
  if (depth > RULESET_LIMITS.depth) return report(path, `conditions nest at most ${RULESET_LIMITS.depth} deep`);
  for (const key of ["all", "any"] as const) {
    if (!(key in c)) continue;
    if (Object.keys(c).length > 1) report(path, `a "${key}" group has nothing beside its list`);
    const list = c[key];
    if (!Array.isArray(list) || list.length === 0) return report(`${path}.${key}`, `"${key}" needs a non-empty list of conditions`);
    list.forEach((item, i) => checkCondition(item, `${path}.${key}[${i}]`, depth + 1, ctx, report));
    return;
  }
  if ("not" in c) {
    if (Object.keys(c).length > 1) report(path, 'a "not" has nothing beside its condition');
    return checkCondition(c.not, `${path}.not`, depth + 1, ctx, report);
  }
  checkLeaf(c, path, ctx, report);
}

function checkTeam(t: unknown, path: string, ctx: Ctx, report: Report): void {
  if (typeof t !== "string" || !t) return report(path, "team must be a team id");
  if (ctx.opts.teams && !ctx.opts.teams.includes(t)) report(path, `unknown team "${t}" (teams: ${ctx.opts.teams.join(", ") || "none"})`);
}

function checkAction(a: unknown, path: string, ctx: Ctx, report: Report): void {
  if (!isRecord(a) || typeof a.type !== "string" || !(ACTION_TYPES as readonly string[]).includes(a.type))
    return report(`${path}.type`, `unknown action ${JSON.stringify(isRecord(a) ? a.type : a)} (use ${ACTION_TYPES.join(", ")})`);
  const known = ACTION_KEYS[a.type]!;
  for (const key of Object.keys(a)) if (key !== "type" && !known.includes(key)) report(`${path}.${key}`, `unknown property "${key}" in a ${a.type} action`);
  switch (a.type) {
    case "reply":
      if (!isLocalized(a.text)) report(`${path}.text`, "reply needs text (a string or { locale: text })");
      if (a.quickReplies === undefined) break;
      if (!Array.isArray(a.quickReplies) || a.quickReplies.length > 10) report(`${path}.quickReplies`, "quickReplies is a list of at most 10 buttons");
      else
        a.quickReplies.forEach((q, i) => {
          if (!isRecord(q) || !isLocalized(q.label) || typeof q.payload !== "string" || !q.payload || q.payload.length > 256)
            report(`${path}.quickReplies[${i}]`, "a quick reply needs a label and a payload (up to 256 characters)");
        });
      break;
    case "askField":
      if (typeof a.field !== "string" || !/^[\w-]{1,64}$/.test(a.field)) report(`${path}.field`, "askField needs a field name (letters, digits, - _)");
      if (!isLocalized(a.prompt)) report(`${path}.prompt`, "askField needs a prompt");
      if (a.validate !== undefined) checkRegex(a.validate, "", `${path}.validate`, report);
      if (a.error !== undefined && !isLocalized(a.error)) report(`${path}.error`, "error must be text");
      break;
    case "setPriority":
      if (typeof a.value !== "string" || !PRIORITIES.includes(a.value)) report(`${path}.value`, `priority must be one of ${PRIORITIES.join(", ")}`);
      break;
    case "addLabels":
      if (!Array.isArray(a.value) || a.value.length === 0 || a.value.some((l) => typeof l !== "string" || !l.trim() || l.length > 64))
        report(`${path}.value`, "addLabels needs a list of labels (up to 64 characters each)");
      break;
    case "setAttribute":
      if (typeof a.name !== "string" || !/^[\w-]{1,64}$/.test(a.name)) report(`${path}.name`, "setAttribute needs a name (letters, digits, - _)");
      if (!["string", "number", "boolean"].includes(typeof a.value) && a.value !== null)
        report(`${path}.value`, "the value is text, a number, true/false or null");
      break;
    case "route":
      checkTeam(a.team, `${path}.team`, ctx, report);
      break;
    case "handoff":
      if (a.team !== undefined) checkTeam(a.team, `${path}.team`, ctx, report);
      if (a.note !== undefined && (typeof a.note !== "string" || a.note.length > 500)) report(`${path}.note`, "note is text up to 500 characters");
      break;
  }
}

function checkSettings(s: unknown, ctx: Ctx): void {
  const report = reporter(ctx, "settings");
  if (!isRecord(s)) return report("", "settings are required");
  if (!Array.isArray(s.handoffKeywords) || s.handoffKeywords.length === 0) report("handoffKeywords", "handoffKeywords must be a non-empty list of keywords");
  else checkKeywords(s.handoffKeywords, "handoffKeywords", "handoffKeywords", ctx, report);
  if (typeof s.maxBotTurns !== "number" || !Number.isInteger(s.maxBotTurns) || s.maxBotTurns < 1 || s.maxBotTurns > 20)
    report("maxBotTurns", "maxBotTurns must be a whole number from 1 to 20");
  if (s.defaultTeam !== undefined) checkTeam(s.defaultTeam, "defaultTeam", ctx, report);
  if (s.fallbackReply !== undefined && !isLocalized(s.fallbackReply)) report("fallbackReply", "fallbackReply must be text");
  if (s.handoffNotice !== undefined) {
    if (!isRecord(s.handoffNotice)) report("handoffNotice", "handoffNotice is { online?, busy?, closed? }");
    else
      for (const [k, v] of Object.entries(s.handoffNotice))
        if (!["online", "busy", "closed"].includes(k) || !isLocalized(v)) report(`handoffNotice.${k}`, "handoffNotice has text for online, busy and closed");
  }
}

/** Checks a whole ruleset. Nothing partial is ever accepted: any error refuses the ruleset. */
export function validateRuleset(input: unknown, opts: ValidateOptions = {}): Validation {
  const ctx: Ctx = { errors: [], opts, keywords: 0, nodes: 0 };
  if (!isRecord(input)) return { ok: false, errors: [{ rule: "ruleset", field: "", message: "the ruleset must be a JSON object" }] };
  const top = reporter(ctx, "ruleset");
  for (const key of Object.keys(input)) if (key !== "settings" && key !== "rules") top(key, `unknown property "${key}" (a ruleset has settings and rules)`);
  checkSettings(input.settings, ctx);
  if (!Array.isArray(input.rules)) top("rules", "rules must be a list");
  else if (input.rules.length > RULESET_LIMITS.rules) top("rules", `at most ${RULESET_LIMITS.rules} rules`);
  else {
    const ids = new Set<string>();
    input.rules.forEach((r, i) => {
      const id = isRecord(r) && typeof r.id === "string" && r.id ? r.id : `#${i + 1}`;
      const report = reporter(ctx, id, i);
      if (!isRecord(r)) return report("", "a rule must be an object");
      for (const key of Object.keys(r)) if (!RULE_KEYS.has(key)) report(key, `unknown property "${key}" in a rule`);
      if (typeof r.id !== "string" || !/^[\w:.-]{1,64}$/.test(r.id)) report("id", "a rule needs an id (letters, digits, - _ : .)");
      else if (ids.has(r.id)) report("id", "duplicate rule id");
      else ids.add(r.id);
      if (r.name !== undefined && (typeof r.name !== "string" || r.name.length > 200)) report("name", "name is text up to 200 characters");
      if (r.enabled !== undefined && typeof r.enabled !== "boolean") report("enabled", "enabled is true or false");
      if (r.stop !== undefined && typeof r.stop !== "boolean") report("stop", "stop is true or false");
      if (r.when === undefined) report("when", "a rule needs a condition (when)");
      else checkCondition(r.when, "when", 0, ctx, report);
      if (!Array.isArray(r.then) || r.then.length === 0) report("then", "a rule needs at least one action");
      else if (r.then.length > RULESET_LIMITS.actionsPerRule) report("then", `at most ${RULESET_LIMITS.actionsPerRule} actions per rule`);
      else r.then.forEach((a, j) => checkAction(a, `then[${j}]`, ctx, report));
    });
  }
  if (ctx.keywords > RULESET_LIMITS.keywords) top("rules", `at most ${RULESET_LIMITS.keywords} keywords in all (this ruleset has ${ctx.keywords})`);
  if (ctx.nodes > RULESET_LIMITS.conditionNodes) top("rules", `at most ${RULESET_LIMITS.conditionNodes} conditions in all (this ruleset has ${ctx.nodes})`);
  return ctx.errors.length ? { ok: false, errors: ctx.errors } : { ok: true, ruleset: input as unknown as Ruleset };
}

/** One line per error, for messages and logs: `rule "x", field "when.op": …`. */
export function describeError(e: RulesetError): string {
  return `Rule "${e.rule}"${e.field ? `, field "${e.field}"` : ""}: ${e.message}`;
}
