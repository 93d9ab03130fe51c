// Channels of a site (email, Telegram, WhatsApp, SMS, API): their settings, sealed secrets and
// health (last traffic, last error). Secrets arrive here already sealed and leave sealed.

import type { ChannelKind } from "../channels/types.ts";
import { parseJson } from "./json.ts";

/** A channel row: settings as stored, secrets still sealed. */
export interface ChannelRow {
  id: string;
  siteId: string;
  kind: ChannelKind;
  name: string;
  address: string | null;
  config: Record<string, string>;
  secretsSealed: string | null;
  enabled: boolean;
  lastInboundAt: number | null;
  lastOutboundAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  createdAt: number;
  updatedAt: number;
}

interface Row {
  id: string;
  site_id: string;
  kind: ChannelKind;
  name: string;
  address: string | null;
  config: string;
  secrets: string | null;
  enabled: number;
  last_inbound_at: number | null;
  last_outbound_at: number | null;
  last_error: string | null;
  last_error_at: number | null;
  created_at: number;
  updated_at: number;
}

function toChannel(r: Row): ChannelRow {
  return {
    id: r.id,
    siteId: r.site_id,
    kind: r.kind,
    name: r.name,
    address: r.address,
    config: parseJson<Record<string, string>>(r.config, {}),
    secretsSealed: r.secrets,
    enabled: r.enabled === 1,
    lastInboundAt: r.last_inbound_at,
    lastOutboundAt: r.last_outbound_at,
    lastError: r.last_error,
    lastErrorAt: r.last_error_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function getChannel(db: D1Database, id: string): Promise<ChannelRow | null> {
  const r = await db.prepare("SELECT * FROM channels WHERE id = ?").bind(id).first<Row>();
  return r ? toChannel(r) : null;
}

export async function listChannels(db: D1Database, siteId: string): Promise<ChannelRow[]> {
  const { results } = await db.prepare("SELECT * FROM channels WHERE site_id = ? ORDER BY created_at").bind(siteId).all<Row>();
  return results.map(toChannel);
}

/** The enabled channel of a kind that owns an address (email routing by recipient). */
export async function findChannelByAddress(db: D1Database, kind: ChannelKind, address: string): Promise<ChannelRow | null> {
  const r = await db.prepare("SELECT * FROM channels WHERE kind = ? AND address = ?").bind(kind, address.toLowerCase()).first<Row>();
  return r ? toChannel(r) : null;
}

/** The site's first enabled channel of a kind (the email channel a web conversation continues on). */
export async function firstEnabledChannel(db: D1Database, siteId: string, kind: ChannelKind): Promise<ChannelRow | null> {
  const r = await db
    .prepare("SELECT * FROM channels WHERE site_id = ? AND kind = ? AND enabled = 1 ORDER BY created_at LIMIT 1")
    .bind(siteId, kind)
    .first<Row>();
  return r ? toChannel(r) : null;
}

/** Inserts a channel; false when its address is taken (by any site). */
export async function insertChannel(
  db: D1Database,
  c: { id: string; siteId: string; kind: ChannelKind; name: string; address: string | null; config: Record<string, string>; secretsSealed: string | null },
  now = Date.now(),
): Promise<boolean> {
  try {
    await db
      .prepare(
        "INSERT INTO channels (id, site_id, kind, name, address, config, secrets, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
      )
      .bind(c.id, c.siteId, c.kind, c.name, c.address?.toLowerCase() ?? null, JSON.stringify(c.config), c.secretsSealed, now, now)
      .run();
    return true;
  } catch (e) {
    if (String(e).includes("UNIQUE")) return false;
    throw e;
  }
}

/** Changes name, enabled, settings or secrets; false when the new address is taken. */
export async function updateChannel(
  db: D1Database,
  id: string,
  p: { name?: string; enabled?: boolean; address?: string | null; config?: Record<string, string>; secretsSealed?: string | null },
  now = Date.now(),
): Promise<boolean> {
  const sets = ["updated_at = ?"];
  const args: unknown[] = [now];
  const put = (col: string, v: unknown) => (sets.push(`${col} = ?`), args.push(v));
  if (p.name !== undefined) put("name", p.name);
  if (p.enabled !== undefined) put("enabled", p.enabled ? 1 : 0);
  if (p.address !== undefined) put("address", p.address?.toLowerCase() ?? null);
  if (p.config !== undefined) put("config", JSON.stringify(p.config));
  if (p.secretsSealed !== undefined) put("secrets", p.secretsSealed);
  try {
    await db
      .prepare(`UPDATE channels SET ${sets.join(", ")} WHERE id = ?`)
      .bind(...args, id)
      .run();
    return true;
  } catch (e) {
    if (String(e).includes("UNIQUE")) return false;
    throw e;
  }
}

export async function deleteChannel(db: D1Database, id: string): Promise<void> {
  await db.prepare("DELETE FROM channels WHERE id = ?").bind(id).run();
}

/** Notes traffic on a channel (and clears or records its latest problem). */
export async function markChannelTraffic(db: D1Database, id: string, direction: "in" | "out", error: string | null, now = Date.now()): Promise<void> {
  const col = direction === "in" ? "last_inbound_at" : "last_outbound_at";
  if (error) await db.prepare("UPDATE channels SET last_error = ?, last_error_at = ? WHERE id = ?").bind(error.slice(0, 500), now, id).run();
  else await db.prepare(`UPDATE channels SET ${col} = ? WHERE id = ?`).bind(now, id).run();
}
