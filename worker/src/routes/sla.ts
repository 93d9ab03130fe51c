// SLA policy of a site (/api/v1/sites/:site/sla-policy): read (agents) and replace (admins, audited).

import { Hono } from "hono";
import { parseSlaPolicy } from "../../../protocol/src/sla.ts";
import { requireRole, requireUser } from "../auth/middleware.ts";
import { getSlaPolicy, putSlaPolicy } from "../db/sla.ts";
import { forgetPolicy } from "../conversation/policy-cache.ts";
import type { AppEnv } from "../env.ts";
import { AppError, readJson } from "../errors.ts";

export const slaRoutes = new Hono<AppEnv>();
slaRoutes.use("*", requireUser());

slaRoutes.get("/", async (c) => {
  const siteId = c.req.param("site")!;
  requireRole(c.get("user"), siteId, "agent");
  return c.json({ policy: await getSlaPolicy(c.env.DB, siteId) });
});

slaRoutes.put("/", async (c) => {
  const siteId = c.req.param("site")!;
  requireRole(c.get("user"), siteId, "admin");
  const parsed = parseSlaPolicy(await readJson(c, 64 * 1024));
  if (!parsed.ok) throw new AppError(400, "invalid_policy", parsed.message, { field: parsed.field });
  const changed = await putSlaPolicy(c.env.DB, siteId, parsed.policy, c.get("user").id);
  forgetPolicy(siteId);
  return c.json({ policy: parsed.policy, changed });
});
