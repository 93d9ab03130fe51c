// Saved simulator cases (message + context → expected actions): parsing them from requests, and running
// them against a compiled ruleset. Pure; run on every publish, which they block when they fail.

import type { Action, RuleTestCase, RuleTestResult } from "../../../protocol/src/ruleset.ts";
import { ACTION_TYPES } from "../../../protocol/src/ruleset.ts";
import type { TriageTrace } from "../../../protocol/src/types.ts";
import type { CompiledRuleset } from "./compile.ts";
import { evaluate, type Facts } from "./evaluate.ts";
import { simulationInput, type SiteClock } from "./simulate.ts";

/** Saved cases that say nothing about time run at this clock, so a publish never depends on the hour. */
export const TEST_CLOCK: Facts["time"] = { businessHours: true, weekday: 2, hour: 10 };
export const MAX_TESTS_PER_SITE = 200;

export type ParsedTest = { ok: true; test: Omit<RuleTestCase, "id" | "createdAt" | "updatedAt"> } | { ok: false; field: string; message: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Checks a test case from a request (never throws). */
export function parseRuleTest(body: unknown, site: SiteClock): ParsedTest {
  if (!isRecord(body)) return { ok: false, field: "", message: "Send a test case as a JSON object." };
  const name = typeof body.name === "string" ? body.name.trim() : "";
  if (!name || name.length > 200) return { ok: false, field: "name", message: "name is required (up to 200 characters)." };
  const input = simulationInput(body.message, body.context, site, 0, TEST_CLOCK);
  if (!input.ok) return input;
  if (JSON.stringify(body.context ?? {}).length > 8192) return { ok: false, field: "context", message: "context is at most 8 KB." };
  const e = body.expect;
  if (!isRecord(e)) return { ok: false, field: "expect", message: "expect is { actions?, absent?, rules? }." };
  if (
    e.actions !== undefined &&
    (!Array.isArray(e.actions) || e.actions.length > 20 || e.actions.some((a) => !isRecord(a) || !(ACTION_TYPES as readonly unknown[]).includes(a.type)))
  )
    return { ok: false, field: "expect.actions", message: "expect.actions is a list of up to 20 partial actions, each with a known type." };
  if (e.absent !== undefined && (!Array.isArray(e.absent) || e.absent.some((t) => !(ACTION_TYPES as readonly unknown[]).includes(t))))
    return { ok: false, field: "expect.absent", message: `expect.absent lists action types (${ACTION_TYPES.join(", ")}).` };
  if (e.rules !== undefined && (!Array.isArray(e.rules) || e.rules.some((r) => typeof r !== "string")))
    return { ok: false, field: "expect.rules", message: "expect.rules lists rule ids." };
  if (!e.actions?.length && !e.absent?.length && !e.rules?.length)
    return { ok: false, field: "expect", message: "Say what must happen: actions, absent or rules." };
  const message = typeof body.message === "string" ? { text: body.message } : (body.message as RuleTestCase["message"]);
  return {
    ok: true,
    test: {
      name,
      message: { ...(message.text ? { text: message.text } : {}), ...(message.payload ? { payload: message.payload } : {}) },
      ...(isRecord(body.context) ? { context: body.context } : {}),
      expect: {
        ...(e.actions ? { actions: e.actions as Record<string, unknown>[] } : {}),
        ...(e.absent ? { absent: e.absent as string[] } : {}),
        ...(e.rules ? { rules: e.rules as string[] } : {}),
      },
    },
  };
}

/** True when `actual` has everything `want` has: objects key by key, lists as subsets. */
export function partialMatch(want: unknown, actual: unknown): boolean {
  if (Array.isArray(want)) return Array.isArray(actual) && want.every((w) => actual.some((a) => partialMatch(w, a)));
  if (isRecord(want)) return isRecord(actual) && Object.entries(want).every(([k, v]) => partialMatch(v, actual[k]));
  return want === actual;
}

function summary(a: Action): string {
  if (a.type === "handoff") return `handoff${a.team ? ` to ${a.team}` : ""}`;
  if (a.type === "route") return `route to ${a.team}`;
  if (a.type === "setPriority") return `priority ${a.value}`;
  if (a.type === "addLabels") return `labels ${a.value.join(", ")}`;
  if (a.type === "askField") return `ask ${a.field}`;
  return a.type;
}

/** What went wrong for one case (empty when it passed). */
export function checkExpectation(expect: RuleTestCase["expect"], actions: Action[], trace: TriageTrace): string[] {
  const failures: string[] = [];
  const got = actions.map(summary).join("; ") || "no actions";
  for (const want of expect.actions ?? [])
    if (!actions.some((a) => partialMatch(want, a))) failures.push(`expected an action like ${JSON.stringify(want)}, got: ${got}`);
  for (const type of expect.absent ?? []) if (actions.some((a) => a.type === type)) failures.push(`expected no ${type}, got: ${got}`);
  const matched = trace.rules.filter((r) => r.matched).map((r) => r.id);
  for (const id of expect.rules ?? []) if (!matched.includes(id)) failures.push(`expected rule ${id} to match; matched: ${matched.join(", ") || "none"}`);
  return failures;
}

/** Runs saved cases against a ruleset. */
export function runRuleTests(ruleset: CompiledRuleset, tests: readonly RuleTestCase[], site: SiteClock, now: number): RuleTestResult[] {
  return tests.map((t) => {
    const input = simulationInput(t.message, t.context, site, now, TEST_CLOCK);
    if (!input.ok) return { id: t.id, name: t.name, passed: false, failures: [`${input.field}: ${input.message}`] };
    const r = evaluate(ruleset, input.facts, input.at);
    const failures = checkExpectation(t.expect, r.actions, r.trace);
    return { id: t.id, name: t.name, passed: failures.length === 0, failures };
  });
}
