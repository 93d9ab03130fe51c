// Sites (/api/v1/sites): the sites a user belongs to, creating one, its settings (name, origins,
// widget, hours, identity verification) and the identity secret, shown once and rotatable.

import { z } from "@hono/zod-openapi";
import { Hono, type Context } from "hono";
import { actorOf, requireRole, requireSession } from "../auth/middleware.ts";
import { audit } from "../db/audit.ts";
import {
  createSite,
  getIdentitySecretSealed,
  getSite,
  listSitesForUser,
  setIdentitySecretSealed,
  updateSite,
  type Site,
  type SitePatch,
  type WidgetSettings,
} from "../db/sites.ts";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import { rosterChanged } from "../inbox/notify.ts";
import { randomSecret } from "../lib/crypto.ts";
import { randomChars } from "../lib/ids.ts";
import { sealSecret } from "../lib/secrets.ts";
import { endpoint } from "../openapi/endpoint.ts";
import { listOf, SiteEnvelope, SiteSchema } from "../schemas/responses.ts";
import { SiteCreateInput, SitePatchInput } from "../schemas/site.ts";
import { STARTER_RULESET } from "../triage/starter-ruleset.ts";

export const siteRoutes = new Hono<AppEnv>();

/** The snippet a site owner pastes into their pages. */
export function embedSnippet(origin: string, siteId: string): string {
  return `<script src="${origin}/embed.js" data-site="${siteId}" async></script>`;
}

async function envelope(c: Context<AppEnv>, site: Site) {
  const role = c.get("user").roles[site.id]!;
  const identitySecretSet = (await getIdentitySecretSealed(c.env.DB, site.id)) !== null;
  return { site: { ...site, identitySecretSet }, role, embed: embedSnippet(new URL(c.req.url).origin, site.id) };
}

endpoint(
  siteRoutes,
  {
    method: "get",
    path: "/sites",
    tag: "Sites",
    summary: "Sites you belong to, with your role on each",
    access: "user",
    responses: { 200: { description: "Your sites", schema: listOf(SiteSchema) } },
  },
  async (c) => c.json({ items: await listSitesForUser(c.env.DB, c.get("user").id) }),
);

endpoint(
  siteRoutes,
  {
    method: "post",
    path: "/sites",
    tag: "Sites",
    summary: "Create a site",
    description:
      "You become its owner. It starts with `support` and `complaints` teams and the starter ruleset. Needs the owner or admin role on at least one site.",
    access: "session",
    body: SiteCreateInput,
    responses: { 201: { description: "The new site", schema: SiteEnvelope } },
  },
  async (c, { body }) => {
    const user = c.get("user");
    if (!Object.values(user.roles).some((r) => r === "owner" || r === "admin"))
      throw new AppError(403, "forbidden", "Only owners and admins of a site may create sites.");
    const id = body.key ?? `s-${randomChars(10)}`;
    const settings: WidgetSettings = { title: body.name, accent: "#4f46e5", position: "right" };
    if (!(await createSite(c.env.DB, { id, name: body.name, ownerId: user.id, ruleset: STARTER_RULESET, settings })))
      throw new AppError(409, "taken", "That site key is taken. Choose another.", { field: "key" });
    await audit(c.env.DB, { siteId: id, ...actorOf(c), action: "site.create", target: id, detail: { name: body.name } });
    const site = (await getSite(c.env.DB, id))!;
    c.set("user", { ...user, roles: { ...user.roles, [id]: "owner" } });
    return c.json(await envelope(c, site), 201);
  },
);

endpoint(
  siteRoutes,
  {
    method: "get",
    path: "/sites/:site",
    tag: "Sites",
    summary: "One site, its settings and embed snippet",
    access: "user",
    role: "agent",
    responses: { 200: { description: "The site", schema: SiteEnvelope } },
  },
  async (c) => {
    const id = c.req.param("site")!;
    requireRole(c.get("user"), id, "agent");
    const site = await getSite(c.env.DB, id);
    if (!site) throw new AppError(404, "not_found", "No such site.");
    return c.json(await envelope(c, site));
  },
);

endpoint(
  siteRoutes,
  {
    method: "patch",
    path: "/sites/:site",
    tag: "Sites",
    summary: "Change a site's settings",
    description:
      "Keys that are present replace the stored ones. `settings` is merged key by key (a key set to `null` goes back to the default). Turning `identityRequired` on needs an identity secret first.",
    access: "user",
    role: "admin",
    body: SitePatchInput,
    responses: { 200: { description: "The site as it is now", schema: SiteEnvelope } },
  },
  async (c, { body }) => {
    const id = c.req.param("site")!;
    requireRole(c.get("user"), id, "admin");
    const site = await getSite(c.env.DB, id);
    if (!site) throw new AppError(404, "not_found", "No such site.");
    if (body.identityRequired === true && !site.identityRequired && !(await getIdentitySecretSealed(c.env.DB, id)))
      throw new AppError(400, "invalid", "Create an identity secret before requiring verified identities.", { field: "identityRequired" });
    const { settings, ...rest } = body;
    const patch: SitePatch = rest;
    if (settings) {
      const merged: Record<string, unknown> = { ...site.settings };
      for (const [k, v] of Object.entries(settings)) {
        if (v === null) delete merged[k];
        else if (v !== undefined) merged[k] = v;
      }
      patch.settings = merged as WidgetSettings;
    }
    const updated = (await updateSite(c.env.DB, id, patch))!;
    const changed = Object.keys(body).flatMap((k) => (k === "settings" ? Object.keys(body.settings ?? {}).map((s) => `settings.${s}`) : [k]));
    await audit(c.env.DB, { siteId: id, ...actorOf(c), action: "site.update", target: id, detail: { changed } });
    if (changed.includes("assignment")) await rosterChanged(c.env, id);
    return c.json(await envelope(c, updated));
  },
);

endpoint(
  siteRoutes,
  {
    method: "post",
    path: "/sites/:site/identity-secret",
    tag: "Sites",
    summary: "Create or rotate the identity-verification secret",
    description:
      "Returns the new secret once; it is stored sealed and never shown again. The old secret stops working at once. Your server signs `userHash` (hex HMAC-SHA256 of the user id) or a HS256 JWT with it.",
    access: "session",
    role: "admin",
    responses: { 201: { description: "The new secret (shown once)", schema: z.object({ secret: z.string() }) } },
  },
  async (c) => {
    const id = c.req.param("site")!;
    requireSession(c);
    requireRole(c.get("user"), id, "admin");
    if (!(await getSite(c.env.DB, id))) throw new AppError(404, "not_found", "No such site.");
    const secret = randomSecret(32);
    await setIdentitySecretSealed(c.env.DB, id, await sealSecret(c.env.PARLEY_SECRET, secret));
    await audit(c.env.DB, { siteId: id, ...actorOf(c), action: "site.identity_secret.rotate", target: id });
    c.header("Cache-Control", "no-store");
    return c.json({ secret }, 201);
  },
);
