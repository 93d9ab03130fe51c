// Builds the Hono application: every HTTP route of the worker, one error path.

import { Hono } from "hono";
import type { AppEnv } from "./env.ts";
import { AppError, errorBody, renderError } from "./errors.ts";
import { adminShell } from "./routes/admin-shell.ts";
import { authRoutes } from "./routes/auth.ts";
import { conversationRoutes } from "./routes/conversations.ts";
import { fileRoutes } from "./routes/files.ts";
import { liveRoutes } from "./routes/live.ts";
import { ruleRoutes } from "./routes/rules.ts";
import { siteRoutes } from "./routes/sites.ts";
import { widgetRoutes } from "./routes/widget.ts";

export function createApp() {
  const app = new Hono<AppEnv>();
  app.onError(renderError);
  app.notFound((c) => c.json(errorBody("not_found", "No such route."), 404));

  app.route("/widget/v1", widgetRoutes);
  app.route("/files", fileRoutes);
  app.route("/api/v1/auth", authRoutes);
  app.route("/api/v1/sites/:site/rules", ruleRoutes);
  app.route("/api/v1/sites", siteRoutes);
  app.route("/api/v1", conversationRoutes);
  app.route("/api/v1", liveRoutes);
  app.get("/admin", (c) => c.redirect("/admin/", 301));
  app.route("/admin", adminShell);
  app.all("/api/*", () => {
    throw new AppError(404, "not_found", "No such route.");
  });
  return app;
}
