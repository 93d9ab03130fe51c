// Teams of a site: the slugs rules route to ("support", "complaints"), their members and how
// conversations are assigned within them.

export type AssignmentStrategy = "round_robin" | "least_busy" | "manual";
export const ASSIGNMENT_STRATEGIES: readonly AssignmentStrategy[] = ["round_robin", "least_busy", "manual"];

export interface Team {
  id: string;
  name: string;
  /** null = the site's default strategy (`sites.assignment`). */
  assignment: AssignmentStrategy | null;
  members: string[];
}

export async function listTeamIds(db: D1Database, siteId: string): Promise<string[]> {
  const { results } = await db.prepare("SELECT id FROM teams WHERE site_id = ? ORDER BY id").bind(siteId).all<{ id: string }>();
  return results.map((r) => r.id);
}

export async function listTeams(db: D1Database, siteId: string): Promise<Team[]> {
  const [teams, members] = await db.batch<Record<string, unknown>>([
    db.prepare("SELECT id, name, assignment FROM teams WHERE site_id = ? ORDER BY name").bind(siteId),
    db.prepare("SELECT team_id, user_id FROM team_members WHERE site_id = ?").bind(siteId),
  ]);
  const bucket = new Map<string, string[]>();
  for (const m of (members?.results ?? []) as { team_id: string; user_id: string }[]) bucket.set(m.team_id, [...(bucket.get(m.team_id) ?? []), m.user_id]);
  return ((teams?.results ?? []) as { id: string; name: string; assignment: AssignmentStrategy | null }[]).map((t) => ({
    id: t.id,
    name: t.name,
    assignment: t.assignment,
    members: bucket.get(t.id) ?? [],
  }));
}

export async function getTeam(db: D1Database, siteId: string, id: string): Promise<Team | null> {
  return (await listTeams(db, siteId)).find((t) => t.id === id) ?? null;
}

function memberStatements(db: D1Database, siteId: string, teamId: string, members: string[]): D1PreparedStatement[] {
  return [
    db.prepare("DELETE FROM team_members WHERE site_id = ? AND team_id = ?").bind(siteId, teamId),
    ...members.map((u) => db.prepare("INSERT OR IGNORE INTO team_members (site_id, team_id, user_id) VALUES (?, ?, ?)").bind(siteId, teamId, u)),
  ];
}

/** Creates a team with its members; false when the id is taken on the site. */
export async function createTeam(
  db: D1Database,
  siteId: string,
  t: { id: string; name: string; assignment: AssignmentStrategy | null; members: string[] },
  now = Date.now(),
): Promise<boolean> {
  try {
    await db.batch([
      db.prepare("INSERT INTO teams (site_id, id, name, assignment, created_at) VALUES (?, ?, ?, ?, ?)").bind(siteId, t.id, t.name, t.assignment, now),
      ...memberStatements(db, siteId, t.id, t.members),
    ]);
    return true;
  } catch (e) {
    if (String(e).includes("UNIQUE")) return false;
    throw e;
  }
}

/** Changes a team's name, strategy or members (members replace the whole list). */
export async function updateTeam(
  db: D1Database,
  siteId: string,
  id: string,
  p: { name?: string; assignment?: AssignmentStrategy | null; members?: string[] },
): Promise<void> {
  const stmts: D1PreparedStatement[] = [];
  if (p.name !== undefined) stmts.push(db.prepare("UPDATE teams SET name = ? WHERE site_id = ? AND id = ?").bind(p.name, siteId, id));
  if (p.assignment !== undefined) stmts.push(db.prepare("UPDATE teams SET assignment = ? WHERE site_id = ? AND id = ?").bind(p.assignment, siteId, id));
  if (p.members !== undefined) stmts.push(...memberStatements(db, siteId, id, p.members));
  if (stmts.length) await db.batch(stmts);
}

export async function deleteTeam(db: D1Database, siteId: string, id: string): Promise<void> {
  await db.batch([
    db.prepare("DELETE FROM team_members WHERE site_id = ? AND team_id = ?").bind(siteId, id),
    db.prepare("DELETE FROM teams WHERE site_id = ? AND id = ?").bind(siteId, id),
  ]);
}

/** The user ids of a team's members (empty for a team nobody was put in, or an unknown team). */
export async function listTeamMemberIds(db: D1Database, siteId: string, teamId: string): Promise<string[]> {
  const { results } = await db.prepare("SELECT user_id FROM team_members WHERE site_id = ? AND team_id = ?").bind(siteId, teamId).all<{ user_id: string }>();
  return results.map((r) => r.user_id);
}
