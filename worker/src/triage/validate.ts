// Validates an uploaded ruleset as a whole: every error names the rule and the field at fault.

import { ACTION_TYPES, CONDITION_FIELDS, OPERATORS } from "../../../protocol/src/ruleset.ts";
import type { Ruleset } from "../../../protocol/src/ruleset.ts";

export interface RulesetError {
  /** The rule id (or `settings`) the error is about. */
  rule: string;
  /** A path inside that rule, e.g. `when.all[0].op`. */
  field: string;
  message: string;
}

export type Validation = { ok: true; ruleset: Ruleset } | { ok: false; errors: RulesetError[] };

export interface ValidateOptions {
  /** Team ids that exist on the site; `route`/`handoff` to another team is an error. */
  teams?: readonly string[];
}

const MAX_RULES = 2000;
const MAX_DEPTH = 12;
const PRIORITIES = ["low", "normal", "high", "urgent"];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isLocalized(v: unknown): boolean {
  if (typeof v === "string") return v.trim().length > 0;
  return isRecord(v) && Object.keys(v).length > 0 && Object.values(v).every((s) => typeof s === "string");
}

/** Heuristic guard against catastrophic backtracking: a quantified group that itself contains a quantifier. */
export function isUnsafeRegex(source: string): boolean {
  return /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{]/.test(source) || /(\.\*){2,}/.test(source);
}

function knownField(field: unknown): boolean {
  if (typeof field !== "string") return false;
  return (CONDITION_FIELDS as readonly string[]).includes(field) || /^visitor\.attributes\.[\w-]{1,64}$/.test(field);
}

function checkCondition(c: unknown, path: string, depth: number, rule: string, errors: RulesetError[]): void {
  if (!isRecord(c)) return void errors.push({ rule, field: path, message: "a condition must be an object" });
  if (depth > MAX_DEPTH) return void errors.push({ rule, field: path, message: `conditions nest at most ${MAX_DEPTH} deep` });
  for (const key of ["all", "any"] as const) {
    if (key in c) {
      const list = c[key];
      if (!Array.isArray(list) || list.length === 0) return void errors.push({ rule, field: `${path}.${key}`, message: `"${key}" needs a non-empty list` });
      list.forEach((item, i) => checkCondition(item, `${path}.${key}[${i}]`, depth + 1, rule, errors));
      return;
    }
  }
  if ("not" in c) return checkCondition(c.not, `${path}.not`, depth + 1, rule, errors);
  if (!knownField(c.field)) errors.push({ rule, field: `${path}.field`, message: `unknown field ${JSON.stringify(c.field)}` });
  if (typeof c.op !== "string" || !(OPERATORS as readonly string[]).includes(c.op))
    return void errors.push({ rule, field: `${path}.op`, message: `unknown operator ${JSON.stringify(c.op)}` });
  const v = c.value;
  switch (c.op) {
    case "containsAny":
    case "containsAll":
    case "in":
      if (!Array.isArray(v) || v.length === 0 || v.some((k) => typeof k !== "string" && typeof k !== "number"))
        errors.push({ rule, field: `${path}.value`, message: `"${c.op}" needs a non-empty list of keywords` });
      else if (v.some((k) => String(k).trim() === "")) errors.push({ rule, field: `${path}.value`, message: "keywords must not be empty" });
      break;
    case "matches":
      if (typeof v !== "string" || v.length > 500) {
        errors.push({ rule, field: `${path}.value`, message: "a regular expression (up to 500 characters) is required" });
        break;
      }
      if (c.flags !== undefined && (typeof c.flags !== "string" || !/^[imsu]*$/.test(c.flags)))
        errors.push({ rule, field: `${path}.flags`, message: "flags may only be i, m, s, u" });
      try {
        new RegExp(v, "u");
      } catch (e) {
        errors.push({ rule, field: `${path}.value`, message: `invalid regular expression: ${(e as Error).message}` });
        break;
      }
      if (isUnsafeRegex(v))
        errors.push({ rule, field: `${path}.value`, message: "this regular expression could backtrack catastrophically (nested quantifiers)" });
      break;
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      if (typeof v !== "number") errors.push({ rule, field: `${path}.value`, message: `"${c.op}" needs a number` });
      break;
    case "exists":
      if (v !== undefined && typeof v !== "boolean") errors.push({ rule, field: `${path}.value`, message: '"exists" takes true or false' });
      break;
    default:
      if (v === undefined) errors.push({ rule, field: `${path}.value`, message: `"${c.op}" needs a value` });
  }
}

function checkAction(a: unknown, path: string, rule: string, errors: RulesetError[], opts: ValidateOptions): void {
  if (!isRecord(a) || typeof a.type !== "string" || !(ACTION_TYPES as readonly string[]).includes(a.type))
    return void errors.push({ rule, field: `${path}.type`, message: `unknown action ${JSON.stringify(isRecord(a) ? a.type : a)}` });
  const team = (t: unknown, f: string) => {
    if (t === undefined) return;
    if (typeof t !== "string" || !t) return void errors.push({ rule, field: `${path}.${f}`, message: "team must be a team id" });
    if (opts.teams && !opts.teams.includes(t)) errors.push({ rule, field: `${path}.${f}`, message: `unknown team "${t}"` });
  };
  switch (a.type) {
    case "reply":
      if (!isLocalized(a.text)) errors.push({ rule, field: `${path}.text`, message: "reply needs text (a string or { locale: text })" });
      if (a.quickReplies !== undefined) {
        if (!Array.isArray(a.quickReplies) || a.quickReplies.length > 10)
          errors.push({ rule, field: `${path}.quickReplies`, message: "quickReplies is a list of at most 10 buttons" });
        else
          a.quickReplies.forEach((q, i) => {
            if (!isRecord(q) || !isLocalized(q.label) || typeof q.payload !== "string" || !q.payload)
              errors.push({ rule, field: `${path}.quickReplies[${i}]`, message: "a quick reply needs a label and a payload" });
          });
      }
      break;
    case "askField":
      if (typeof a.field !== "string" || !/^[\w.-]{1,64}$/.test(a.field)) errors.push({ rule, field: `${path}.field`, message: "askField needs a field name" });
      if (!isLocalized(a.prompt)) errors.push({ rule, field: `${path}.prompt`, message: "askField needs a prompt" });
      if (a.validate !== undefined) {
        try {
          if (typeof a.validate !== "string") throw new Error("not a string");
          new RegExp(a.validate, "u");
          if (isUnsafeRegex(a.validate)) errors.push({ rule, field: `${path}.validate`, message: "this regular expression could backtrack catastrophically" });
        } catch (e) {
          errors.push({ rule, field: `${path}.validate`, message: `invalid regular expression: ${(e as Error).message}` });
        }
      }
      break;
    case "setPriority":
      if (typeof a.value !== "string" || !PRIORITIES.includes(a.value))
        errors.push({ rule, field: `${path}.value`, message: `priority must be one of ${PRIORITIES.join(", ")}` });
      break;
    case "addLabels":
      if (!Array.isArray(a.value) || a.value.length === 0 || a.value.some((l) => typeof l !== "string" || !l.trim() || l.length > 64))
        errors.push({ rule, field: `${path}.value`, message: "addLabels needs a list of labels" });
      break;
    case "setAttribute":
      if (typeof a.name !== "string" || !/^[\w-]{1,64}$/.test(a.name)) errors.push({ rule, field: `${path}.name`, message: "setAttribute needs a name" });
      break;
    case "route":
      if (a.team === undefined) errors.push({ rule, field: `${path}.team`, message: "route needs a team" });
      team(a.team, "team");
      break;
    case "handoff":
      team(a.team, "team");
      break;
  }
}

/** Checks a whole ruleset. Nothing partial is ever accepted: any error refuses the ruleset. */
export function validateRuleset(input: unknown, opts: ValidateOptions = {}): Validation {
  const errors: RulesetError[] = [];
  if (!isRecord(input)) return { ok: false, errors: [{ rule: "ruleset", field: "", message: "the ruleset must be a JSON object" }] };
  const s = input.settings;
  if (!isRecord(s)) errors.push({ rule: "settings", field: "settings", message: "settings are required" });
  else {
    if (!Array.isArray(s.handoffKeywords) || s.handoffKeywords.length === 0 || s.handoffKeywords.some((k) => typeof k !== "string" || !k.trim()))
      errors.push({ rule: "settings", field: "handoffKeywords", message: "handoffKeywords must be a non-empty list of keywords" });
    if (typeof s.maxBotTurns !== "number" || !Number.isInteger(s.maxBotTurns) || s.maxBotTurns < 1 || s.maxBotTurns > 20)
      errors.push({ rule: "settings", field: "maxBotTurns", message: "maxBotTurns must be a whole number from 1 to 20" });
    if (s.defaultTeam !== undefined && (typeof s.defaultTeam !== "string" || (opts.teams && !opts.teams.includes(s.defaultTeam))))
      errors.push({ rule: "settings", field: "defaultTeam", message: `unknown team ${JSON.stringify(s.defaultTeam)}` });
    if (s.fallbackReply !== undefined && !isLocalized(s.fallbackReply))
      errors.push({ rule: "settings", field: "fallbackReply", message: "fallbackReply must be text" });
  }
  if (!Array.isArray(input.rules)) errors.push({ rule: "ruleset", field: "rules", message: "rules must be a list" });
  else if (input.rules.length > MAX_RULES) errors.push({ rule: "ruleset", field: "rules", message: `at most ${MAX_RULES} rules` });
  else {
    const ids = new Set<string>();
    input.rules.forEach((r, i) => {
      const id = isRecord(r) && typeof r.id === "string" && r.id ? r.id : `#${i}`;
      if (!isRecord(r)) return void errors.push({ rule: id, field: "", message: "a rule must be an object" });
      if (typeof r.id !== "string" || !/^[\w:.-]{1,64}$/.test(r.id))
        errors.push({ rule: id, field: "id", message: "a rule needs an id (letters, digits, - _ : .)" });
      else if (ids.has(r.id)) errors.push({ rule: id, field: "id", message: "duplicate rule id" });
      else ids.add(r.id);
      if (r.enabled !== undefined && typeof r.enabled !== "boolean") errors.push({ rule: id, field: "enabled", message: "enabled is true or false" });
      if (r.stop !== undefined && typeof r.stop !== "boolean") errors.push({ rule: id, field: "stop", message: "stop is true or false" });
      checkCondition(r.when, "when", 0, id, errors);
      if (!Array.isArray(r.then) || r.then.length === 0) errors.push({ rule: id, field: "then", message: "a rule needs at least one action" });
      else r.then.forEach((a, j) => checkAction(a, `then[${j}]`, id, errors, opts));
    });
  }
  return errors.length ? { ok: false, errors } : { ok: true, ruleset: input as unknown as Ruleset };
}
