// The site's SLA policy as a conversation needs it: cached per isolate for a short while (one D1 read
// serves every conversation of the site), with the last copy kept in the object's own SQLite so timers
// still run on the right policy while D1 is unavailable.

import type { SlaPolicy } from "../../../protocol/src/sla.ts";
import { DEFAULT_SLA_POLICY, getSlaPolicy } from "../db/sla.ts";

/** How long a policy read from D1 is reused: an admin's change reaches running conversations within this. */
export const POLICY_TTL_MS = 30_000;

const cache = new Map<string, { policy: SlaPolicy; at: number }>();

/** The site's policy: from the isolate cache, else D1, else the object's last copy, else the defaults. */
export async function policyFor(db: D1Database, sql: SqlStorage, siteId: string): Promise<SlaPolicy> {
  const hit = cache.get(siteId);
  if (hit && Date.now() - hit.at < POLICY_TTL_MS) return hit.policy;
  sql.exec("CREATE TABLE IF NOT EXISTS policy_copy (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL)");
  try {
    const policy = await getSlaPolicy(db, siteId);
    cache.set(siteId, { policy, at: Date.now() });
    const body = JSON.stringify(policy);
    const copy = sql.exec<{ body: string }>("SELECT body FROM policy_copy").toArray()[0]?.body;
    if (copy !== body) sql.exec("INSERT INTO policy_copy (id, body) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body", body);
    return policy;
  } catch (e) {
    console.error("SLA policy unavailable; using the last copy", siteId, e instanceof Error ? e.message : e);
    const copy = sql.exec<{ body: string }>("SELECT body FROM policy_copy").toArray()[0]?.body;
    return copy ? (JSON.parse(copy) as SlaPolicy) : (hit?.policy ?? DEFAULT_SLA_POLICY);
  }
}

/** Forgets a site's cached policy (this isolate only): called after the admin saves a new one. */
export function forgetPolicy(siteId: string): void {
  cache.delete(siteId);
}
