// Request and response schemas of the agent workspace's own endpoints: the inbox, search, claim.

import { z } from "@hono/zod-openapi";
import { QueryInt } from "./common.ts";
import { ConversationSummarySchema } from "./responses.ts";

const Time = z.number().int().openapi({ description: "Milliseconds since the Unix epoch (UTC)." });
const Strategy = z.enum(["round_robin", "least_busy", "manual"]);

/** A time in the query string: ISO 8601 or milliseconds since the epoch. */
const QueryTime = z
  .string()
  .max(40)
  .transform((v, ctx) => {
    const ms = /^\d{1,15}$/.test(v) ? Number(v) : Date.parse(v);
    if (!Number.isFinite(ms)) {
      ctx.addIssue({ code: "custom", message: "must be an ISO 8601 time or milliseconds since the epoch" });
      return z.NEVER;
    }
    return ms;
  });

export const SearchQuery = z.object({
  q: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters").openapi({
    description: "Words to find (all must match). Matches inside words too: 退款, A12345, ann.lee@example.com.",
  }),
  status: z.enum(["open", "bot", "queued", "assigned", "pending", "snoozed", "resolved", "closed"]).optional(),
  assignee: z.string().max(64).optional().openapi({ description: "An agent id, `me` or `none`" }),
  team: z.string().max(40).optional(),
  label: z.string().max(64).optional(),
  channel: z.enum(["web", "email", "telegram", "whatsapp", "sms", "api"]).optional(),
  author: z.enum(["visitor", "agent", "bot", "note"]).optional().openapi({ description: "`note` = private notes only" }),
  from: QueryTime.optional(),
  to: QueryTime.optional(),
  cursor: z.string().max(100).optional(),
  limit: QueryInt(1, 100).optional(),
});

const MessageHitSchema = z
  .object({
    conversationId: z.string(),
    seq: z.number().int(),
    author: z.enum(["visitor", "agent", "bot"]),
    private: z.boolean(),
    snippet: z.string().openapi({ description: "The message around the first match (at most ~160 characters)" }),
    createdAt: Time,
    conversation: z.object({
      status: z.string(),
      priority: z.string(),
      team: z.string().nullable(),
      assigneeId: z.string().nullable(),
      channel: z.string(),
      contactId: z.string(),
      contactName: z.string().nullable(),
    }),
  })
  .openapi("MessageHit");

const ContactHitSchema = z
  .object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable(), tier: z.string(), updatedAt: Time })
  .openapi("ContactHit");

export const SearchResult = z.object({
  messages: z.object({ items: z.array(MessageHitSchema), next: z.string().nullable() }),
  contacts: z.array(ContactHitSchema).openapi({ description: "Matching contacts (first page of results only)" }),
});

const AgentPresenceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    status: z.enum(["online", "away", "offline"]),
    load: z.number().int().optional(),
    capacity: z.number().int().optional(),
    teams: z.array(z.string()).optional(),
  })
  .openapi("AgentPresence");

export const InboxStateSchema = z
  .object({
    agents: z.array(AgentPresenceSchema),
    queue: z.array(ConversationSummarySchema).openapi({ description: "Waiting for a person: by priority, then by how long they have waited" }),
    assignment: Strategy.openapi({ description: "The site's default auto-assignment" }),
    teams: z.array(z.object({ id: z.string(), name: z.string(), assignment: Strategy.nullable(), members: z.array(z.string()) })),
  })
  .openapi("Inbox");
