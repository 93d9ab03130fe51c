// What agents see of the channels: where each message of a conversation came from or went (and what
// failed), whether the web visitor is here, and the channels a contact has used.

import { z } from "@hono/zod-openapi";
import { Hono } from "hono";
import { requireRole } from "../auth/middleware.ts";
import { contactChannelKinds, getRoute, listConversationDeliveries } from "../db/channel-log.ts";
import { getContactProfile } from "../db/contact-records.ts";
import { getConversationSummary } from "../db/conversations.ts";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import { endpoint } from "../openapi/endpoint.ts";
import { conversationStub } from "../stubs.ts";

export const channelDataRoutes = new Hono<AppEnv>();

endpoint(
  channelDataRoutes,
  {
    method: "get",
    path: "/conversations/:id/deliveries",
    tag: "Channels",
    summary: "Messages of a conversation that crossed a channel (in and out), with failures; where replies go now; whether the web visitor is here",
    access: "user",
    role: "agent",
    responses: {
      200: {
        description: "The channel log",
        schema: z.object({
          route: z.record(z.string(), z.unknown()).nullable(),
          visitorOnline: z.boolean().openapi({ description: "A web visitor has the chat open now (else replies continue by email when an address is known)." }),
          items: z.array(z.record(z.string(), z.unknown())),
        }),
      },
    },
  },
  async (c) => {
    const summary = await getConversationSummary(c.env.DB, c.req.param("id")!);
    if (!summary || !c.get("user").roles[summary.siteId]) throw new AppError(404, "not_found", "No such conversation.");
    requireRole(c.get("user"), summary.siteId, "agent");
    const [route, items, presence] = await Promise.all([
      getRoute(c.env.DB, summary.id),
      listConversationDeliveries(c.env.DB, summary.id),
      conversationStub(c.env, summary.id).presence(),
    ]);
    return c.json({ route, visitorOnline: presence.visitorOnline, items: items.map(({ siteId: _s, ...i }) => i) });
  },
);

endpoint(
  channelDataRoutes,
  {
    method: "get",
    path: "/contacts/:id/channels",
    tag: "Channels",
    summary: "The channels a contact has used (conversations and messages) and the identities that recognise them",
    access: "user",
    role: "agent",
    responses: {
      200: {
        description: "Channels and identities",
        schema: z.object({ channels: z.array(z.string()), identities: z.array(z.object({ kind: z.string(), value: z.string(), verified: z.boolean() })) }),
      },
    },
  },
  async (c) => {
    const contact = await getContactProfile(c.env.DB, c.req.param("id")!);
    if (!contact) throw new AppError(404, "not_found", "No such contact.");
    requireRole(c.get("user"), contact.siteId, "agent");
    return c.json({ channels: await contactChannelKinds(c.env.DB, contact.id), identities: contact.identities });
  },
);
