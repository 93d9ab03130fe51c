// Outbound webhook events (CONTRACT §6): their types and payloads. A payload is
// `{ type, timestamp, data }` as Standard Webhooks recommends; `data` never carries private notes
// or triage traces.

import type { ChatMessage } from "../../../protocol/src/types.ts";
import type { ConversationState } from "../conversation/lifecycle.ts";
import type { CsatResponse } from "../db/csat.ts";

export const WEBHOOK_EVENTS = [
  "conversation.created",
  "conversation.handoff",
  "conversation.assigned",
  "message.created",
  "conversation.resolved",
  "csat.submitted",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** One event. `id` is stable, so a redelivered batch never becomes a second delivery. */
export interface WebhookEvent {
  id: string;
  type: WebhookEventType | "webhook.test";
  timestamp: string;
  data: Record<string, unknown>;
}

/** Events of one site, as the Conversation object's outbox hands them to the site's webhook object. */
export interface EventBatch {
  siteId: string;
  events: WebhookEvent[];
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The conversation as integrations see it. */
export function conversationData(s: ConversationState): Record<string, unknown> {
  return {
    id: s.id,
    siteId: s.siteId,
    contactId: s.contactId,
    channel: s.channel,
    status: s.status,
    priority: s.priority,
    team: s.team,
    assignee: s.assignee ? { id: s.assignee.id, name: s.assignee.name } : null,
    labels: s.labels,
    locale: s.locale,
    createdAt: iso(s.createdAt),
    handoffAt: iso(s.handoffAt),
    resolvedAt: iso(s.resolvedAt),
  };
}

/** A public message as integrations see it. */
export function messageData(m: ChatMessage): Record<string, unknown> {
  return {
    id: m.id,
    seq: m.seq,
    author: m.author,
    ...(m.authorName ? { authorName: m.authorName } : {}),
    text: m.text,
    ...(m.attachments?.length ? { attachments: m.attachments.map((a) => ({ name: a.name, type: a.type, size: a.size, url: a.url })) } : {}),
    createdAt: new Date(m.createdAt).toISOString(),
  };
}

/** `csat.submitted` for a survey answer (one per resolution: the id says which). */
export function csatEvent(r: CsatResponse): WebhookEvent {
  return {
    id: `evt_csat_${r.conversationId}_${r.resolvedAt}`,
    type: "csat.submitted",
    timestamp: new Date(r.createdAt).toISOString(),
    data: {
      csat: {
        conversationId: r.conversationId,
        contactId: r.contactId,
        agentId: r.agentId,
        team: r.team,
        channel: r.channel,
        rating: r.rating,
        comment: r.comment,
        resolvedAt: iso(r.resolvedAt),
        createdAt: iso(r.createdAt),
      },
    },
  };
}

/** The payload body sent for an event. */
export function payloadOf(e: WebhookEvent): string {
  return JSON.stringify({ type: e.type, timestamp: e.timestamp, data: e.data });
}
