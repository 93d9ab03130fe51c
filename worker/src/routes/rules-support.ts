// What the rules routes share: validating an uploaded ruleset against the site's teams, compiling the
// published one (cached per version), and running the site's saved test cases.

import type { Context } from "hono";
import type { Ruleset, RuleTestResult } from "../../../protocol/src/ruleset.ts";
import { describeError, validateRuleset } from "../../../protocol/src/ruleset-validate.ts";
import { compiledFor } from "../conversation/ruleset-cache.ts";
import { listRuleTests } from "../db/rule-tests.ts";
import { getPublishedRuleset } from "../db/rulesets.ts";
import { getSite, type Site } from "../db/sites.ts";
import { listTeamIds } from "../db/teams.ts";
import type { AppEnv } from "../env.ts";
import { AppError, errorBody } from "../errors.ts";
import { compileRuleset, type CompiledRuleset } from "../triage/compile.ts";
import { runRuleTests } from "../triage/rule-tests.ts";

export async function siteOf(c: Context<AppEnv>, siteId: string): Promise<Site> {
  const site = await getSite(c.env.DB, siteId);
  if (!site) throw new AppError(404, "not_found", "No such site.");
  return site;
}

/** A validated ruleset, or a 400 response naming the first bad rule and field (all errors in `details`). */
export async function checkRuleset(
  c: Context<AppEnv>,
  siteId: string,
  input: unknown,
): Promise<{ ok: true; ruleset: Ruleset } | { ok: false; response: Response }> {
  const v = validateRuleset(input, { teams: await listTeamIds(c.env.DB, siteId) });
  if (v.ok) return v;
  const first = v.errors[0]!;
  return {
    ok: false,
    response: c.json(errorBody("invalid_ruleset", describeError(first), `${first.rule}${first.field ? `.${first.field}` : ""}`, { details: v.errors }), 400),
  };
}

/** The published ruleset, compiled (shared with conversations through the per-isolate cache). */
export async function publishedCompiled(c: Context<AppEnv>, siteId: string): Promise<CompiledRuleset> {
  const published = await getPublishedRuleset(c.env.DB, siteId);
  if (!published) throw new AppError(404, "not_found", "No ruleset has been published yet.");
  return compiledFor(siteId, published.version, published.ruleset)!;
}

/** Runs every saved test case of the site against a ruleset. */
export async function testsAgainst(c: Context<AppEnv>, site: Site, ruleset: Ruleset | CompiledRuleset): Promise<RuleTestResult[]> {
  const tests = await listRuleTests(c.env.DB, site.id);
  if (!tests.length) return [];
  const compiled = "matcher" in ruleset ? ruleset : compileRuleset(ruleset, 0);
  return runRuleTests(compiled, tests, site, Date.now());
}

/** 409 when saved test cases fail: the publish is refused and the published version stays. */
export function refuseFailedTests(c: Context<AppEnv>, results: RuleTestResult[]): Response | null {
  const failed = results.filter((r) => !r.passed);
  if (!failed.length) return null;
  const first = failed[0]!;
  return c.json(
    errorBody("tests_failed", `${failed.length} of ${results.length} saved test cases fail, e.g. "${first.name}": ${first.failures[0]}`, undefined, {
      details: results,
    }),
    409,
  );
}
