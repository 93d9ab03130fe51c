// Triage rules (/api/v1/sites/:site/rules): read, validate, publish (validated and tested), versions,
// restore, simulate. Saved test cases live under …/rules/tests (rule-tests.ts).

import { Hono } from "hono";
import { requireRole, requireUser } from "../auth/middleware.ts";
import { nextOpening, type Availability } from "../conversation/handoff-notice.ts";
import { previewReplies } from "../conversation/preview.ts";
import { audit } from "../db/audit.ts";
import { getPublishedRuleset, getRulesetVersion, listRulesetVersions, publishRuleset, restoreRulesetVersion } from "../db/rulesets.ts";
import { listTeamIds, listTeamMemberIds } from "../db/teams.ts";
import type { AppEnv } from "../env.ts";
import { AppError, readJson } from "../errors.ts";
import { inboxStub } from "../stubs.ts";
import { compileRuleset } from "../triage/compile.ts";
import { evaluate } from "../triage/evaluate.ts";
import { simulationInput } from "../triage/simulate.ts";
import { STARTER_RULESET } from "../triage/starter-ruleset.ts";
import { validateRuleset } from "../triage/validate.ts";
import { ruleTestRoutes } from "./rule-tests.ts";
import { checkRuleset, publishedCompiled, refuseFailedTests, siteOf, testsAgainst } from "./rules-support.ts";

export const ruleRoutes = new Hono<AppEnv>();
ruleRoutes.use("*", requireUser());
ruleRoutes.route("/tests", ruleTestRoutes);

/** Rulesets of 1,000 rules and 10,000 keywords fit comfortably. */
const MAX_RULESET_BYTES = 2 * 1024 * 1024;

ruleRoutes.get("/", async (c) => {
  const siteId = c.req.param("site")!;
  requireRole(c.get("user"), siteId, "agent");
  const v = c.req.query("version");
  if (v !== undefined && !/^\d{1,9}$/.test(v)) throw new AppError(400, "invalid", "version must be a number.", { field: "version" });
  const found = v ? await getRulesetVersion(c.env.DB, siteId, Number(v)) : await getPublishedRuleset(c.env.DB, siteId);
  if (!found) throw new AppError(404, "not_found", v ? `No version ${v}.` : "No ruleset has been published yet.");
  const published = v ? (await getPublishedRuleset(c.env.DB, siteId))?.version : found.version;
  return c.json({ ...found, published: found.version === published, teams: await listTeamIds(c.env.DB, siteId) });
});

/** The starter ruleset (and the site's teams), for a site that has none yet or wants to start over. */
ruleRoutes.get("/starter", async (c) => {
  const siteId = c.req.param("site")!;
  requireRole(c.get("user"), siteId, "agent");
  return c.json({ ruleset: STARTER_RULESET, teams: await listTeamIds(c.env.DB, siteId) });
});

ruleRoutes.get("/versions", async (c) => {
  const siteId = c.req.param("site")!;
  requireRole(c.get("user"), siteId, "agent");
  return c.json({ items: await listRulesetVersions(c.env.DB, siteId) });
});

/** Dry run: the validation errors and, for a valid ruleset, the saved test cases' results. Changes nothing. */
ruleRoutes.post("/validate", async (c) => {
  const siteId = c.req.param("site")!;
  requireRole(c.get("user"), siteId, "agent");
  const site = await siteOf(c, siteId);
  const body = (await readJson(c, MAX_RULESET_BYTES)) as { ruleset?: unknown } | null;
  const v = validateRuleset(body?.ruleset, { teams: await listTeamIds(c.env.DB, siteId) });
  if (!v.ok) return c.json({ valid: false, errors: v.errors, tests: [] });
  return c.json({ valid: true, errors: [], tests: await testsAgainst(c, site, v.ruleset) });
});

/** Publishes a new version: refused (and nothing changes) when it does not validate or breaks a saved test. */
ruleRoutes.put("/", async (c) => {
  const siteId = c.req.param("site")!;
  requireRole(c.get("user"), siteId, "admin");
  const site = await siteOf(c, siteId);
  const base = c.req.query("base");
  const checked = await checkRuleset(c, siteId, await readJson(c, MAX_RULESET_BYTES));
  if (!checked.ok) return checked.response;
  // Optional `?base=N`: the version the editor started from, so two admins do not overwrite each other.
  if (base !== undefined && Number(base) !== site.rulesetVersion)
    throw new AppError(409, "stale", `Version ${site.rulesetVersion} was published since you started editing version ${base}. Reload it first.`);
  const results = await testsAgainst(c, site, checked.ruleset);
  const refused = refuseFailedTests(c, results);
  if (refused) return refused;
  const version = await publishRuleset(c.env.DB, siteId, checked.ruleset, c.get("user").id);
  await audit(c.env.DB, {
    siteId,
    actorId: c.get("user").id,
    action: "ruleset.publish",
    target: String(version),
    detail: { rules: checked.ruleset.rules.length, tests: results.length },
  });
  return c.json({ version, tests: results }, 201);
});

/** Puts an earlier version back in force, after checking it still passes the saved test cases. */
ruleRoutes.post("/versions/:version/restore", async (c) => {
  const siteId = c.req.param("site")!;
  requireRole(c.get("user"), siteId, "admin");
  const site = await siteOf(c, siteId);
  const version = Number(c.req.param("version"));
  const old = Number.isInteger(version) ? await getRulesetVersion(c.env.DB, siteId, version) : null;
  if (!old) throw new AppError(404, "not_found", "No such version.");
  const refused = refuseFailedTests(c, await testsAgainst(c, site, old.ruleset));
  if (refused) return refused;
  await restoreRulesetVersion(c.env.DB, siteId, version);
  await audit(c.env.DB, { siteId, actorId: c.get("user").id, action: "ruleset.restore", target: String(version), detail: { from: site.rulesetVersion } });
  return c.json({ version });
});

/**
 * `{ message, context?, ruleset? }` → `{ actions, trace, version, preview }`: what the engine decides for
 * the message (against the draft `ruleset`, or the published one), and what the visitor would see.
 * `context.agentsOnline` sets availability for the preview; otherwise the site's Inbox is asked.
 */
ruleRoutes.post("/simulate", async (c) => {
  const siteId = c.req.param("site")!;
  requireRole(c.get("user"), siteId, "agent");
  const site = await siteOf(c, siteId);
  const body = (await readJson(c, MAX_RULESET_BYTES)) as Record<string, unknown> | null;
  let compiled;
  if (body?.ruleset !== undefined) {
    const checked = await checkRuleset(c, siteId, body.ruleset);
    if (!checked.ok) return checked.response;
    compiled = compileRuleset(checked.ruleset, 0);
  } else compiled = await publishedCompiled(c, siteId);
  const input = simulationInput(body?.message, body?.context, site, Date.now());
  if (!input.ok) throw new AppError(400, "invalid", input.message, { field: input.field });
  const result = evaluate(compiled, input.facts, input.at);
  const given = (body?.context as { agentsOnline?: unknown } | undefined)?.agentsOnline;
  if (given !== undefined && (typeof given !== "number" || given < 0))
    throw new AppError(400, "invalid", "agentsOnline is a number ≥ 0.", { field: "context.agentsOnline" });
  const opening = nextOpening(input.at, site.timezone, site.businessHours, input.locale);
  const availability: Availability = { online: given ?? 0, businessHours: input.facts.time.businessHours };
  let preview = previewReplies(compiled, input.facts, input.at, input.locale, availability, opening);
  if (preview.handoff && given === undefined) {
    const members = preview.handoff.team ? await listTeamMemberIds(c.env.DB, siteId, preview.handoff.team) : [];
    const a = await inboxStub(c.env, siteId).availability(members.length ? members : null);
    Object.assign(availability, { online: a.online, free: a.free });
    preview = previewReplies(compiled, input.facts, input.at, input.locale, availability, opening);
  }
  return c.json({ actions: result.actions, trace: result.trace, version: compiled.version, preview });
});
