// Builds the Hono application: every HTTP route of the worker, one error path.

import { Hono } from "hono";
import type { AppEnv } from "./env.ts";
import { AppError, errorBody, renderError } from "./errors.ts";
import { adminShell } from "./routes/admin-shell.ts";
import { openApiRoutes } from "./openapi/document.ts";
import { accountRoutes } from "./routes/account.ts";
import { auditRoutes } from "./routes/audit.ts";
import { authRoutes } from "./routes/auth.ts";
import { cannedReplyRoutes } from "./routes/canned-replies.ts";
import { contactRoutes } from "./routes/contacts.ts";
import { inboxRoutes } from "./routes/inbox.ts";
import { agentUploadRoutes } from "./routes/agent-files.ts";
import { invitationRoutes } from "./routes/invitations.ts";
import { memberRoutes } from "./routes/members.ts";
import { previewRoutes } from "./routes/preview.ts";
import { reportRoutes } from "./routes/reports.ts";
import { teamRoutes } from "./routes/teams.ts";
import { tokenRoutes } from "./routes/tokens.ts";
import { conversationRoutes } from "./routes/conversations.ts";
import { fileRoutes } from "./routes/files.ts";
import { liveRoutes } from "./routes/live.ts";
import { ruleRoutes } from "./routes/rules.ts";
import { siteRoutes } from "./routes/sites.ts";
import { slaRoutes } from "./routes/sla.ts";
import { widgetRoutes } from "./routes/widget.ts";
import { apiHeaders } from "./security/headers.ts";
import { requireMasterSecret } from "./security/master-secret.ts";
import { channelDataRoutes } from "./routes/channel-data.ts";
import { channelRoutes } from "./routes/channels.ts";
import { channelWebhookRoutes } from "./routes/channel-webhooks.ts";
import { webhookRoutes } from "./routes/webhooks.ts";

export function createApp() {
  const app = new Hono<AppEnv>();
  app.onError(renderError);
  app.notFound((c) => c.json(errorBody("not_found", "No such route."), 404));

  // Security (issue 10): safe headers on every API/widget answer; no service without a real master secret.
  for (const prefix of ["/api/*", "/widget/*"]) app.use(prefix, apiHeaders(), requireMasterSecret());

  app.route("/widget/v1", widgetRoutes);
  app.route("/files", fileRoutes);
  // Admin API (issue 7). Mounted before conversationRoutes, whose `use("*")` would otherwise demand a
  // session for the public routes here (sign-in, invitations, the OpenAPI document).
  app.route("/api/v1", openApiRoutes);
  app.route("/api/v1", authRoutes);
  app.route("/api/v1", accountRoutes);
  app.route("/api/v1", invitationRoutes);
  app.route("/api/v1", tokenRoutes);
  app.route("/api/v1", siteRoutes);
  app.route("/api/v1", memberRoutes);
  app.route("/api/v1", teamRoutes);
  app.route("/api/v1", cannedReplyRoutes);
  app.route("/api/v1", contactRoutes);
  app.route("/api/v1", auditRoutes);
  app.route("/api/v1", previewRoutes);
  app.route("/api/v1", reportRoutes);
  app.route("/api/v1", inboxRoutes);
  app.route("/api/v1", agentUploadRoutes);
  app.route("/api/v1/sites/:site/rules", ruleRoutes);
  app.route("/api/v1/sites/:site/sla-policy", slaRoutes);
  // Channels and outbound webhooks (issue 9): admin API and provider webhooks.
  app.route("/api/v1", channelRoutes);
  app.route("/api/v1", webhookRoutes);
  app.route("/api/v1", channelDataRoutes);
  app.route("/channels", channelWebhookRoutes);
  app.route("/api/v1", conversationRoutes);
  app.route("/api/v1", liveRoutes);
  app.get("/admin", (c) => c.redirect("/admin/", 301));
  app.route("/admin", adminShell);
  app.all("/api/*", () => {
    throw new AppError(404, "not_found", "No such route.");
  });
  return app;
}
