// Sites (/api/v1/sites): the sites a user belongs to and their settings.

import { Hono } from "hono";
import { requireRole, requireUser } from "../auth/middleware.ts";
import { getSite, listSitesForUser } from "../db/sites.ts";
import { listSiteMembers } from "../db/users.ts";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors.ts";

export const siteRoutes = new Hono<AppEnv>();
siteRoutes.use("*", requireUser());

siteRoutes.get("/", async (c) => {
  const sites = await listSitesForUser(c.env.DB, c.get("user").id);
  return c.json({ items: sites });
});

siteRoutes.get("/:site", async (c) => {
  const id = c.req.param("site");
  const role = requireRole(c.get("user"), id, "agent");
  const site = await getSite(c.env.DB, id);
  if (!site) throw new AppError(404, "not_found", "No such site.");
  return c.json({ site, role });
});

siteRoutes.get("/:site/agents", async (c) => {
  const id = c.req.param("site");
  requireRole(c.get("user"), id, "agent");
  return c.json({ items: await listSiteMembers(c.env.DB, id) });
});
