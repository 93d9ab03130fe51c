// The Worker's runtime entry: HTTP through the Hono app, plus the Durable Object classes.

import { createApp } from "./app.ts";
import { handleEmail } from "./channels/email/inbound.ts";

export { ConversationDO } from "./conversation/conversation-do.ts";
export { InboxDO } from "./inbox/inbox-do.ts";
export { WebhookDO } from "./webhooks/webhook-do.ts";

const app = createApp();

export default {
  fetch: app.fetch,
  email: (message, env) => handleEmail(message, env),
} satisfies ExportedHandler<Env>;
