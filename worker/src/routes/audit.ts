// The audit log (/api/v1/sites/:site/audit): who changed which setting, ruleset, role or contact,
// and when; filterable by action, actor, target and time.

import { Hono } from "hono";
import { requireRole } from "../auth/middleware.ts";
import { listAudit } from "../db/audit.ts";
import type { AppEnv } from "../env.ts";
import { endpoint } from "../openapi/endpoint.ts";
import { AuditEntrySchema, listOf } from "../schemas/responses.ts";
import { AuditQuery } from "../schemas/team.ts";

export const auditRoutes = new Hono<AppEnv>();

endpoint(
  auditRoutes,
  {
    method: "get",
    path: "/sites/:site/audit",
    tag: "Audit log",
    summary: "The site's audit log, newest first",
    description: "Page with `before` = the smallest `id` of the previous page.",
    access: "user",
    role: "admin",
    query: AuditQuery,
    responses: { 200: { description: "Entries", schema: listOf(AuditEntrySchema) } },
  },
  async (c, { query }) => {
    const site = c.req.param("site")!;
    requireRole(c.get("user"), site, "admin");
    return c.json({ items: await listAudit(c.env.DB, site, query) });
  },
);
