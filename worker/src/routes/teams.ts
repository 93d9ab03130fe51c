// Teams (/api/v1/sites/:site/teams): name, members and auto-assignment strategy. A team the
// published ruleset routes to cannot be deleted (the rules would point nowhere).

import { Hono } from "hono";
import { z } from "@hono/zod-openapi";
import { actorOf, requireRole } from "../auth/middleware.ts";
import { audit } from "../db/audit.ts";
import { getPublishedRuleset } from "../db/rulesets.ts";
import { createTeam, deleteTeam, getTeam, listTeams, updateTeam } from "../db/teams.ts";
import { listSiteMembers } from "../db/users.ts";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import { rosterChanged } from "../inbox/notify.ts";
import { endpoint } from "../openapi/endpoint.ts";
import { Ok } from "../schemas/common.ts";
import { listOf, TeamSchema } from "../schemas/responses.ts";
import { TeamCreateInput, TeamPatchInput } from "../schemas/team.ts";
import { validateRuleset } from "../triage/validate.ts";

export const teamRoutes = new Hono<AppEnv>();

/** Every member id must be a member of the site (400 naming the first that is not). */
async function checkMembers(db: D1Database, site: string, members: string[] | undefined): Promise<void> {
  if (!members?.length) return;
  const known = new Set((await listSiteMembers(db, site)).map((m) => m.id));
  const i = members.findIndex((m) => !known.has(m));
  if (i >= 0) throw new AppError(400, "invalid", `members.${i}: not a member of this site`, { field: `members.${i}` });
}

endpoint(
  teamRoutes,
  {
    method: "get",
    path: "/sites/:site/teams",
    tag: "Teams",
    summary: "The site's teams",
    access: "user",
    role: "agent",
    responses: { 200: { description: "Teams", schema: listOf(TeamSchema) } },
  },
  async (c) => {
    const site = c.req.param("site")!;
    requireRole(c.get("user"), site, "agent");
    return c.json({ items: await listTeams(c.env.DB, site) });
  },
);

endpoint(
  teamRoutes,
  {
    method: "post",
    path: "/sites/:site/teams",
    tag: "Teams",
    summary: "Create a team",
    access: "user",
    role: "admin",
    body: TeamCreateInput,
    responses: { 201: { description: "The team", schema: z.object({ team: TeamSchema }) } },
  },
  async (c, { body }) => {
    const site = c.req.param("site")!;
    requireRole(c.get("user"), site, "admin");
    await checkMembers(c.env.DB, site, body.members);
    if (!(await createTeam(c.env.DB, site, body))) throw new AppError(409, "taken", "A team with this id exists already.", { field: "id" });
    await audit(c.env.DB, {
      siteId: site,
      ...actorOf(c),
      action: "team.create",
      target: body.id,
      detail: { name: body.name, assignment: body.assignment, members: body.members.length },
    });
    await rosterChanged(c.env, site);
    return c.json({ team: await getTeam(c.env.DB, site, body.id) }, 201);
  },
);

endpoint(
  teamRoutes,
  {
    method: "patch",
    path: "/sites/:site/teams/:team",
    tag: "Teams",
    summary: "Change a team's name, strategy or members",
    description: "`members` replaces the whole list. `assignment: null` follows the site's default.",
    access: "user",
    role: "admin",
    body: TeamPatchInput,
    responses: { 200: { description: "The team", schema: z.object({ team: TeamSchema }) } },
  },
  async (c, { body }) => {
    const site = c.req.param("site")!;
    const id = c.req.param("team")!;
    requireRole(c.get("user"), site, "admin");
    const before = await getTeam(c.env.DB, site, id);
    if (!before) throw new AppError(404, "not_found", "No such team.");
    await checkMembers(c.env.DB, site, body.members);
    await updateTeam(c.env.DB, site, id, body);
    await audit(c.env.DB, { siteId: site, ...actorOf(c), action: "team.update", target: id, detail: { changed: Object.keys(body) } });
    await rosterChanged(c.env, site);
    return c.json({ team: await getTeam(c.env.DB, site, id) });
  },
);

endpoint(
  teamRoutes,
  {
    method: "delete",
    path: "/sites/:site/teams/:team",
    tag: "Teams",
    summary: "Delete a team",
    access: "user",
    role: "admin",
    responses: { 200: { description: "Deleted", schema: Ok }, 409: "The published ruleset routes to it" },
  },
  async (c) => {
    const site = c.req.param("site")!;
    const id = c.req.param("team")!;
    requireRole(c.get("user"), site, "admin");
    const teams = await listTeams(c.env.DB, site);
    if (!teams.some((t) => t.id === id)) throw new AppError(404, "not_found", "No such team.");
    const published = await getPublishedRuleset(c.env.DB, site);
    if (published && !validateRuleset(published.ruleset, { teams: teams.map((t) => t.id).filter((t) => t !== id) }).ok)
      throw new AppError(409, "in_use", "The published rules route conversations to this team. Change the rules first.");
    await deleteTeam(c.env.DB, site, id);
    await audit(c.env.DB, { siteId: site, ...actorOf(c), action: "team.delete", target: id });
    await rosterChanged(c.env, site);
    return c.json({ ok: true });
  },
);
