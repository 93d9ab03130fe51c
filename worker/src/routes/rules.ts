// Triage rules (/api/v1/sites/:site/rules): read, publish (validated), versions, restore, simulate.

import { Hono } from "hono";
import { requireRole, requireUser } from "../auth/middleware.ts";
import { audit } from "../db/audit.ts";
import { getPublishedRuleset, getRulesetVersion, listRulesetVersions, publishRuleset, restoreRulesetVersion } from "../db/rulesets.ts";
import { getSite } from "../db/sites.ts";
import { listTeamIds } from "../db/teams.ts";
import type { AppEnv } from "../env.ts";
import { AppError, errorBody, readJson } from "../errors.ts";
import { simulate } from "../triage/simulate.ts";
import { validateRuleset } from "../triage/validate.ts";

export const ruleRoutes = new Hono<AppEnv>();
ruleRoutes.use("*", requireUser());

ruleRoutes.get("/", async (c) => {
  const siteId = c.req.param("site")!;
  requireRole(c.get("user"), siteId, "agent");
  const v = c.req.query("version");
  const found = v ? await getRulesetVersion(c.env.DB, siteId, Number(v)) : await getPublishedRuleset(c.env.DB, siteId);
  if (!found) throw new AppError(404, "not_found", v ? `No version ${v}.` : "No ruleset has been published yet.");
  return c.json({ version: found.version, ruleset: found.ruleset, createdAt: found.createdAt, createdBy: found.createdBy });
});

ruleRoutes.get("/versions", async (c) => {
  const siteId = c.req.param("site")!;
  requireRole(c.get("user"), siteId, "agent");
  return c.json({ items: await listRulesetVersions(c.env.DB, siteId) });
});

ruleRoutes.put("/", async (c) => {
  const siteId = c.req.param("site")!;
  requireRole(c.get("user"), siteId, "admin");
  const body = await readJson(c, 1024 * 1024);
  const result = validateRuleset(body, { teams: await listTeamIds(c.env.DB, siteId) });
  if (!result.ok) {
    const first = result.errors[0]!;
    return c.json(
      errorBody("invalid_ruleset", `Rule "${first.rule}", field "${first.field}": ${first.message}`, `${first.rule}.${first.field}`, {
        details: result.errors,
      }),
      400,
    );
  }
  const version = await publishRuleset(c.env.DB, siteId, result.ruleset, c.get("user").id);
  await audit(c.env.DB, {
    siteId,
    actorId: c.get("user").id,
    action: "ruleset.publish",
    target: String(version),
    detail: { rules: result.ruleset.rules.length },
  });
  return c.json({ version }, 201);
});

ruleRoutes.post("/versions/:version/restore", async (c) => {
  const siteId = c.req.param("site")!;
  requireRole(c.get("user"), siteId, "admin");
  const version = Number(c.req.param("version"));
  if (!Number.isInteger(version) || !(await restoreRulesetVersion(c.env.DB, siteId, version))) throw new AppError(404, "not_found", "No such version.");
  await audit(c.env.DB, { siteId, actorId: c.get("user").id, action: "ruleset.restore", target: String(version) });
  return c.json({ version });
});

ruleRoutes.post("/simulate", async (c) => {
  const siteId = c.req.param("site")!;
  requireRole(c.get("user"), siteId, "agent");
  const site = await getSite(c.env.DB, siteId);
  if (!site) throw new AppError(404, "not_found", "No such site.");
  const body = (await readJson(c, 1024 * 1024)) as Record<string, unknown> | null;
  let ruleset: unknown = body?.ruleset;
  let version = 0;
  if (ruleset === undefined) {
    const published = await getPublishedRuleset(c.env.DB, siteId);
    if (!published) throw new AppError(404, "not_found", "No ruleset has been published yet.");
    ruleset = published.ruleset;
    version = published.version;
  }
  const checked = validateRuleset(ruleset, { teams: await listTeamIds(c.env.DB, siteId) });
  if (!checked.ok) {
    const first = checked.errors[0]!;
    return c.json(
      errorBody("invalid_ruleset", `Rule "${first.rule}", field "${first.field}": ${first.message}`, `${first.rule}.${first.field}`, {
        details: checked.errors,
      }),
      400,
    );
  }
  const out = simulate(checked.ruleset, version, body?.message, body?.context, site);
  if (!out.ok) throw new AppError(400, "invalid", out.message, { field: out.field });
  return c.json({ actions: out.actions, trace: out.trace });
});
