// Hands webhook events to the site's webhook object (which signs, sends, retries and logs them), and
// remembers per isolate whether a site has webhooks at all, so sites without any pay nothing.

import { hasEnabledWebhooks } from "../db/webhooks.ts";
import type { EventBatch } from "./events.ts";
import type { WebhookDO } from "./webhook-do.ts";

/** How long "this site has (no) webhooks" is reused; a new webhook gets events within this. */
export const WEBHOOK_CACHE_MS = 30_000;
const cache = new Map<string, { value: boolean; at: number }>();

/** The site's WebhookDO (binding WEBHOOKS in wrangler.toml). */
export function webhookStub(env: Env, siteId: string) {
  const ns = env.WEBHOOKS as DurableObjectNamespace<WebhookDO>;
  return ns.get(ns.idFromName(siteId));
}

/** True when the site has an enabled webhook (cached per isolate for WEBHOOK_CACHE_MS). */
export async function siteHasWebhooks(env: Env, siteId: string): Promise<boolean> {
  const hit = cache.get(siteId);
  if (hit && Date.now() - hit.at < WEBHOOK_CACHE_MS) return hit.value;
  const value = await hasEnabledWebhooks(env.DB, siteId);
  if (cache.size > 10_000) cache.clear();
  cache.set(siteId, { value, at: Date.now() });
  return value;
}

/** Forgets the cached answer for a site (this isolate): called when its webhooks change. */
export function forgetWebhooks(siteId: string): void {
  cache.delete(siteId);
}

/** Delivers a batch from a conversation's outbox to the site's webhook object (throws → retried). */
export async function dispatchEvents(env: Env, batch: EventBatch): Promise<void> {
  if (!batch.events.length) return;
  await webhookStub(env, batch.siteId).enqueue(batch);
}
