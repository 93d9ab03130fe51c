// Users, their memberships (role per site) and lookup by email for sign-in.

export type Role = "owner" | "admin" | "agent";

/** The signed-in user as routes see it. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  avatarUrl: string | null;
  /** Role on each site the user belongs to. */
  roles: Record<string, Role>;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  avatar_url: string | null;
  password_hash: string;
}

export async function getUserByEmail(db: D1Database, email: string): Promise<(UserRow & { passwordHash: string }) | null> {
  const row = await db.prepare("SELECT id, email, name, avatar_url, password_hash FROM users WHERE email = ?").bind(email).first<UserRow>();
  return row ? { ...row, passwordHash: row.password_hash } : null;
}

export async function getSessionUserById(db: D1Database, id: string): Promise<SessionUser | null> {
  const [user, roles] = await db.batch<Record<string, unknown>>([
    db.prepare("SELECT id, email, name, avatar_url FROM users WHERE id = ?").bind(id),
    db.prepare("SELECT site_id, role FROM memberships WHERE user_id = ?").bind(id),
  ]);
  const u = user?.results[0] as UserRow | undefined;
  if (!u) return null;
  const map: Record<string, Role> = {};
  for (const r of (roles?.results ?? []) as { site_id: string; role: Role }[]) map[r.site_id] = r.role;
  return { id: u.id, email: u.email, name: u.name, avatarUrl: u.avatar_url, roles: map };
}

/** Agents of a site (every member can take conversations), for assignment and display. */
export async function listSiteMembers(
  db: D1Database,
  siteId: string,
): Promise<{ id: string; name: string; email: string; role: Role; capacity: number; avatarUrl: string | null }[]> {
  const { results } = await db
    .prepare(
      "SELECT u.id, u.name, u.email, u.avatar_url, m.role, m.capacity FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.site_id = ? ORDER BY u.name",
    )
    .bind(siteId)
    .all<{ id: string; name: string; email: string; avatar_url: string | null; role: Role; capacity: number }>();
  return results.map((r) => ({ id: r.id, name: r.name, email: r.email, role: r.role, capacity: r.capacity, avatarUrl: r.avatar_url }));
}
