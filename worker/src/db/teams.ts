// Teams of a site: the slugs rules route to ("support", "complaints").

export async function listTeamIds(db: D1Database, siteId: string): Promise<string[]> {
  const { results } = await db.prepare("SELECT id FROM teams WHERE site_id = ? ORDER BY id").bind(siteId).all<{ id: string }>();
  return results.map((r) => r.id);
}

export async function listTeams(db: D1Database, siteId: string): Promise<{ id: string; name: string; members: string[] }[]> {
  const [teams, members] = await db.batch<Record<string, unknown>>([
    db.prepare("SELECT id, name FROM teams WHERE site_id = ? ORDER BY name").bind(siteId),
    db.prepare("SELECT team_id, user_id FROM team_members WHERE site_id = ?").bind(siteId),
  ]);
  const bucket = new Map<string, string[]>();
  for (const m of (members?.results ?? []) as { team_id: string; user_id: string }[]) bucket.set(m.team_id, [...(bucket.get(m.team_id) ?? []), m.user_id]);
  return ((teams?.results ?? []) as { id: string; name: string }[]).map((t) => ({ id: t.id, name: t.name, members: bucket.get(t.id) ?? [] }));
}

/** The user ids of a team's members (empty for a team nobody was put in, or an unknown team). */
export async function listTeamMemberIds(db: D1Database, siteId: string, teamId: string): Promise<string[]> {
  const { results } = await db.prepare("SELECT user_id FROM team_members WHERE site_id = ? AND team_id = ?").bind(siteId, teamId).all<{ user_id: string }>();
  return results.map((r) => r.user_id);
}
