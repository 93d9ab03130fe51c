// API tokens (/api/v1/tokens): for programs, scoped to one site, shown once, revocable.
// Managed by a signed-in admin only (a token cannot mint or revoke tokens).

import { z } from "@hono/zod-openapi";
import { Hono } from "hono";
import { actorOf, requireRole } from "../auth/middleware.ts";
import { createApiToken, getApiToken, listApiTokens, revokeApiToken } from "../db/api-tokens.ts";
import { audit } from "../db/audit.ts";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import { endpoint } from "../openapi/endpoint.ts";
import { TokenCreateInput } from "../schemas/account.ts";
import { Ok } from "../schemas/common.ts";
import { listOf, TokenSchema } from "../schemas/responses.ts";

export const tokenRoutes = new Hono<AppEnv>();

endpoint(
  tokenRoutes,
  {
    method: "post",
    path: "/tokens",
    tag: "API tokens",
    summary: "Create an API token for a site",
    description:
      "The token (`parley_…`) is returned once and stored only as a hash. Send it as `Authorization: Bearer …`. It acts for you on that one site, with the lower of its role and yours.",
    access: "session",
    role: "admin",
    body: TokenCreateInput,
    responses: { 201: { description: "The token, with its secret value (shown once)", schema: z.object({ token: TokenSchema, secret: z.string() }) } },
  },
  async (c, { body }) => {
    requireRole(c.get("user"), body.site, "admin");
    const expiresAt = body.expiresInDays ? Date.now() + body.expiresInDays * 24 * 3600 * 1000 : null;
    const { token, secret } = await createApiToken(c.env.DB, { siteId: body.site, userId: c.get("user").id, name: body.name, role: body.role, expiresAt });
    await audit(c.env.DB, { siteId: body.site, ...actorOf(c), action: "token.create", target: token.id, detail: { name: body.name, role: body.role } });
    c.header("Cache-Control", "no-store");
    return c.json({ token, secret }, 201);
  },
);

endpoint(
  tokenRoutes,
  {
    method: "get",
    path: "/tokens",
    tag: "API tokens",
    summary: "A site's API tokens (never their values)",
    access: "session",
    role: "admin",
    query: z.object({ site: z.string().min(1).max(64) }),
    responses: { 200: { description: "Tokens, newest first", schema: listOf(TokenSchema) } },
  },
  async (c, { query }) => {
    requireRole(c.get("user"), query.site, "admin");
    return c.json({ items: await listApiTokens(c.env.DB, query.site) });
  },
);

endpoint(
  tokenRoutes,
  {
    method: "delete",
    path: "/tokens/:id",
    tag: "API tokens",
    summary: "Revoke an API token",
    access: "session",
    role: "admin",
    responses: { 200: { description: "Revoked", schema: Ok } },
  },
  async (c) => {
    const token = await getApiToken(c.env.DB, c.req.param("id")!);
    if (!token) throw new AppError(404, "not_found", "No such token.");
    requireRole(c.get("user"), token.siteId, "admin");
    if (!(await revokeApiToken(c.env.DB, token.id))) throw new AppError(409, "already_revoked", "That token was revoked already.");
    await audit(c.env.DB, { siteId: token.siteId, ...actorOf(c), action: "token.revoke", target: token.id, detail: { name: token.name } });
    return c.json({ ok: true });
  },
);
