// Auto-assignment as a pure function: which waiting conversation goes to which agent, given the
// queue (in order), the roster (teams, strategies, capacities), who is online and everyone's load.
// No I/O: the Inbox carries the plan out through each Conversation's `assign` RPC.

export type Strategy = "round_robin" | "least_busy" | "manual";

export interface RosterMember {
  id: string;
  name: string;
  avatar?: string;
  /** Conversations auto-assignment gives this agent at once (0 = none). */
  capacity: number;
  teams: string[];
}

export interface RosterTeam {
  id: string;
  name: string;
  /** null = the site's default. */
  assignment: Strategy | null;
  members: string[];
}

export interface Roster {
  members: RosterMember[];
  teams: RosterTeam[];
  /** The site's default strategy. */
  strategy: Strategy;
}

export interface Waiting {
  id: string;
  team: string | null;
  /** Agents who gave this conversation back: it is not handed to them again. */
  released?: string[];
}

export interface AssignInput {
  queue: Waiting[];
  roster: Roster;
  /** Agents available for new conversations (console open, status online). */
  online: Set<string>;
  loads: Map<string, number>;
  /** Round robin: the last agent each pool was given to. */
  pointers: Map<string, string>;
  /** When each agent last got a conversation (least busy breaks ties by the longest wait). */
  lastAssigned: Map<string, number>;
}

export interface Assignment {
  conversationId: string;
  agent: RosterMember;
  /** The round-robin pool the choice came from: the team, or `_site`. */
  pool: string;
  strategy: Exclude<Strategy, "manual">;
}

/** The strategy and the candidate pool for a conversation of `team`. */
export function poolFor(roster: Roster, team: string | null): { key: string; strategy: Strategy; members: RosterMember[] } {
  const t = team ? roster.teams.find((x) => x.id === team) : undefined;
  const strategy = t?.assignment ?? roster.strategy;
  // A team nobody was put in (or no team) draws on everyone on the site.
  const ids = t && t.members.length ? new Set(t.members) : null;
  const members = roster.members.filter((m) => !ids || ids.has(m.id)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { key: t && ids ? t.id : "_site", strategy, members };
}

/**
 * Plans assignments for the queue in order. Each conversation goes to an online agent of its pool
 * with room left (load below capacity), chosen by the pool's strategy: round robin takes the next
 * agent after the pool's pointer; least busy takes the lowest load, then whoever waited longest.
 * Conversations whose pool is manual, or with nobody free, stay queued. Loads and pointers are
 * updated as the plan goes, so one pass never overfills an agent.
 */
export function planAssignments(input: AssignInput): Assignment[] {
  const loads = new Map(input.loads);
  const pointers = new Map(input.pointers);
  const out: Assignment[] = [];
  for (const c of input.queue) {
    const pool = poolFor(input.roster, c.team);
    if (pool.strategy === "manual") continue;
    const released = new Set(c.released ?? []);
    const free = pool.members.filter((m) => input.online.has(m.id) && !released.has(m.id) && (loads.get(m.id) ?? 0) < m.capacity);
    if (!free.length) continue;
    let agent: RosterMember;
    if (pool.strategy === "round_robin") {
      const last = pointers.get(pool.key);
      // The pool is sorted by id: the next id after the pointer, wrapping around.
      agent = (last !== undefined ? free.find((m) => m.id > last) : undefined) ?? free[0]!;
    } else {
      agent = free.reduce((best, m) => {
        const d = (loads.get(m.id) ?? 0) - (loads.get(best.id) ?? 0);
        if (d !== 0) return d < 0 ? m : best;
        return (input.lastAssigned.get(m.id) ?? 0) < (input.lastAssigned.get(best.id) ?? 0) ? m : best;
      });
    }
    loads.set(agent.id, (loads.get(agent.id) ?? 0) + 1);
    pointers.set(pool.key, agent.id);
    out.push({ conversationId: c.id, agent, pool: pool.key, strategy: pool.strategy });
  }
  return out;
}
