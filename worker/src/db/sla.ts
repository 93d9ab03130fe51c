// SLA policies in D1 (sla_targets + sla_settings): read a site's policy (defaults when unset), replace it.

import type { Localized } from "../../../protocol/src/ruleset.ts";
import type { PriorityMinutes, SlaPolicy, SlaTargets } from "../../../protocol/src/sla.ts";
import { PRIORITIES, type Priority } from "../../../protocol/src/types.ts";
import { auditStatement } from "./audit.ts";
import { parseJson } from "./json.ts";
import { DEFAULT_SLA_POLICY } from "./sla-defaults.ts";

// The defaults live apart (no D1 types) so Node scripts such as the demo history can use them too.
export { DEFAULT_SLA_POLICY };

interface TargetRow {
  kind: "standard" | "complaint";
  priority: Priority;
  first_response_minutes: number | null;
  resolution_minutes: number | null;
}

interface SettingsRow {
  warning_minutes: number;
  inactivity_enabled: number;
  inactivity_minutes: number;
  follow_up_enabled: number;
  follow_up_delay_minutes: number;
  follow_up_message: string;
}

function copyTargets(t: SlaTargets): SlaTargets {
  return { firstResponse: { ...t.firstResponse }, resolution: { ...t.resolution } };
}

/** The site's SLA policy; parts never saved take the defaults. */
export async function getSlaPolicy(db: D1Database, siteId: string): Promise<SlaPolicy> {
  const [targets, settings] = await db.batch<TargetRow | SettingsRow>([
    db.prepare("SELECT kind, priority, first_response_minutes, resolution_minutes FROM sla_targets WHERE site_id = ?").bind(siteId),
    db
      .prepare(
        "SELECT warning_minutes, inactivity_enabled, inactivity_minutes, follow_up_enabled, follow_up_delay_minutes, follow_up_message FROM sla_settings WHERE site_id = ?",
      )
      .bind(siteId),
  ]);
  const d = DEFAULT_SLA_POLICY;
  const policy: SlaPolicy = {
    standard: copyTargets(d.standard),
    complaint: copyTargets(d.complaint),
    warningMinutes: d.warningMinutes,
    inactivity: { ...d.inactivity },
    followUp: { ...d.followUp },
  };
  for (const r of (targets?.results ?? []) as TargetRow[]) {
    const t = policy[r.kind];
    if (!t || !(PRIORITIES as readonly string[]).includes(r.priority)) continue;
    t.firstResponse[r.priority] = r.first_response_minutes;
    t.resolution[r.priority] = r.resolution_minutes;
  }
  const s = (settings?.results ?? [])[0] as SettingsRow | undefined;
  if (s) {
    policy.warningMinutes = s.warning_minutes;
    policy.inactivity = { enabled: s.inactivity_enabled === 1, minutes: s.inactivity_minutes };
    policy.followUp = {
      enabled: s.follow_up_enabled === 1,
      delayMinutes: s.follow_up_delay_minutes,
      message: parseJson<Localized>(s.follow_up_message, d.followUp.message),
    };
  }
  return policy;
}

/** Paths of the fields that differ between two policies (for the audit log). */
export function changedFields(before: SlaPolicy, after: SlaPolicy): string[] {
  const out: string[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (typeof a === "object" && a !== null && typeof b === "object" && b !== null && !Array.isArray(a)) {
      for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
        walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
    } else if (JSON.stringify(a) !== JSON.stringify(b)) out.push(path);
  };
  walk(before, after, "");
  return out;
}

/** Replaces the site's policy and records who changed what, in one batch. */
export async function putSlaPolicy(db: D1Database, siteId: string, policy: SlaPolicy, actorId: string, now = Date.now()): Promise<string[]> {
  const before = await getSlaPolicy(db, siteId);
  const changed = changedFields(before, policy);
  const upsertTarget = db.prepare(
    `INSERT INTO sla_targets (site_id, kind, priority, first_response_minutes, resolution_minutes) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (site_id, kind, priority) DO UPDATE SET first_response_minutes = excluded.first_response_minutes, resolution_minutes = excluded.resolution_minutes`,
  );
  const statements: D1PreparedStatement[] = [];
  for (const kind of ["standard", "complaint"] as const) {
    const t = policy[kind];
    for (const p of PRIORITIES) statements.push(upsertTarget.bind(siteId, kind, p, minutesOrNull(t.firstResponse, p), minutesOrNull(t.resolution, p)));
  }
  statements.push(
    db
      .prepare(
        `INSERT INTO sla_settings (site_id, warning_minutes, inactivity_enabled, inactivity_minutes, follow_up_enabled, follow_up_delay_minutes, follow_up_message, updated_by, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (site_id) DO UPDATE SET warning_minutes = excluded.warning_minutes, inactivity_enabled = excluded.inactivity_enabled,
           inactivity_minutes = excluded.inactivity_minutes, follow_up_enabled = excluded.follow_up_enabled,
           follow_up_delay_minutes = excluded.follow_up_delay_minutes, follow_up_message = excluded.follow_up_message,
           updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      )
      .bind(
        siteId,
        policy.warningMinutes,
        policy.inactivity.enabled ? 1 : 0,
        policy.inactivity.minutes,
        policy.followUp.enabled ? 1 : 0,
        policy.followUp.delayMinutes,
        JSON.stringify(policy.followUp.message),
        actorId,
        now,
      ),
    auditStatement(db, { siteId, actorId, action: "sla.update", target: siteId, detail: { changed } }, now),
  );
  await db.batch(statements);
  return changed;
}

function minutesOrNull(m: PriorityMinutes, p: Priority): number | null {
  return m[p] ?? null;
}
