// Connecting and changing channels: which inputs are settings and which are secrets, the secrets we
// generate (Telegram's webhook secret, WhatsApp's verify token, the API channel's signing secret),
// and how a channel is shown to admins (credentials masked, generated secrets and webhook URL shown).

import { randomSecret } from "../lib/crypto.ts";
import { webhookUrl } from "./records.ts";
import type { ChannelKind, ChannelRecord } from "./types.ts";

/** Per kind: inputs kept as settings, inputs kept sealed, secrets Parley generates (shown to admins). */
export const CHANNEL_FIELDS: Record<ChannelKind, { config: string[]; secrets: string[]; generated: string[] }> = {
  email: { config: ["fromName"], secrets: [], generated: [] },
  telegram: { config: ["baseUrl"], secrets: ["botToken"], generated: ["webhookSecret"] },
  whatsapp: { config: ["phoneNumberId", "baseUrl"], secrets: ["accessToken", "appSecret"], generated: ["verifyToken"] },
  sms: { config: ["accountSid", "fromNumber", "baseUrl"], secrets: ["authToken"], generated: [] },
  api: { config: ["outboundUrl"], secrets: [], generated: ["secret"] },
};

/** A freshly generated secret for a kind's `generated` field. */
export function generateSecret(field: string): string {
  // Standard Webhooks secrets are `whsec_` + base64 of the key bytes.
  if (field === "secret") return `whsec_${btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(24))))}`;
  return randomSecret(24).replace(/[^A-Za-z0-9_-]/g, "");
}

/** Splits a validated create/patch body into settings and secrets for the channel's kind. */
export function splitInput(kind: ChannelKind, input: Record<string, unknown>): { config: Record<string, string>; secrets: Record<string, string> } {
  const f = CHANNEL_FIELDS[kind];
  const config: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  for (const [k, v] of Object.entries(input)) {
    if (typeof v !== "string") continue;
    if (f.config.includes(k)) config[k] = v;
    else if (f.secrets.includes(k)) secrets[k] = v;
  }
  return { config, secrets };
}

/** The first input field that does not belong to the kind (patches may not mix kinds). */
export function foreignField(kind: ChannelKind, input: Record<string, unknown>): string | null {
  const f = CHANNEL_FIELDS[kind];
  for (const k of Object.keys(input)) {
    if (k === "name" || k === "enabled") continue;
    if (k === "address" ? kind !== "email" : !f.config.includes(k) && !f.secrets.includes(k)) return k;
  }
  return null;
}

const mask = (v: string) => `••••${v.slice(-4)}`;

/**
 * A channel as the admin sees it. Generated secrets only when `withSecrets` (the answer that made
 * them: connecting, or making new ones); otherwise their names with null, never their values.
 */
export function channelView(ch: ChannelRecord, withSecrets = false) {
  const f = CHANNEL_FIELDS[ch.kind];
  const { publicOrigin: _origin, ...config } = ch.config;
  return {
    id: ch.id,
    siteId: ch.siteId,
    kind: ch.kind,
    name: ch.name,
    address: ch.address,
    enabled: ch.enabled,
    config,
    webhookUrl: webhookUrl(ch),
    /** Secrets Parley generated: the admin copies them into the provider's settings. */
    generated: Object.fromEntries(f.generated.map((k) => [k, withSecrets ? (ch.secrets[k] ?? null) : null])),
    /** Provider credentials: whether each is set, and its last characters. */
    credentials: Object.fromEntries(f.secrets.map((k) => [k, ch.secrets[k] ? mask(ch.secrets[k]!) : null])),
    lastInboundAt: ch.lastInboundAt,
    lastOutboundAt: ch.lastOutboundAt,
    lastError: ch.lastError,
    lastErrorAt: ch.lastErrorAt,
    createdAt: ch.createdAt,
    updatedAt: ch.updatedAt,
  };
}
