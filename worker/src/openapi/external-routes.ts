// Descriptions of the routes that are not defined through `endpoint()` (rules, conversations, the
// live socket, the widget API), so the OpenAPI document covers the whole API. Kept next to the
// document; test/integration/openapi.test.ts fails when a route exists without a description.

import { z, type RouteConfig } from "@hono/zod-openapi";
import { ConversationSummarySchema } from "../schemas/responses.ts";
import { ErrorSchema } from "./endpoint.ts";

const json = (schema: z.ZodType) => ({ content: { "application/json": { schema } } });
const err = (description: string) => ({ description, ...json(ErrorSchema) });
const std = { 400: err("Bad input (`field` names it)"), 401: err("Not signed in"), 403: err("Wrong role, another site, or a forged request") };
const signedIn = [{ session: [] }, { bearer: [] }];
const site = z.object({ site: z.string() });
const conv = z.object({ id: z.string() });

const Ruleset = z
  .object({ settings: z.record(z.string(), z.unknown()), rules: z.array(z.record(z.string(), z.unknown())) })
  .openapi("Ruleset", { description: "Triage rules as data (CONTRACT.md §5)." });
const Simulation = z.object({
  message: z.union([z.string(), z.object({ text: z.string().optional(), payload: z.string().optional() })]),
  context: z.record(z.string(), z.unknown()).optional(),
  ruleset: Ruleset.optional(),
});
const Attributes = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).openapi("VisitorAttributes");
const Identify = z
  .union([
    z.object({
      userId: z.string(),
      name: z.string().optional(),
      email: z.string().optional(),
      phone: z.string().optional(),
      tier: z.enum(["vip", "key", "regular"]).optional(),
      attributes: Attributes.optional(),
      userHash: z.string().optional(),
    }),
    z.object({ token: z.string() }),
  ])
  .openapi("Identify", { description: "identify() (CONTRACT.md §2): claims with a userHash, or an HS256 JWT." });
const Message = z.record(z.string(), z.unknown()).openapi("ChatMessage", { description: "One message of a conversation (protocol/src/types.ts)." });

function route(method: RouteConfig["method"], path: string, tag: string, summary: string, extra: Partial<RouteConfig> = {}): RouteConfig {
  return { method, path, tags: [tag], summary, security: signedIn, responses: { 200: { description: "OK" }, ...std }, ...extra } as RouteConfig;
}

/** Routes of the rules, conversations, live and widget modules, described by hand. */
export const externalRoutes: RouteConfig[] = [
  route("get", "/api/v1/openapi.json", "Meta", "This document", { security: [], responses: { 200: { description: "OpenAPI 3.1" } } }),
  route("get", "/api/v1/sites/{site}/rules", "Rules", "The published ruleset (or `?version=N`)", {
    request: { params: site, query: z.object({ version: z.string().optional() }) },
    responses: { 200: { description: "The ruleset", ...json(z.object({ version: z.number(), ruleset: Ruleset })) }, ...std, 404: err("None published") },
  }),
  route("put", "/api/v1/sites/{site}/rules", "Rules", "Validate and publish a new ruleset version (admin)", {
    request: { params: site, body: { required: true, ...json(Ruleset) } },
    responses: { 201: { description: "Published", ...json(z.object({ version: z.number() })) }, ...std },
  }),
  route("get", "/api/v1/sites/{site}/rules/versions", "Rules", "Every published version", { request: { params: site } }),
  route("post", "/api/v1/sites/{site}/rules/versions/{version}/restore", "Rules", "Put an earlier version back in force (admin)", {
    request: { params: z.object({ site: z.string(), version: z.string() }) },
  }),
  route("post", "/api/v1/sites/{site}/rules/simulate", "Rules", "Run a message through the rules: `{ actions, trace }`", {
    request: { params: site, body: { required: true, ...json(Simulation) } },
  }),
  route("get", "/api/v1/sites/{site}/rules/starter", "Rules", "The starter ruleset and the site's teams", { request: { params: site } }),
  route("post", "/api/v1/sites/{site}/rules/validate", "Rules", "Dry run: validate a ruleset and run the saved tests: `{ valid, errors, tests }` (admin)", {
    request: { params: site, body: { required: true, ...json(z.object({ ruleset: Ruleset })) } },
  }),
  route("get", "/api/v1/sites/{site}/rules/tests", "Rules", "Saved rule test cases", { request: { params: site } }),
  route("post", "/api/v1/sites/{site}/rules/tests", "Rules", "Save a test case `{ name, message, context?, expect }` (admin)", {
    request: { params: site, body: { required: true, ...json(z.record(z.string(), z.unknown())) } },
    responses: { 201: { description: "Saved" }, ...std },
  }),
  route("put", "/api/v1/sites/{site}/rules/tests/{id}", "Rules", "Change a saved test case (admin)", {
    request: { params: z.object({ site: z.string(), id: z.string() }), body: { required: true, ...json(z.record(z.string(), z.unknown())) } },
  }),
  route("delete", "/api/v1/sites/{site}/rules/tests/{id}", "Rules", "Delete a saved test case (admin)", {
    request: { params: z.object({ site: z.string(), id: z.string() }) },
  }),
  route("post", "/api/v1/sites/{site}/rules/tests/run", "Rules", "Run the saved test cases against the published or a given ruleset", {
    request: { params: site, body: { required: false, ...json(z.object({ ruleset: Ruleset.optional() })) } },
  }),
  route(
    "get",
    "/api/v1/sites/{site}/sla-policy",
    "SLA",
    "The site's SLA policy (targets per priority, complaint targets, warning lead, inactivity, follow-up)",
    {
      request: { params: site },
    },
  ),
  route("put", "/api/v1/sites/{site}/sla-policy", "SLA", "Replace the SLA policy as a whole (admin); 400 names the bad field", {
    request: { params: site, body: { required: true, ...json(z.record(z.string(), z.unknown())) } },
  }),
  route("get", "/api/v1/sites/{site}/conversations", "Conversations", "The inbox list", {
    request: {
      params: site,
      query: z.object({
        status: z.string().optional(),
        assignee: z.string().optional(),
        team: z.string().optional(),
        label: z.string().optional(),
        q: z.string().optional(),
        cursor: z.string().optional(),
        limit: z.string().optional(),
      }),
    },
    responses: { 200: { description: "Conversations", ...json(z.object({ items: z.array(ConversationSummarySchema), next: z.string().nullable() })) }, ...std },
  }),
  route("get", "/api/v1/conversations/{id}", "Conversations", "State, every message (bot part, notes, traces) and the contact", { request: { params: conv } }),
  route("post", "/api/v1/conversations/{id}/messages", "Conversations", "Reply or private note (idempotent by clientId)", {
    request: {
      params: conv,
      body: { required: true, ...json(z.object({ text: z.string(), private: z.boolean().optional(), clientId: z.string().optional() })) },
    },
    responses: { 201: { description: "Stored", ...json(z.object({ message: Message })) }, ...std },
  }),
  route("post", "/api/v1/conversations/{id}/assign", "Conversations", "Claim, assign, transfer or unassign", {
    request: {
      params: conv,
      body: { required: true, ...json(z.object({ agentId: z.string().nullable(), team: z.string().optional(), note: z.string().optional() })) },
    },
  }),
  route("post", "/api/v1/conversations/{id}/status", "Conversations", "open, pending, snoozed, resolved or closed", {
    request: {
      params: conv,
      body: {
        required: true,
        ...json(z.object({ status: z.enum(["open", "pending", "snoozed", "resolved", "closed"]), snoozeUntil: z.union([z.string(), z.number()]).optional() })),
      },
    },
  }),
  route("patch", "/api/v1/conversations/{id}", "Conversations", "Priority and labels", {
    request: {
      params: conv,
      body: { required: true, ...json(z.object({ priority: z.enum(["low", "normal", "high", "urgent"]).optional(), labels: z.array(z.string()).optional() })) },
    },
  }),
  route("post", "/api/v1/conversations/{id}/attachments", "Conversations", "Upload a file for a reply (raw body, `?name=`); send it with the message", {
    request: {
      params: conv,
      query: z.object({ name: z.string().optional() }),
      body: { required: true, content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } } },
    },
    responses: {
      201: { description: "Stored: `{ attachment: { id, name, type, size, url } }`", ...json(z.object({ attachment: z.record(z.string(), z.unknown()) })) },
      ...std,
      413: err("Larger than 10 MB"),
    },
  }),
  route("get", "/api/v1/conversations/{id}/ws", "Conversations", "An agent's WebSocket to one conversation (Upgrade: websocket)", {
    request: { params: conv },
    responses: { 101: { description: "Switching protocols" }, ...std },
  }),
  route("get", "/api/v1/sites/{site}/live", "Conversations", "The console's live stream (WebSocket)", {
    request: { params: site },
    responses: { 101: { description: "Switching protocols" }, ...std },
  }),
  route("get", "/widget/v1/sites/{site}/config", "Widget", "Public widget settings (allowed origins only)", { security: [], request: { params: site } }),
  route("post", "/widget/v1/sites/{site}/session", "Widget", "Start or renew a visitor session; applies identify/attributes sent with it", {
    security: [],
    request: {
      params: site,
      body: { required: false, ...json(z.object({ token: z.string().optional(), identify: Identify.optional(), attributes: Attributes.optional() })) },
    },
  }),
  route("post", "/widget/v1/sites/{site}/conversations", "Widget", "The visitor's open conversation, or a new one (Bearer visitor token)", {
    security: [{ visitor: [] }],
    request: {
      params: site,
      body: {
        required: false,
        ...json(z.object({ locale: z.string().optional(), pageUrl: z.string().optional(), prechat: z.record(z.string(), z.string()).optional() })),
      },
    },
  }),
  route("get", "/widget/v1/sites/{site}/conversations/{id}/queue", "Widget", "Place in the site's queue while waiting: `{ status, position }`", {
    security: [{ visitor: [] }],
    request: { params: z.object({ site: z.string(), id: z.string() }) },
  }),
  route("post", "/widget/v1/sites/{site}/identify", "Widget", "identify(): verified by userHash or an HS256 JWT; returns a new visitor token", {
    security: [{ visitor: [] }],
    request: { params: site, body: { required: true, ...json(Identify) } },
    responses: { 200: { description: "`{ token, verified, merged }`" }, ...std, 409: err("Signed in as another user: reset first") },
  }),
  route("post", "/widget/v1/sites/{site}/attributes", "Widget", "setAttributes(): custom attributes on the visitor's contact", {
    security: [{ visitor: [] }],
    request: { params: site, body: { required: true, ...json(z.object({ attributes: Attributes })) } },
  }),
  route("post", "/widget/v1/sites/{site}/offline", "Widget", "The offline form: message + email; the conversation continues by email", {
    security: [{ visitor: [] }],
    request: {
      params: site,
      body: {
        required: true,
        ...json(
          z.object({
            email: z.string(),
            message: z.string(),
            clientId: z.string(),
            fields: z.record(z.string(), z.string()).optional(),
            locale: z.string().optional(),
            pageUrl: z.string().optional(),
          }),
        ),
      },
    },
    responses: { 201: { description: "`{ conversation: { id }, email, message }`" }, ...std, 404: err("The site takes no offline messages") },
  }),
  route("post", "/widget/v1/sites/{site}/conversations/{id}/csat", "Widget", "Satisfaction rating 1–5 with an optional comment, once per resolution", {
    security: [{ visitor: [] }],
    request: {
      params: z.object({ site: z.string(), id: z.string() }),
      body: { required: true, ...json(z.object({ rating: z.number().int().min(1).max(5), comment: z.string().optional() })) },
    },
    responses: { 201: { description: "Recorded" }, ...std, 409: err("Not resolved, or already rated") },
  }),
  route(
    "post",
    "/widget/v1/sites/{site}/conversations/{id}/attachments",
    "Widget",
    "Upload a file (raw body, `?name=&clientId=`); posted as the visitor's message",
    {
      security: [{ visitor: [] }],
      request: { params: z.object({ site: z.string(), id: z.string() }), query: z.object({ name: z.string(), clientId: z.string() }) },
      responses: {
        201: { description: "`{ attachment, message }`; the file is served at `attachment.url` (`/files/<id>/<name>`)" },
        ...std,
        413: err("Over the site's size limit"),
        415: err("A type the site does not accept (sniffed from the bytes)"),
      },
    },
  ),
  route("get", "/widget/v1/sites/{site}/conversations/{id}/ws", "Widget", "The visitor's WebSocket (`?token=` visitor token)", {
    security: [{ visitor: [] }],
    request: { params: z.object({ site: z.string(), id: z.string() }), query: z.object({ token: z.string() }) },
    responses: { 101: { description: "Switching protocols" }, ...std },
  }),
];
