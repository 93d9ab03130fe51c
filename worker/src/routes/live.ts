// The console's live socket (/api/v1/sites/:site/live) to the site's Inbox Durable Object.

import { Hono } from "hono";
import { requireRole, requireUser } from "../auth/middleware.ts";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import { inboxStub } from "../stubs.ts";

export const liveRoutes = new Hono<AppEnv>();

liveRoutes.get("/sites/:site/live", requireUser(), async (c) => {
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") throw new AppError(426, "upgrade_required", "Connect with a WebSocket.");
  const origin = c.req.header("origin");
  if (origin && origin !== new URL(c.req.url).origin) throw new AppError(403, "csrf", "Cross-site sockets are not allowed.");
  const siteId = c.req.param("site");
  requireRole(c.get("user"), siteId, "agent");
  const user = c.get("user");
  const headers = new Headers(c.req.raw.headers);
  headers.set("x-parley-agent", JSON.stringify({ id: user.id, name: user.name }));
  headers.set("x-parley-site", siteId);
  return inboxStub(c.env, siteId).fetch(new Request(c.req.raw, { headers }));
});
