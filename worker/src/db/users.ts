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

/** What sign-in needs beyond the password: the sealed TOTP secret and the last step used. */
export interface UserSecurity {
  id: string;
  email: string;
  passwordHash: string;
  totpSecret: string | null;
  totpPending: string | null;
  totpLastStep: number;
}

export async function getUserSecurity(db: D1Database, id: string): Promise<UserSecurity | null> {
  const r = await db
    .prepare("SELECT id, email, password_hash, totp_secret, totp_pending, totp_last_step FROM users WHERE id = ?")
    .bind(id)
    .first<{ id: string; email: string; password_hash: string; totp_secret: string | null; totp_pending: string | null; totp_last_step: number }>();
  return r
    ? { id: r.id, email: r.email, passwordHash: r.password_hash, totpSecret: r.totp_secret, totpPending: r.totp_pending, totpLastStep: r.totp_last_step }
    : null;
}

/** Creates a user; returns false when the email is taken. */
export async function createUser(db: D1Database, u: { id: string; email: string; name: string; passwordHash: string }, now = Date.now()): Promise<boolean> {
  const res = await db
    .prepare("INSERT OR IGNORE INTO users (id, email, name, password_hash, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?)")
    .bind(u.id, u.email, u.name, u.passwordHash, now, now)
    .run();
  return res.meta.changes > 0;
}

export async function setPasswordHash(db: D1Database, userId: string, hash: string, now = Date.now()): Promise<void> {
  await db.prepare("UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?").bind(hash, now, userId).run();
}

/** Stores a sealed secret waiting for its first code (enrolment), or clears it. */
export async function setTotpPending(db: D1Database, userId: string, sealed: string | null): Promise<void> {
  await db.prepare("UPDATE users SET totp_pending = ? WHERE id = ?").bind(sealed, userId).run();
}

/** Turns the second factor on with the pending secret (the code for `step` confirmed it), or off (`null`). */
export async function setTotpSecret(db: D1Database, userId: string, sealed: string | null, step = 0): Promise<void> {
  await db.prepare("UPDATE users SET totp_secret = ?, totp_pending = NULL, totp_last_step = ? WHERE id = ?").bind(sealed, step, userId).run();
}

/**
 * Records that the code for `step` was used. Returns false when that step (or a later one) was
 * already used: a code works once, even when two requests race.
 */
export async function claimTotpStep(db: D1Database, userId: string, step: number): Promise<boolean> {
  const res = await db.prepare("UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?").bind(step, userId, step).run();
  return res.meta.changes > 0;
}
