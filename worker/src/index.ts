// The Worker's runtime entry: HTTP through the Hono app, plus the Durable Object classes.

import { createApp } from "./app.ts";

export { ConversationDO } from "./conversation/conversation-do.ts";
export { InboxDO } from "./inbox/inbox-do.ts";
export { RateLimiterDO } from "./ratelimit/rate-limiter-do.ts";

const app = createApp();

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
