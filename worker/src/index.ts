// The Worker's runtime entry: HTTP through the Hono app, plus the Durable Object classes.

import { createApp } from "./app.ts";
import { handleEmail } from "./channels/email/inbound.ts";
import { runRetention } from "./retention/purge.ts";

export { ConversationDO } from "./conversation/conversation-do.ts";
export { InboxDO } from "./inbox/inbox-do.ts";
export { WebhookDO } from "./webhooks/webhook-do.ts";
export { RateLimiterDO } from "./ratelimit/rate-limiter-do.ts";

const app = createApp();

export default {
  fetch: app.fetch,
  /** Cron (wrangler.toml [triggers]): data retention per site. */
  scheduled: (controller, env, ctx) => ctx.waitUntil(runRetention(env, controller.scheduledTime).then(() => undefined)),
  email: (message, env) => handleEmail(message, env),
} satisfies ExportedHandler<Env>;
