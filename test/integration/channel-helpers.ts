// Helpers for the channel tests: the fake provider APIs (started by test/setup/fake-providers.ts),
// channels created through the admin API, mail handed to the worker's email() handler, and reads of
// what a conversation holds.

import { env } from "cloudflare:workers";
import { inject } from "vitest";
import { receiveEmail, type EmailOutcome } from "../../worker/src/channels/email/inbound.ts";
import { api } from "./admin-helpers.ts";
import { call, login, seedSite } from "./helpers.ts";

declare module "vitest" {
  export interface ProvidedContext {
    fakeProviders: string;
  }
}

/** Base URL of the fake provider APIs (a Node server on 127.0.0.1). */
export const fake = (): string => inject("fakeProviders");

export interface Recorded {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  size: number;
}

/** Requests the fake received whose path starts with `prefix`. */
export async function fakeLog(prefix: string): Promise<Recorded[]> {
  const res = await fetch(`${fake()}/__log?path=${encodeURIComponent(prefix)}`);
  return (await res.json()) as Recorded[];
}

/** Makes the fake webhook receiver `box` answer with these statuses, one per request (then 200). */
export async function scriptReceiver(box: string, statuses: number[]): Promise<void> {
  await fetch(`${fake()}/__script?box=${encodeURIComponent(box)}`, { method: "POST", body: JSON.stringify(statuses) });
}

/** A fresh site with its owner signed in. */
export async function ownerSite(): Promise<{ site: string; owner: string; agent: string }> {
  const s = await seedSite();
  const [owner, agent] = await Promise.all([login(s.owner), login(s.agent)]);
  return { site: s.site, owner, agent };
}

/** Connects a channel through the admin API; returns its view (with generated secrets). */
export async function createChannel(site: string, cookie: string, body: Record<string, unknown>): Promise<Record<string, any>> {
  const r = await api(`/sites/${site}/channels`, { method: "POST", cookie, body });
  if (r.status !== 201) throw new Error(`channel not created: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.channel as Record<string, any>;
}

/** POSTs a provider webhook to the worker. */
export function postWebhook(path: string, body: string, headers: Record<string, string>): Promise<Response> {
  return call(path, { method: "POST", body, headers });
}

/** The site's conversations in the index, newest first. */
export async function siteConversations(site: string): Promise<{ id: string; channel: string; status: string; contact_id: string }[]> {
  const { results } = await env.DB.prepare("SELECT id, channel, status, contact_id FROM conversations WHERE site_id = ? ORDER BY created_at DESC")
    .bind(site)
    .all();
  return results as { id: string; channel: string; status: string; contact_id: string }[];
}

export async function siteContacts(site: string): Promise<{ id: string; name: string | null; email: string | null; phone: string | null }[]> {
  const { results } = await env.DB.prepare("SELECT id, name, email, phone FROM contacts WHERE site_id = ?").bind(site).all();
  return results as { id: string; name: string | null; email: string | null; phone: string | null }[];
}

/** The whole conversation as an agent sees it (messages with notes). */
export async function conversationDetail(
  cookie: string,
  id: string,
): Promise<{ conversation: Record<string, any>; messages: Record<string, any>[]; contact: Record<string, any> }> {
  const r = await api(`/conversations/${id}`, { cookie });
  if (r.status !== 200) throw new Error(`conversation ${id}: ${r.status}`);
  return r.body as never;
}

/** Fills `{{NAME}}` placeholders of a fixture. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (m, k: string) => values[k] ?? m);
}

/** A delivered mail as the Email Routing runtime hands it to email(): envelope, headers, raw stream. */
export function inboundMail(raw: string, envelope: { from: string; to: string }) {
  const bytes = new TextEncoder().encode(raw);
  const head = raw.split(/\r?\n\r?\n/)[0] ?? "";
  const headers = new Headers();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i > 0) headers.append(line.slice(0, i).trim(), line.slice(i + 1).trim());
  }
  const state = { rejected: null as string | null };
  const message = {
    from: envelope.from,
    to: envelope.to,
    headers,
    raw: new Response(bytes).body!,
    rawSize: bytes.byteLength,
    setReject(reason: string) {
      state.rejected = reason;
    },
    forward: async () => ({ messageId: "" }),
    reply: async () => ({ messageId: "" }),
  } as unknown as ForwardableEmailMessage;
  return { message, state };
}

/** Hands a mail to the worker's email handler and returns what it did. */
export async function deliverMail(raw: string, envelope: { from: string; to: string }): Promise<EmailOutcome & { rejected: string | null }> {
  const { message, state } = inboundMail(raw, envelope);
  const outcome = await receiveEmail(message, env as Env);
  return { ...outcome, rejected: state.rejected };
}

/** The raw mail the email channel sent for a message (kept in R2 with the conversation). */
export async function sentMail(conversationId: string, seq: number): Promise<string | null> {
  const obj = await env.FILES.get(`${conversationId}/mail/${seq}.eml`);
  return obj ? obj.text() : null;
}
