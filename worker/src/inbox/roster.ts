// The site's people as auto-assignment sees them (members, capacities, teams and strategies), read
// from D1 and kept for a short while; settings changes refresh it at once (`rosterChanged`).

import { getSite } from "../db/sites.ts";
import { listTeams } from "../db/teams.ts";
import { listSiteMembers } from "../db/users.ts";
import type { Roster, Strategy } from "./assign.ts";

/** How long a roster read from D1 is used before it is read again. */
export const ROSTER_TTL_MS = 30_000;

const STRATEGIES: readonly Strategy[] = ["round_robin", "least_busy", "manual"];

export async function loadRoster(db: D1Database, siteId: string): Promise<Roster> {
  const [members, teams, site] = await Promise.all([listSiteMembers(db, siteId), listTeams(db, siteId), getSite(db, siteId)]);
  const teamsOf = new Map<string, string[]>();
  for (const t of teams) for (const m of t.members) teamsOf.set(m, [...(teamsOf.get(m) ?? []), t.id]);
  const strategy = STRATEGIES.includes(site?.assignment as Strategy) ? (site!.assignment as Strategy) : "round_robin";
  return {
    strategy,
    members: members.map((m) => ({
      id: m.id,
      name: m.name,
      ...(m.avatarUrl ? { avatar: m.avatarUrl } : {}),
      capacity: m.capacity,
      teams: teamsOf.get(m.id) ?? [],
    })),
    teams: teams.map((t) => ({ id: t.id, name: t.name, assignment: t.assignment, members: t.members })),
  };
}

/** A roster cached in memory (the object's instance), reloaded after ROSTER_TTL_MS or when told. */
export class RosterCache {
  private value: Roster | null = null;
  private loadedAt = 0;
  private loading: Promise<Roster> | null = null;
  private readonly db: D1Database;
  private readonly siteId: string;

  constructor(db: D1Database, siteId: string) {
    this.db = db;
    this.siteId = siteId;
  }

  /** The roster, from memory when fresh; concurrent callers share one D1 read. */
  async get(now: number): Promise<Roster> {
    if (this.value && now - this.loadedAt < ROSTER_TTL_MS) return this.value;
    this.loading ??= loadRoster(this.db, this.siteId).then(
      (r) => {
        this.value = r;
        this.loadedAt = now;
        this.loading = null;
        return r;
      },
      (e: unknown) => {
        this.loading = null;
        throw e;
      },
    );
    return this.loading;
  }

  /** The last roster read, even if old (for presence frames that must not wait on D1). */
  peek(): Roster | null {
    return this.value;
  }

  invalidate(): void {
    this.loadedAt = 0;
  }
}
