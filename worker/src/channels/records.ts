// Channel rows with their secrets opened (for adapters) or sealed (for storage), and the URLs a
// provider calls us at.

import { getChannel, type ChannelRow } from "../db/channels.ts";
import { openSecret, sealSecret } from "../lib/secrets.ts";
import type { ChannelRecord } from "./types.ts";

/** Opens a row's secrets; a row whose secrets cannot be opened (wrong master key) has none. */
export async function openChannel(env: Env, row: ChannelRow): Promise<ChannelRecord> {
  const opened = await openSecret(env.PARLEY_SECRET, row.secretsSealed);
  let secrets: Record<string, string> = {};
  if (opened) {
    try {
      secrets = JSON.parse(opened) as Record<string, string>;
    } catch {
      secrets = {};
    }
  }
  const { secretsSealed: _sealed, ...rest } = row;
  return { ...rest, secrets };
}

export async function sealChannelSecrets(env: Env, secrets: Record<string, string>): Promise<string | null> {
  return Object.keys(secrets).length ? sealSecret(env.PARLEY_SECRET, JSON.stringify(secrets)) : null;
}

/** Loads a channel with its secrets opened; null when it does not exist. */
export async function loadChannel(env: Env, id: string): Promise<ChannelRecord | null> {
  const row = await getChannel(env.DB, id);
  return row ? openChannel(env, row) : null;
}

/** The URL a provider posts to for this channel (`/channels/<kind>/<id>` on Parley's public origin). */
export function webhookUrl(ch: { kind: string; id: string; config: Record<string, string> }): string | null {
  if (ch.kind === "email") return null;
  return `${ch.config.publicOrigin ?? ""}/channels/${ch.kind}/${ch.id}`;
}
