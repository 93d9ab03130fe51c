// The audit log: every admin action that changes settings, rules, roles or contacts is recorded.

export interface AuditEntry {
  siteId: string | null;
  actorId: string | null;
  actorKind?: "user" | "token" | "system";
  action: string;
  target?: string | null;
  /** What changed. Never put secrets here. */
  detail?: Record<string, unknown>;
}

/** The statement recording an entry, to run alone or inside a batch with the change it records. */
export function auditStatement(db: D1Database, e: AuditEntry, now = Date.now()): D1PreparedStatement {
  return db
    .prepare("INSERT INTO audit_log (site_id, actor_id, actor_kind, action, target, detail, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
    .bind(e.siteId, e.actorId, e.actorKind ?? "user", e.action, e.target ?? null, JSON.stringify(e.detail ?? {}), now);
}

export async function audit(db: D1Database, e: AuditEntry, now = Date.now()): Promise<void> {
  await auditStatement(db, e, now).run();
}

export interface AuditRow {
  id: number;
  siteId: string | null;
  actorId: string | null;
  actorKind: string;
  action: string;
  target: string | null;
  detail: Record<string, unknown>;
  createdAt: number;
  /** The acting user's name (for tokens: the token's name), when known. */
  actorName?: string | null;
}

/** A site's audit log, newest first, optionally filtered by action prefix, actor, target and time. */
export async function listAudit(
  db: D1Database,
  siteId: string,
  f: { action?: string; actor?: string; target?: string; before?: number; since?: number; until?: number; limit?: number } = {},
): Promise<AuditRow[]> {
  const where = ["a.site_id = ?"];
  const args: unknown[] = [siteId];
  if (f.action) (where.push("a.action LIKE ? ESCAPE '\\'"), args.push(`${f.action.replace(/[\\%_]/g, (m) => `\\${m}`)}%`));
  if (f.actor) (where.push("a.actor_id = ?"), args.push(f.actor));
  if (f.target) (where.push("a.target = ?"), args.push(f.target));
  if (f.before) (where.push("a.id < ?"), args.push(f.before));
  if (f.since) (where.push("a.created_at >= ?"), args.push(f.since));
  if (f.until) (where.push("a.created_at < ?"), args.push(f.until));
  const { results } = await db
    .prepare(
      `SELECT a.*, COALESCE(u.name, t.name) AS actor_name FROM audit_log a
       LEFT JOIN users u ON a.actor_kind = 'user' AND u.id = a.actor_id
       LEFT JOIN api_tokens t ON a.actor_kind = 'token' AND t.id = a.actor_id
       WHERE ${where.join(" AND ")} ORDER BY a.id DESC LIMIT ?`,
    )
    .bind(...args, Math.min(Math.max(f.limit ?? 100, 1), 500))
    .all<{
      id: number;
      site_id: string | null;
      actor_id: string | null;
      actor_kind: string;
      action: string;
      target: string | null;
      detail: string;
      created_at: number;
      actor_name: string | null;
    }>();
  return results.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    actorId: r.actor_id,
    actorKind: r.actor_kind,
    action: r.action,
    target: r.target,
    detail: (() => {
      try {
        return JSON.parse(r.detail) as Record<string, unknown>;
      } catch {
        return {};
      }
    })(),
    createdAt: r.created_at,
    actorName: r.actor_name,
  }));
}
