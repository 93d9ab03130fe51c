// Request schemas for channels and outbound webhooks (they validate input and describe it in OpenAPI).

import { z } from "@hono/zod-openapi";
import { allowedBaseUrl } from "../channels/http.ts";
import { WEBHOOK_EVENTS } from "../webhooks/events.ts";
import { Email } from "./common.ts";

const Name = z.string().trim().min(1, "must not be empty").max(80, "must be at most 80 characters");
const Url = (what: string) =>
  z.string().trim().max(2000).refine(allowedBaseUrl, `${what} must be an https URL (http only for localhost), without credentials, query or fragment`);
const Secret = (min: number) => z.string().trim().min(min, `must be at least ${min} characters`).max(1000);
const Phone = z.string().regex(/^\+[1-9]\d{4,14}$/, "must be a phone number in E.164 form, e.g. +15551234567");

/** The channel's own address: its local part stays short so signed reply addresses fit in 64 characters. */
const ChannelAddress = Email.refine((e) => /^[a-z0-9._-]{1,20}@/.test(e), "the part before @ must be 1–20 letters, digits, dots, dashes or underscores");

export const ChannelCreateInput = z
  .discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("email"), name: Name, address: ChannelAddress, fromName: z.string().trim().max(80).optional() }),
    z.strictObject({
      kind: z.literal("telegram"),
      name: Name,
      botToken: z.string().regex(/^\d{3,20}:[\w-]{20,100}$/, "must be a bot token from @BotFather (123456:ABC…)"),
      baseUrl: Url("baseUrl").optional(),
    }),
    z.strictObject({
      kind: z.literal("whatsapp"),
      name: Name,
      phoneNumberId: z.string().regex(/^\d{3,30}$/, "must be the phone number id from the WhatsApp Manager"),
      accessToken: Secret(10),
      appSecret: Secret(8),
      baseUrl: Url("baseUrl").optional(),
    }),
    z.strictObject({
      kind: z.literal("sms"),
      name: Name,
      accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, "must be a Twilio account SID (AC + 32 hex digits)"),
      authToken: Secret(8),
      fromNumber: Phone,
      baseUrl: Url("baseUrl").optional(),
    }),
    z.strictObject({ kind: z.literal("api"), name: Name, outboundUrl: Url("outboundUrl").optional() }),
  ])
  .openapi("ChannelCreate", { description: "Connect a channel. Provider credentials are stored sealed and never shown again." });

export const ChannelPatchInput = z
  .strictObject({
    name: Name,
    enabled: z.boolean(),
    address: ChannelAddress,
    fromName: z.string().trim().max(80),
    botToken: z.string().regex(/^\d{3,20}:[\w-]{20,100}$/, "must be a bot token from @BotFather (123456:ABC…)"),
    phoneNumberId: z.string().regex(/^\d{3,30}$/, "must be the phone number id from the WhatsApp Manager"),
    accessToken: Secret(10),
    appSecret: Secret(8),
    accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, "must be a Twilio account SID (AC + 32 hex digits)"),
    authToken: Secret(8),
    fromNumber: Phone,
    baseUrl: z.union([Url("baseUrl"), z.literal("")]),
    outboundUrl: z.union([Url("outboundUrl"), z.literal("")]),
  })
  .partial()
  .openapi("ChannelPatch", { description: "Only the fields of the channel's kind are accepted; an empty baseUrl goes back to the provider's." });

const EventType = z.enum(WEBHOOK_EVENTS);

export const WebhookCreateInput = z
  .strictObject({
    url: Url("url"),
    description: z.string().trim().max(200).default(""),
    events: z
      .array(EventType)
      .max(WEBHOOK_EVENTS.length)
      .refine((e) => new Set(e).size === e.length, "must not repeat")
      .default([])
      .openapi({ description: "Event types to send; empty = every event." }),
  })
  .openapi("WebhookCreate");

export const WebhookPatchInput = z
  .strictObject({
    url: Url("url"),
    description: z.string().trim().max(200),
    events: z
      .array(EventType)
      .max(WEBHOOK_EVENTS.length)
      .refine((e) => new Set(e).size === e.length, "must not repeat"),
    enabled: z.boolean(),
  })
  .partial()
  .openapi("WebhookPatch");

export const DeliveryQuery = z.object({
  status: z.enum(["pending", "delivered", "failed"]).optional(),
  before: z
    .string()
    .regex(/^\d{1,15}$/, "must be a time in ms")
    .transform(Number)
    .optional(),
});
