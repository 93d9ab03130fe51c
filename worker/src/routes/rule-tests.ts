// Saved rules-simulator cases (/api/v1/sites/:site/rules/tests): list, create, replace, delete, run.

import { Hono } from "hono";
import { requireRole } from "../auth/middleware.ts";
import { audit } from "../db/audit.ts";
import { countRuleTests, createRuleTest, deleteRuleTest, listRuleTests, updateRuleTest } from "../db/rule-tests.ts";
import type { AppEnv } from "../env.ts";
import { AppError, readJson } from "../errors.ts";
import { newId } from "../lib/ids.ts";
import { compileRuleset } from "../triage/compile.ts";
import { MAX_TESTS_PER_SITE, parseRuleTest, runRuleTests } from "../triage/rule-tests.ts";
import { checkRuleset, publishedCompiled, siteOf } from "./rules-support.ts";

/** Mounted under the rules routes, which already require a signed-in user. */
export const ruleTestRoutes = new Hono<AppEnv>();

function idParam(id: string | undefined): string {
  if (!id || !/^rt_[0-9a-z]{26}$/.test(id)) throw new AppError(404, "not_found", "No such test case.");
  return id;
}

ruleTestRoutes.get("/", async (c) => {
  const siteId = c.req.param("site")!;
  requireRole(c.get("user"), siteId, "agent");
  return c.json({ items: await listRuleTests(c.env.DB, siteId) });
});

ruleTestRoutes.post("/", async (c) => {
  const siteId = c.req.param("site")!;
  requireRole(c.get("user"), siteId, "admin");
  const site = await siteOf(c, siteId);
  const parsed = parseRuleTest(await readJson(c, 32 * 1024), site);
  if (!parsed.ok) throw new AppError(400, "invalid", parsed.message, { field: parsed.field });
  if ((await countRuleTests(c.env.DB, siteId)) >= MAX_TESTS_PER_SITE)
    throw new AppError(409, "limit", `A site keeps at most ${MAX_TESTS_PER_SITE} test cases.`);
  const test = await createRuleTest(c.env.DB, siteId, newId("rt"), parsed.test, c.get("user").id);
  await audit(c.env.DB, { siteId, actorId: c.get("user").id, action: "ruleset.test.create", target: test.id, detail: { name: test.name } });
  return c.json({ test }, 201);
});

ruleTestRoutes.put("/:id", async (c) => {
  const siteId = c.req.param("site")!;
  requireRole(c.get("user"), siteId, "admin");
  const id = idParam(c.req.param("id"));
  const site = await siteOf(c, siteId);
  const parsed = parseRuleTest(await readJson(c, 32 * 1024), site);
  if (!parsed.ok) throw new AppError(400, "invalid", parsed.message, { field: parsed.field });
  if (!(await updateRuleTest(c.env.DB, siteId, id, parsed.test))) throw new AppError(404, "not_found", "No such test case.");
  await audit(c.env.DB, { siteId, actorId: c.get("user").id, action: "ruleset.test.update", target: id, detail: { name: parsed.test.name } });
  return c.json({ test: { id, ...parsed.test } });
});

ruleTestRoutes.delete("/:id", async (c) => {
  const siteId = c.req.param("site")!;
  requireRole(c.get("user"), siteId, "admin");
  const id = idParam(c.req.param("id"));
  if (!(await deleteRuleTest(c.env.DB, siteId, id))) throw new AppError(404, "not_found", "No such test case.");
  await audit(c.env.DB, { siteId, actorId: c.get("user").id, action: "ruleset.test.delete", target: id });
  return c.body(null, 204);
});

/** `{ ruleset? }` → every saved case's result against the draft (or the published ruleset). */
ruleTestRoutes.post("/run", async (c) => {
  const siteId = c.req.param("site")!;
  requireRole(c.get("user"), siteId, "agent");
  const site = await siteOf(c, siteId);
  const body = (await readJson(c, 2 * 1024 * 1024)) as { ruleset?: unknown } | null;
  let compiled;
  if (body?.ruleset !== undefined) {
    const checked = await checkRuleset(c, siteId, body.ruleset);
    if (!checked.ok) return checked.response;
    compiled = compileRuleset(checked.ruleset, 0);
  } else compiled = await publishedCompiled(c, siteId);
  const results = runRuleTests(compiled, await listRuleTests(c.env.DB, siteId), site, Date.now());
  return c.json({ version: compiled.version, results, passed: results.filter((r) => r.passed).length, failed: results.filter((r) => !r.passed).length });
});
