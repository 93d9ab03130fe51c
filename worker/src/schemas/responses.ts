// Response shapes for the OpenAPI document (what the API returns; not used to validate at run time).

import { z } from "@hono/zod-openapi";
import { BusinessHoursInput, RetentionDays, WidgetSettingsInput } from "./site.ts";

const Role = z.enum(["owner", "admin", "agent"]);
const Time = z.number().int().openapi({ description: "Milliseconds since the Unix epoch (UTC)." });

export const UserSchema = z
  .object({ id: z.string(), email: z.string(), name: z.string(), avatarUrl: z.string().nullable(), roles: z.record(z.string(), Role) })
  .openapi("User");

export const SiteSchema = z
  .object({
    id: z.string().openapi({ description: "The site key used in the embed snippet." }),
    name: z.string(),
    allowedOrigins: z.array(z.string()),
    settings: WidgetSettingsInput,
    timezone: z.string(),
    businessHours: BusinessHoursInput,
    identityRequired: z.boolean(),
    anonymousAllowed: z.boolean(),
    identitySecretSet: z.boolean(),
    rulesetVersion: z.number().int(),
    assignment: z.enum(["round_robin", "least_busy", "manual"]),
    retentionDays: RetentionDays,
    createdAt: Time,
    updatedAt: Time,
  })
  .openapi("Site");

export const SiteEnvelope = z.object({ site: SiteSchema, role: Role, embed: z.string().openapi({ description: "The embed snippet to paste." }) });

export const MemberSchema = z
  .object({ id: z.string(), name: z.string(), email: z.string(), role: Role, capacity: z.number().int(), avatarUrl: z.string().nullable() })
  .openapi("Member");

export const InvitationSchema = z
  .object({
    id: z.string(),
    siteId: z.string(),
    email: z.string(),
    role: Role,
    createdBy: z.string().nullable(),
    createdAt: Time,
    expiresAt: Time,
    acceptedAt: Time.nullable(),
    revokedAt: Time.nullable(),
    state: z.enum(["pending", "accepted", "revoked", "expired"]),
  })
  .openapi("Invitation");

export const TokenSchema = z
  .object({
    id: z.string(),
    siteId: z.string(),
    userId: z.string(),
    name: z.string(),
    role: z.enum(["admin", "agent"]),
    prefix: z.string(),
    createdAt: Time,
    expiresAt: Time.nullable(),
    lastUsedAt: Time.nullable(),
    revokedAt: Time.nullable(),
  })
  .openapi("ApiToken");

export const SessionSchema = z
  .object({ id: z.string(), createdAt: Time, lastSeenAt: Time, expiresAt: Time, userAgent: z.string(), current: z.boolean() })
  .openapi("Session");

export const TeamSchema = z
  .object({ id: z.string(), name: z.string(), assignment: z.enum(["round_robin", "least_busy", "manual"]).nullable(), members: z.array(z.string()) })
  .openapi("Team");

export const CannedReplySchema = z
  .object({
    id: z.string(),
    siteId: z.string(),
    shortcut: z.string(),
    title: z.string(),
    text: z.string(),
    createdBy: z.string().nullable(),
    createdAt: Time,
    updatedAt: Time,
  })
  .openapi("CannedReply");

export const ConversationSummarySchema = z
  .object({
    id: z.string(),
    siteId: z.string(),
    contactId: z.string(),
    channel: z.enum(["web", "email", "telegram", "whatsapp", "sms", "api"]),
    status: z.enum(["bot", "queued", "assigned", "pending", "snoozed", "resolved", "closed"]),
    priority: z.enum(["low", "normal", "high", "urgent"]),
    team: z.string().nullable(),
    assigneeId: z.string().nullable(),
    labels: z.array(z.string()),
    lastMessageText: z.string().nullable(),
    lastMessageAt: Time.nullable(),
    messageCount: z.number().int(),
    createdAt: Time,
    updatedAt: Time,
  })
  .openapi("ConversationSummary");

export const ContactProfileSchema = z
  .object({
    id: z.string(),
    siteId: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    externalId: z.string().nullable(),
    tier: z.enum(["vip", "key", "regular"]),
    attributes: z.record(z.string(), z.unknown()),
    notes: z.string().nullable(),
    emails: z.array(z.string()),
    phones: z.array(z.string()),
    identities: z.array(z.object({ kind: z.string(), value: z.string(), verified: z.boolean() })),
    createdAt: Time,
    updatedAt: Time,
    lastSeenAt: Time.nullable(),
  })
  .openapi("Contact");

export const ContactListItemSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    externalId: z.string().nullable(),
    tier: z.string(),
    conversationCount: z.number().int(),
    updatedAt: Time,
    lastSeenAt: Time.nullable(),
  })
  .openapi("ContactListItem");

export const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    siteId: z.string().nullable(),
    actorId: z.string().nullable(),
    actorKind: z.enum(["user", "token", "system"]),
    actorName: z.string().nullable(),
    action: z.string(),
    target: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
    createdAt: Time,
  })
  .openapi("AuditEntry");

/** `{ items: [...] }` lists, with `next` (an opaque cursor) where the list pages. */
export const listOf = <T extends z.ZodType>(item: T, paged = false) =>
  paged ? z.object({ items: z.array(item), next: z.string().nullable() }) : z.object({ items: z.array(item) });
